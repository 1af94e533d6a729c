"""directory of the desktop."""
