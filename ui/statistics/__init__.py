"""The Statistics section: figures across visits drawn as bar charts."""
