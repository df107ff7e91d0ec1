"""HTML reports: one self-contained page per report (inline CSS and JS, no network).

``page.py`` holds the shell, the stylesheet and the script, written once; each other module
renders one report value into the shell: ``diff`` (a ``DiffReport``), ``strength`` (a
``StrengthResult``), ``history`` (a ``drafting.git.history.History``).
"""
