"""Sphinx extensions of the publication."""
