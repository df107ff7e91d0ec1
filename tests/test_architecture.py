"""The layering rules of docs/architecture.md, checked on the source itself."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "drafting"
CLI = PACKAGE / "cli"
REASONS = ("start-up", "optional")
"""Words a comment must contain to justify an import inside a function."""


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)]


def _imported_names(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def _command_modules() -> list[Path]:
    return sorted(p for p in CLI.glob("*.py") if p.name not in ("__init__.py", "common.py"))


@pytest.mark.parametrize("module", _command_modules(), ids=lambda p: p.stem)
def test_no_command_module_imports_another(module: Path) -> None:
    others = {f"drafting.cli.{p.stem}" for p in _command_modules()} - {
        f"drafting.cli.{module.stem}"
    }
    tree = ast.parse(module.read_text(encoding="utf-8"))
    found = {name for node in _imports(tree) for name in _imported_names(node)} & others
    assert not found, f"{module.name} imports {sorted(found)}; share code through cli/common.py"


def _function_imports(path: Path) -> list[tuple[int, str]]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    out = []
    for function in ast.walk(ast.parse(source)):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in _imports(function):
                text = " ".join(lines[node.lineno - 1 : (node.end_lineno or node.lineno)])
                out.append((node.lineno, text))
    return out


def test_every_import_inside_a_function_says_why() -> None:
    """Allowed only for start-up time and optional extras, each with a comment saying which."""
    missing = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, text in _function_imports(path)
        if "#" not in text or not any(reason in text.split("#", 1)[1] for reason in REASONS)
    ]
    assert not missing, (
        "imports inside functions without '# start-up time' or '# optional …':\n"
        + "\n".join(missing)
    )


def test_the_import_contracts_hold() -> None:
    """import-linter's contracts in pyproject.toml: the layers, and a core free of click, lxml."""
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint)], cwd=PACKAGE.parent, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert "2 kept, 0 broken" in done.stdout
