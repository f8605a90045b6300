"""Doctest collection: the README and the packages' docstrings run as tests."""
collect_ignore = ["geo/__main__.py"]
