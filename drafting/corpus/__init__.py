"""Corpus work: strength profiles and borrowed articles across thousands of files.

An edge package: it reads files (through ``drafting.formats``) and runs the pure functions
of the core (``drafting.strength.profile``, ``drafting.text.shingles``) on one of two
engines, a local process pool or Dask distributed (``engine.py``). The per-file tasks in
``tasks.py`` are plain module-level functions over bytes, so either engine can ship them.
"""
