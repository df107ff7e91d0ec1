"""Locate data files shipped with the package (schemas, lexicons).

In a wheel the top-level ``schemas/`` folder is installed as ``drafting/schemas``; in a
checkout (editable install, tests) it sits beside the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def schemas_dir() -> Path:
    for candidate in (_PACKAGE / "schemas", _PACKAGE.parent / "schemas"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("drafting schemas not found; the installation is incomplete")


def schema_path(name: str) -> Path:
    """Path of a schema file by name, such as ``clause.xsd`` or ``diff-report.schema.json``."""
    return schemas_dir() / name


def data_path(*parts: str) -> Path:
    """Path of a package data file under ``drafting/``, such as ``lexicons/en.json``."""
    return _PACKAGE.joinpath(*parts)
