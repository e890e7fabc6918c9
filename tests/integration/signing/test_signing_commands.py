"""The technician's commands for the token, as a script runs them: a real process, a real token."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from onestop.demo import DEMO_PASSWORD
from tests.integration.signing.softhsm_token import SIGNER_NAME, SoftToken

ROOT = Path(__file__).resolve().parents[3]


def onestop(*args: str, pin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ONESTOP_PASSWORD": DEMO_PASSWORD}
    env.pop("ONESTOP_TOKEN_PIN", None)
    if pin is not None:
        env["ONESTOP_TOKEN_PIN"] = pin
    return subprocess.run([sys.executable, "-c", "import sys; from cli import main; sys.exit(main())",
                           *args], capture_output=True, text=True, cwd=ROOT, timeout=120, env=env,
                          stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    assert onestop("demo", "--data-dir", str(folder), "--dossiers", "1").returncode == 0
    return folder


def test_the_technician_points_at_the_token_and_makes_a_test_signature(
        demo_dir: Path, soft_token: SoftToken) -> None:
    d = str(demo_dir)
    chosen = onestop("signing", "set", "--pkcs11-module", soft_token.module, "--token", soft_token.token,
                     "--key", soft_token.key, "--data-dir", d, "--user", "kythuat", "--json")
    assert chosen.returncode == 0, chosen.stderr
    assert json.loads(chosen.stdout)["token"] == soft_token.token
    tried = onestop("signing", "test", "--data-dir", d, "--user", "kythuat", "--json",
                    pin=soft_token.pin)
    assert tried.returncode == 0, tried.stderr
    signature = json.loads(tried.stdout)
    assert signature["signer"] == SIGNER_NAME and signature["verified"] is True
    assert signature["standard"] == "PAdES-B-B"

    wrong = onestop("signing", "test", "--data-dir", d, "--user", "kythuat", pin="111111")
    assert wrong.returncode == 2 and "PIN" in wrong.stderr and wrong.stderr.count("\n") == 1

    no_pin = onestop("signing", "test", "--data-dir", d, "--user", "kythuat")
    assert no_pin.returncode == 2 and "ONESTOP_TOKEN_PIN" in no_pin.stderr

    # the PIN went to the token only: not into the store, the audit, the outbox or any file
    for path in demo_dir.rglob("*"):
        if path.is_file():
            assert soft_token.pin.encode() not in path.read_bytes(), path
    for output in (chosen, tried, wrong):
        assert soft_token.pin not in output.stdout + output.stderr


def test_an_officer_may_not_change_the_token(demo_dir: Path, soft_token: SoftToken) -> None:
    refused = onestop("signing", "set", "--token", "khac", "--data-dir", str(demo_dir),
                      "--user", "canbo")
    assert refused.returncode == 2 and "canbo" in refused.stderr
