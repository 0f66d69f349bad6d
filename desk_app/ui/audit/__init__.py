"""The owner's audit view (issue 12): who did what, when, on what."""
