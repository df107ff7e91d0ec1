"""The context rules of the strength scale (C1–C8), one module per pass.

:func:`drafting.strength.rules.analyse_plain` runs them in the order of
:data:`drafting.strength.rules.PASSES`; each reads what the ones before it decided.
Shared working state is in :mod:`state`; the word lists the passes read are data in
``drafting/lexicons/rule-words.json``.
"""
