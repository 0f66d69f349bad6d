"""The waitlist at the counter: taking an entry (``waitlist_dialog``) and the freed times
that fit someone waiting (``matches_panel``)."""
