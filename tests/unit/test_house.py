"""The house rules CI holds the code to: the arrows between rooms, lint, and strict types."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_rooms_import_only_downwards_and_only_ui_uses_qt() -> None:
    result = run(str(BIN / "lint-imports"))
    assert result.returncode == 0, result.stdout[-3000:]


def test_lint_is_clean() -> None:
    result = run(str(BIN / "ruff"), "check", ".")
    assert result.returncode == 0, result.stdout[-3000:]


def test_the_qt_free_packages_pass_strict_type_checks() -> None:
    result = run(str(BIN / "mypy"))
    assert result.returncode == 0, result.stdout[-3000:]


EDGE_ROOMS = ("ui", "cli", "sync", "printing", "scanning", "signing", "idcard", "announcing")


def _store_transactions(path: Path) -> list[str]:
    """The `with x.read()`, `x.write()` or `x.session()` blocks in a module: a transaction opened
    by hand."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                call = item.context_expr
                if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                        and call.func.attr in ("read", "write", "session")
                        and not call.args and not call.keywords):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_only_the_core_opens_a_transaction_on_the_store() -> None:
    modules = [ROOT / "launch.py", *(p for room in EDGE_ROOMS for p in (ROOT / room).rglob("*.py"))]
    opened = [place for path in modules for place in _store_transactions(path)]
    assert opened == [], "call a core service that takes the Store instead: " + ", ".join(opened)
