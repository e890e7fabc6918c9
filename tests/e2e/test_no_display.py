"""Without a display the window cannot open: the program says so in one line and exits 2,
instead of Qt aborting it."""

import os
import subprocess
import sys
from pathlib import Path

ONESTOP = Path(sys.executable).with_name("onestop")


def test_without_a_display_the_program_says_what_is_missing(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([str(ONESTOP), "--data-dir", str(tmp_path / "data")], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "DISPLAY" in lines[0], done.stderr
