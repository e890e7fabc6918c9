"""What the machine has: tests that need a missing tool skip, except under CI, where they fail."""

import os
import shutil

import pytest


def need(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI lacks what this test needs: {reason}")
    pytest.skip(reason)


def need_program(name: str) -> str:
    path = shutil.which(name)
    need(path is not None, f"the program {name!r} is not installed")
    assert path is not None
    return path
