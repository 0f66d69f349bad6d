"""The owner's settings dialog: one module per tab (salon, opening hours, staff, services,
gateway), the pieces they share (``form``) and the dialog that holds them (``dialog``)."""
