"""The real program on a demo data dir, in a real X server, driven by synthetic keyboard input:
log in, scan an ID card through the keyboard, pick a procedure, tick the papers, save; then look
in the store."""

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from onestop import catalogue, dossiers
from onestop.catalogue import fits_channel
from onestop.demo import DEMO_PASSWORD
from onestop.dossiers import IN_PERSON
from onestop.procedure_choice import procedure_uses, ranked
from onestop.store.engine import open_store
from onestop.text import fold
from onestop.users import actor_named
from tests.e2e.desktop import Program, start_display, stop_display

ID_CARD = "036190001234||Vũ Thị Lan|02021990|Nữ|Xóm 3, xã Minh Khai, Hưng Yên|10052022"
ONESTOP = Path(sys.executable).with_name("onestop")


@pytest.fixture
def display() -> Iterator[str]:
    server, name = start_display("".join(letter for letter in ID_CARD if not letter.isascii()))
    yield name
    stop_display(server)


def papers_to_tick(data: Path, typed: str) -> list[str]:
    """The keys that tick every paper of the procedure the officer's typing picks first."""
    store = open_store(data)
    try:
        with store.read() as session:
            officer = actor_named(session, "canbo")
        procedures = catalogue.list_procedures(store)
        picked = ranked(procedures, procedure_uses(store, officer), typed)[0]
    finally:
        store.close()
    shown = [d for d in picked.documents if fits_channel(d.name, IN_PERSON)]
    return [key for _paper in shown for key in ("space", "Down")]


def test_one_intake_through_the_real_window(tmp_path: Path, display: str) -> None:
    data = tmp_path / "demo"
    subprocess.run([str(ONESTOP), "demo", "--data-dir", str(data), "--dossiers", "4"], check=True,
                   capture_output=True, timeout=120)
    papers = papers_to_tick(data, "khai sinh")
    program = Program(ONESTOP, data, display, tmp_path / "events.jsonl")
    try:
        # The officer types as soon as the login window shows, while the store still opens.
        program.log_in("canbo", DEMO_PASSWORD)
        program.wait_for("intake_ready")
        time.sleep(1.0)
        program.scan(ID_CARD)
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
        program.stop()
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
