"""The visual regression check and the screenshot matrix: a fixed stage (clock, fonts,
demo salon), the walk through the main screens, and the image comparison."""
