"""Qt item models over service results: thin, with column constants, tested without a view."""
