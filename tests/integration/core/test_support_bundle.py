"""`onestop support-bundle` on the demo: an archive a technician can send on, with the program's
logs, versions and settings, and nothing of any citizen in the store, not even what a log line let
slip."""

import json
import logging
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from onestop import demo, dossiers
from onestop.dossier_list import DossierFilter, list_dossiers
from onestop.program_log import log_folder, start_program_log
from onestop.store.engine import open_store
from onestop.users import actor_named


def onestop(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ONESTOP_PASSWORD": demo.DEMO_PASSWORD}
    return subprocess.run([sys.executable, "-c", "import sys; from launch import main; sys.exit(main())",
                           *args], capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture
def office(tmp_path: Path) -> Path:
    data = tmp_path / "office"
    store = open_store(data)
    try:
        demo.fill(store, data, dossiers=8)
    finally:
        store.close()
    return data


def citizens_of(data: Path) -> set[str]:
    store = open_store(data)
    try:
        with store.read() as session:
            supervisor = actor_named(session, "lanhdao")
        found: set[str] = set()
        for summary in list_dossiers(store, supervisor, DossierFilter()):
            applicant = dossiers.show(store, supervisor, summary.code).applicant
            found.update(v for v in (applicant.full_name, applicant.id_number, applicant.phone,
                                     applicant.email, applicant.address) if v)
        return found
    finally:
        store.close()


def test_the_bundle_tells_the_counter_and_nobody_s_data(office: Path, tmp_path: Path) -> None:
    citizens = citizens_of(office)
    assert len(citizens) > 10
    # a careless log line that names a citizen, as a bug might write one
    program_log = start_program_log(office)
    leaked = sorted(citizens)[:3]
    logging.getLogger("onestop.test").warning("hồ sơ của %s", " / ".join(leaked))
    for handler in list(logging.getLogger().handlers):
        if getattr(handler, "baseFilename", None) == str(program_log):
            logging.getLogger().removeHandler(handler)
            handler.close()
    assert any(word in (log_folder(office) / "onestop.log").read_text(encoding="utf-8")
               for word in leaked)

    out = tmp_path / "support.zip"
    made = onestop("--data-dir", str(office), "--user", "kythuat", "--json", "support-bundle",
                   "--out", str(out), "--seconds", "0")
    assert made.returncode == 0, made.stderr
    assert out.stat().st_mode & 0o077 == 0

    with zipfile.ZipFile(out) as bundle:
        names = bundle.namelist()
        contents = {name: bundle.read(name).decode("utf-8") for name in names}
    assert {"versions.json", "settings.json", "store.json", "devices.json"} <= set(names)
    assert any(name.startswith("logs/") for name in names)
    versions = json.loads(contents["versions.json"])
    assert versions["program"] and versions["protocol"]
    assert json.loads(contents["settings.json"])["agency.code"]
    assert json.loads(contents["store.json"])["dossiers"] == 8
    for name, content in contents.items():
        slipped = [word for word in citizens if word.casefold() in content.casefold()]
        assert not slipped, f"{name} holds a citizen's data: {slipped}"


def test_an_officer_cannot_take_the_bundle(office: Path, tmp_path: Path) -> None:
    made = onestop("--data-dir", str(office), "--user", "canbo", "support-bundle",
                   "--out", str(tmp_path / "support.zip"), "--seconds", "0")
    assert made.returncode == 2
    assert "canbo" in made.stderr and len(made.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "support.zip").exists()
