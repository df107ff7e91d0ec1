"""drafting: diff, validate and grade the guarantee strength of treaty and diplomatic clauses."""

__version__ = "0.1.0"
