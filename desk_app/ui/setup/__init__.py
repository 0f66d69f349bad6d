"""The setup assistant of a real installation's first start (issue 13)."""
