from collections.abc import Callable
from pathlib import Path

import pytest

from tests.integration.scanning.sane_test_backend import write_config

SaneConfig = Callable[..., Path]


@pytest.fixture
def sane_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SaneConfig:
    """Call with test-backend options (read_status_code='"SANE_STATUS_JAMMED"', ...) to point
    SANE at a private configuration for this test."""

    def configure(**options: str) -> Path:
        folder = write_config(tmp_path / "sane.d", **options)
        monkeypatch.setenv("SANE_CONFIG_DIR", str(folder))
        return folder

    return configure
