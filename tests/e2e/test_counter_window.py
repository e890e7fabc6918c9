"""The real program on a demo data dir, in a real X server, driven by synthetic keyboard input:
log in, scan an ID card through the keyboard, pick a procedure, save; then look in the store."""

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from onestop import catalogue, dossiers
from onestop.catalogue import fits_channel
from onestop.demo import DEMO_PASSWORD
from onestop.dossiers import IN_PERSON
from onestop.procedure_choice import procedure_uses, ranked
from onestop.store.engine import open_store
from onestop.text import fold
from onestop.users import actor_named
from tests.machine import need_program

ID_CARD = "036190001234||Vũ Thị Lan|02021990|Nữ|Xóm 3, xã Minh Khai, Hưng Yên|10052022"
ONESTOP = Path(sys.executable).with_name("onestop")


def give_keys_to(letters: str, display: str) -> None:
    """Puts each letter on a spare keycode of its own. Otherwise xdotool maps a spare keycode
    for each letter as it types it and maps it back after, and a program that reads the key late
    (a loaded machine) reads the next letter's mapping."""
    env = {**os.environ, "DISPLAY": display}
    xmodmap = need_program("xmodmap")
    table = subprocess.run([xmodmap, "-pke"], env=env, check=True, timeout=30,
                           capture_output=True, text=True).stdout
    spare = [int(code) for code in re.findall(r"^keycode\s+(\d+) =\s*$", table, re.MULTILINE)]
    distinct = sorted(set(letters))
    assert len(spare) >= len(distinct), "the X server has too few spare keycodes"
    expressions = []
    for code, letter in zip(spare, distinct, strict=False):
        expressions += ["-e", f"keycode {code} = U{ord(letter):04X} U{ord(letter):04X}"]
    subprocess.run([xmodmap, *expressions], env=env, check=True, timeout=30)


@pytest.fixture
def display(tmp_path: Path) -> Iterator[str]:
    xvfb = need_program("Xvfb")
    need_program("xdotool")
    read_end, write_end = os.pipe()
    # -noreset: the server would put the keyboard map back when its last client leaves
    server = subprocess.Popen([xvfb, "-displayfd", str(write_end), "-noreset", "-screen", "0",
                               "1366x768x24", "-nolisten", "tcp"], pass_fds=(write_end,),
                              stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as numbers:
        number = numbers.readline().strip()
    give_keys_to("".join(letter for letter in ID_CARD if not letter.isascii()), f":{number}")
    yield f":{number}"
    server.terminate()
    server.wait(10)


def papers_to_tick(data: Path, typed: str) -> list[str]:
    """The keys that tick every paper of the procedure the officer's typing picks first."""
    store = open_store(data)
    try:
        with store.read() as session:
            officer = actor_named(session, "canbo")
            procedures = catalogue.list_procedures(session)
        picked = ranked(procedures, procedure_uses(store, officer), typed)[0]
    finally:
        store.close()
    shown = [d for d in picked.documents if fits_channel(d.name, IN_PERSON)]
    return [key for _paper in shown for key in ("space", "Down")]


class Program:
    def __init__(self, data: Path, display: str, log: Path) -> None:
        self.log = log
        self.env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
                    "ONESTOP_EVENT_LOG": str(log)}
        self.output = log.with_suffix(".out")
        with self.output.open("w") as output:
            self.process = subprocess.Popen([str(ONESTOP), "--data-dir", str(data)],
                                            env=self.env, stdout=output,
                                            stderr=subprocess.STDOUT)

    def events(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines()]

    def wait_for(self, event: str, timeout: float = 30.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [e for e in self.events() if e["event"] == event]
            if found:
                return found[-1]
            if self.process.poll() is not None:
                pytest.fail(f"the program ended early: {self.output.read_text()}")
            time.sleep(0.05)
        pytest.fail(f"no {event!r} within {timeout} s; saw {self.events()}")

    def focus(self, title: str) -> None:
        """No window manager runs here: give the keyboard to the window ourselves."""
        self.keys("search", "--sync", "--onlyvisible", "--name", title, "windowfocus", "--sync")

    def keys(self, *arguments: str) -> None:
        subprocess.run(["xdotool", *arguments], env=self.env, check=True, timeout=60)


def test_one_intake_through_the_real_window(tmp_path: Path, display: str) -> None:
    data = tmp_path / "demo"
    subprocess.run([str(ONESTOP), "demo", "--data-dir", str(data), "--dossiers", "4"], check=True,
                   capture_output=True, timeout=120)
    papers = papers_to_tick(data, "khai sinh")
    program = Program(data, display, tmp_path / "events.jsonl")
    try:
        # The officer types as soon as the login window shows, while the store still opens.
        program.wait_for("login_shown")
        program.focus("Đăng nhập")
        program.keys("type", "--delay", "40", "canbo")
        program.keys("key", "Return")
        program.keys("type", "--delay", "40", DEMO_PASSWORD)
        program.keys("key", "Return")
        program.wait_for("intake_ready")
        time.sleep(1.0)
        program.keys("type", "--delay", "10", ID_CARD)
        program.keys("key", "Return")
        read = program.wait_for("id_card_read")
        assert read["id_number"] == "036190001234"
        program.keys("type", "--delay", "90", "khai sinh")
        # papers start unticked: the officer ticks each one the citizen handed in
        program.keys("key", "--delay", "90", "Return", *papers, "ctrl+Return")
        received = program.wait_for("dossier_received")
        printed = program.wait_for("slip_printed")
        assert printed["sent"] is True
        program.keys("key", "ctrl+q")
        assert program.process.wait(30) == 0
    finally:
        if program.process.poll() is None:
            program.process.kill()
            program.process.wait(10)
    store = open_store(data)
    try:
        with store.read() as session:
            supervisor = actor_named(session, "lanhdao")
        view = dossiers.show(store, supervisor, received["code"])
    finally:
        store.close()
    assert view.applicant.full_name == "Vũ Thị Lan"
    assert "khai sinh" in fold(view.procedure_name)
    assert view.received_by == "canbo"
    assert list((data / "slips").glob("*.png"))
