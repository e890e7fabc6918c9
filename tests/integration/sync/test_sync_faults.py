"""A counter that keeps syncing through a faulty province ends with everything there, once."""

import hashlib
import os
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from sync.backoff import retry_delay
from sync.client import ProvincialClient
from sync.errors import TransientError
from sync.file_upload import CHUNK_SIZE, upload_file
from sync.provincial_server import Fault, RunningServer
from sync.replies import Outcome

T = TypeVar("T")


def test_everything_arrives_exactly_once_through_faults(
        start_province: Callable[..., RunningServer], connect: Callable[..., ProvincialClient],
        make_dossier: Callable[..., dict[str, Any]],
        make_progress: Callable[..., dict[str, Any]], tmp_path: Path) -> None:
    province = start_province(fault_rate=0.3, seed=20271122, fault_delay=0.8, retry_after=1)
    client = connect(province.url, read_timeout=0.4)
    faults: list[TransientError] = []

    def keep_trying(call: Callable[[], T]) -> T:
        failures = 0
        while True:
            try:
                return call()
            except TransientError as error:
                failures += 1
                faults.append(error)
                time.sleep(retry_delay(failures, retry_after=error.retry_after, base=0.01,
                                       cap=0.05))

    dossiers = [make_dossier(f"A-{n:03}") for n in range(90)]
    for start in range(0, len(dossiers), 30):
        batch, batch_key = dossiers[start:start + 30], str(uuid.uuid4())
        results = keep_trying(lambda: client.push_dossiers(batch, key=batch_key))  # noqa: B023
        assert {result.outcome for result in results} == {Outcome.ACCEPTED}

    progress = [make_progress(dossier["MaHoSo"]) for dossier in dossiers[:40]]
    progress_key = str(uuid.uuid4())
    results = keep_trying(lambda: client.push_progress(progress, key=progress_key))
    assert {result.outcome for result in results} == {Outcome.ACCEPTED}

    scans = []
    for n in range(2):
        scans.append(tmp_path / f"scan-{n}.png")
        scans[-1].write_bytes(os.urandom(CHUNK_SIZE + CHUNK_SIZE // 2))
    digests = [keep_trying(lambda: upload_file(client, scan)) for scan in scans]  # noqa: B023

    for dossier in dossiers[:7]:
        province.province.process_dossier(dossier["MaHoSo"], 9)
    pulled, cursor, more = [], "", True
    while more:
        page = keep_trying(lambda: client.pull_changes(cursor))  # noqa: B023
        pulled += [change.dossier_code for change in page.items]
        cursor, more = page.cursor, page.more

    assert province.province.dossier_versions() == {d["MaHoSo"]: 1 for d in dossiers}
    assert province.province.progress_codes() == sorted(p["MaTienDo"] for p in progress)
    assert province.province.held_files() == sorted(digests)
    for scan, digest in zip(scans, digests, strict=True):
        assert digest == hashlib.sha256(scan.read_bytes()).hexdigest()
    assert pulled == [d["MaHoSo"] for d in dossiers[:7]]
    assert len(faults) >= 3, "the province was meant to fail about a third of the calls"


def _held_soon(province: RunningServer, code: str) -> bool:
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        if code in province.province.dossier_versions():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize(("fault", "retry_after", "applied"), [
    (Fault.UNAVAILABLE, 1.0, False),
    (Fault.THROTTLED, 1.0, False),
    (Fault.FAILED, None, False),
    (Fault.DROPPED, None, True),
    (Fault.SLOW, None, True),
])
def test_each_fault_applies_or_not_as_promised_and_a_retry_under_the_same_key_settles_it(
        start_province: Callable[..., RunningServer], connect: Callable[..., ProvincialClient],
        make_dossier: Callable[..., dict[str, Any]], fault: Fault, retry_after: float | None,
        applied: bool) -> None:
    province = start_province(fault_rate=1.0, fault_kinds=[fault], fault_delay=0.6,
                              retry_after=1)
    client = connect(province.url, read_timeout=0.3)
    batch, batch_key = [make_dossier("A-1")], str(uuid.uuid4())
    with pytest.raises(TransientError) as failed:
        client.push_dossiers(batch, key=batch_key)
    assert failed.value.retry_after == retry_after
    if applied:
        assert _held_soon(province, "A-1")
    else:
        assert province.province.dossier_versions() == {}

    province.faults.rate = 0.0
    [result] = client.push_dossiers(batch, key=batch_key)
    assert result.outcome is Outcome.ACCEPTED
    assert province.province.dossier_versions() == {"A-1": 1}
