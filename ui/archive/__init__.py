"""The pages that look across all visits: the experience archive and the follow-ups list."""
