"""Locate data files shipped with the package (schemas, lexicons).

In a wheel the top-level ``schemas/`` folder is installed as ``drafting/schemas``; in a
checkout (editable install, tests) it sits beside the package.

Paths are made with ``os.path`` (``data_file``), and ``pathlib`` is imported only for the
functions that return a ``Path``: a ``drafting diff`` reads its lexicons at start-up, and
``pathlib`` (with ``urllib.parse`` and ``ipaddress``, which it imports) would cost it about
2 ms of an import nothing else in that run needs.
"""

from __future__ import annotations

import os
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

_PACKAGE = os.path.dirname(os.path.realpath(__file__))


@cache
def schemas_dir() -> Path:
    from pathlib import Path  # start-up time: see the module docstring

    package = Path(_PACKAGE)
    for candidate in (package / "schemas", package.parent / "schemas"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("drafting schemas not found; the installation is incomplete")


def schema_path(name: str) -> Path:
    """Path of a schema file by name, such as ``clause.xsd`` or ``diff-report.schema.json``."""
    return schemas_dir() / name


def data_file(*parts: str) -> str:
    """Path (a string) of a package data file under ``drafting/``, such as
    ``lexicons/en.json``."""
    return os.path.join(_PACKAGE, *parts)


def data_path(*parts: str) -> Path:
    """``data_file`` as a ``Path``."""
    from pathlib import Path  # start-up time: see the module docstring

    return Path(data_file(*parts))
