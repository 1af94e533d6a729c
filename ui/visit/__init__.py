"""visit of the desktop."""
