"""Shared fixtures. Tests that need a tool the machine lacks skip, except under CI, where they fail."""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def need(condition: bool, reason: str) -> None:
    """Skip when a machine tool is missing; under CI the same lack fails the run."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI lacks what this test needs: {reason}")
    pytest.skip(reason)
