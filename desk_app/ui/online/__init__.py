"""The online requests section („Online-Anfragen") and its pieces."""
