"""The house rules CI holds the code to: the arrows between rooms, lint, and strict types."""

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
