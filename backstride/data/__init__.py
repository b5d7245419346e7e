"""Packaged content: the exercise catalogue and the education topics, as TOML files."""
