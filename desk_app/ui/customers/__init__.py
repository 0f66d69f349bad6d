"""The customers screen: search, the paged list, master data, visits and consent."""
