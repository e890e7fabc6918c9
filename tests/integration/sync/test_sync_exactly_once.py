"""What must hold however the link behaves: a big backlog through a faulty province, a sync
service killed again and again, and a dossier changed while an older version is on the wire."""

import os
import random
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from onestop import dossiers, outbox, settings
from onestop.dossiers import ApplicantInput, Intake
from onestop.store.engine import Store
from onestop.store.models import OutboxItem
from sync.client import Credentials, ProvincialClient
from sync.province_password import PASSWORD_VARIABLE
from sync.provincial_server import Fault, RunningServer
from sync.replies import ItemResult
from sync.run import run_once
from sync.running import Limits
from tests.conftest import Office
from tests.integration.sync.backlog import Backlog

REPO = Path(__file__).resolve().parents[3]
CREDENTIALS = Credentials("motcua", "motcua-demo", "000.00.13.H24")


def states(store: Store) -> dict[str, int]:
    with store.read() as session:
        return dict(session.execute(select(OutboxItem.state, func.count())
                                    .group_by(OutboxItem.state)).all())


def assert_the_province_holds(province: RunningServer, backlog: Backlog, store: Store) -> None:
    assert province.province.dossier_versions() == backlog.versions
    assert province.province.progress_codes() == sorted(backlog.progress)
    assert sorted(province.province.held_files()) == sorted(backlog.files)
    assert set(states(store)) <= {outbox.SENT, outbox.SUPERSEDED}


@pytest.mark.slow
def test_a_big_backlog_reaches_a_faulty_province_exactly_once(
        office: Office, start_province: Callable[..., RunningServer],
        connect: Callable[..., ProvincialClient]) -> None:
    backlog = Backlog(office.store, office.officer)
    backlog.add(dossiers=1999, changes=3000, files=200)
    assert (len(backlog.versions), len(backlog.progress), len(backlog.files)) == (2000, 5000, 200)
    province = start_province(catalogue=[], page_size=100, fault_rate=0.3, seed=20271122,
                              fault_delay=0.4, retry_after=1)
    client = connect(province.url, read_timeout=0.2)

    now, runs = datetime.now(UTC), 0
    while states(office.store).get(outbox.PENDING):
        # Tries within a run wait for real; a Retry-After goes to the next run instead.
        run_once(office.store, client, now=now, limits=Limits(longest_wait=0.5))
        runs += 1
        assert runs < 2000, "the outbox should empty"
        now += timedelta(hours=1)  # past any backoff, without waiting for it
    assert province.faults.drawn > 50, "the province was meant to fail about a third of the calls"
    assert_the_province_holds(province, backlog, office.store)


class CounterBusyMeanwhile(ProvincialClient):
    """A client during whose first dossier push the counter changes the dossier on the wire."""

    def __init__(self, url: str, credentials: Credentials, change: Callable[[], object]) -> None:
        super().__init__(url, credentials, read_timeout=5)
        self._change: Callable[[], object] | None = change

    def push_dossiers(self, dossiers: Sequence[Mapping[str, Any]], *, key: str,
                      updating: bool = False) -> list[ItemResult]:
        if self._change is not None:
            self._change()
            self._change = None
        return super().push_dossiers(dossiers, key=key, updating=updating)


def receive(office: Office) -> str:
    return dossiers.receive(office.store, office.officer, Intake(
        "1.004873", ApplicantInput("Nguyễn Văn An", "001099012345"))).code


def province_version(office: Office, code: str) -> int:
    view = dossiers.show(office.store, office.officer, code)
    return view.version if view.at_province else 0


def test_a_dossier_changed_while_its_older_version_is_on_the_wire_ends_newer_at_the_province(
        office: Office, province: RunningServer) -> None:
    code = receive(office)
    change = partial(dossiers.transition, office.store, office.officer, code, "in_process")
    with CounterBusyMeanwhile(province.url, CREDENTIALS, change) as client:
        first = run_once(office.store, client)
        assert first.complete and first.dossiers_sent == 1
        assert province.province.dossier_versions() == {code: 1}
        assert not dossiers.show(office.store, office.officer, code).at_province
        assert run_once(office.store, client).dossiers_sent == 1
    assert province.province.dossier_versions() == {code: 2}
    assert province_version(office, code) == 2


@pytest.mark.parametrize("fault", [Fault.DROPPED, Fault.FAILED], ids=["applied", "not applied"])
@pytest.mark.parametrize("older_first", [True, False], ids=["older retried first",
                                                             "newer goes first"])
def test_a_version_whose_answer_was_lost_never_overtakes_a_newer_one(
        office: Office, start_province: Callable[..., RunningServer],
        connect: Callable[..., ProvincialClient], fault: Fault, older_first: bool) -> None:
    province = start_province(catalogue=[], fault_rate=1.0, fault_kinds=[fault])
    client = connect(province.url)
    code = receive(office)
    now = datetime.now(UTC)
    assert run_once(office.store, client, now=now).error  # version 1 is left in flight
    dossiers.transition(office.store, office.officer, code, "in_process")
    province.faults.rate = 0.0

    later = now + timedelta(hours=1)
    if not older_first:
        assert run_once(office.store, client, now=now).dossiers_sent == 1  # only version 2 is due
        assert province.province.dossier_versions() == {code: 2}
    assert run_once(office.store, client, now=later).complete
    assert province.province.dossier_versions() == {code: 2}
    assert province_version(office, code) == 2
    assert set(states(office.store)) <= {outbox.SENT, outbox.SUPERSEDED}


def sent_count(store: Store) -> int:
    return states(store).get(outbox.SENT, 0)


def wait_for_sending(store: Store, before: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while sent_count(store) == before:
        assert time.monotonic() < deadline, "the sync service never got going"
        time.sleep(0.02)


@pytest.mark.slow
@pytest.mark.parametrize("office", ["sqlite"], indirect=True)
def test_a_sync_service_killed_at_random_moments_still_sends_everything_once(
        office: Office, start_province: Callable[..., RunningServer], tmp_path: Path) -> None:
    province = start_province(catalogue=[], page_size=100)
    with office.store.write() as session:
        settings.put_in(session, office.technician, "province.url", province.url)
        settings.put_in(session, office.technician, "province.username", "motcua")
    backlog = Backlog(office.store, office.officer, seed=9)
    rng = random.Random(20271122)
    env = {**os.environ, PASSWORD_VARIABLE: "motcua-demo",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    onestop = [sys.executable, "-c", "import sys; from cli import main; sys.exit(main())",
               "--data-dir", str(office.store.attachments_dir.parent)]
    log = tmp_path / "sync-service.log"
    for restart in range(20):
        backlog.add(dossiers=40, changes=100, files=3)
        before = sent_count(office.store)
        with log.open("a") as errors, subprocess.Popen(
                [*onestop, "sync", "--interval", "0.05", "--json"], cwd=REPO, env=env,
                stdout=subprocess.DEVNULL, stderr=errors) as service:
            if restart % 3 == 0:
                time.sleep(rng.uniform(0.0, 3.0))  # as likely in start-up as at work
            else:
                wait_for_sending(office.store, before)
                backlog.add(changes=20)  # the counter goes on working meanwhile
                time.sleep(rng.uniform(0.0, 1.0))
            service.kill()

    for _run in range(3):
        if not states(office.store).get(outbox.PENDING):
            break
        drained = subprocess.run([*onestop, "sync", "--once"], cwd=REPO, env=env,
                                 capture_output=True, text=True, timeout=120)
        assert drained.returncode == 0, drained.stderr
    assert "Traceback" not in log.read_text(encoding="utf-8")
    assert_the_province_holds(province, backlog, office.store)
