"""Renderers: one module per output format, each a function of the same ``DiffReport``."""
