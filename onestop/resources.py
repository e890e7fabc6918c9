"""Where the data-only resources/ folder is, installed or in a clone."""

from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return _ROOT.joinpath(*parts)
