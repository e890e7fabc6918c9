"""A backup taken while another process keeps receiving dossiers restores to a consistent store:
it passes SQLite's integrity check, and every dossier in it has its history, its audit row and
its scans; every dossier committed before the backup began is in it."""

import hashlib
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from onestop import audit
from onestop.backup import StoreFiles, take_backup
from onestop.restore import restore
from onestop.store.engine import integrity_ok, open_store
from onestop.store.models import Attachment, AuditEntry, Dossier, StatusChange
from tests.conftest import Office

WORKER = Path(__file__).with_name("receiving_with_scans_worker.py")
ROOT = Path(__file__).resolve().parents[3]
PASSPHRASE = "sao lưu giữa giờ làm việc"


class Counter:
    """The receiving process and the codes it has printed so far."""

    def __init__(self, data_dir: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(WORKER), str(data_dir), "100000"], stdout=subprocess.PIPE,
            text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        self.printed: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.printed.append(line.strip())

    def wait_for(self, count: int) -> None:
        deadline = time.monotonic() + 60
        while len(self.printed) < count:
            assert self.process.poll() is None, "the receiving process stopped"
            assert time.monotonic() < deadline, "the receiving process is too slow"
            time.sleep(0.05)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self._reader.join(timeout=10)
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.mark.parametrize("office", ["sqlite"], indirect=True)
def test_backups_taken_while_receiving_restore_to_consistent_stores(office: Office,
                                                                    tmp_path: Path) -> None:
    counter = Counter(office.store.attachments_dir.parent)
    taken = []
    try:
        for round_ in range(3):
            counter.wait_for(5 * (round_ + 1))
            committed_before = list(counter.printed)
            made = take_backup(office.store, office.technician, tmp_path / f"b{round_}",
                               PASSPHRASE)
            taken.append((made, committed_before))
        counter.wait_for(len(counter.printed) + 3)
        assert counter.process.poll() is None, "the counter had to stop while backing up"
    finally:
        counter.stop()

    for round_, (made, committed_before) in enumerate(taken):
        files = StoreFiles.in_data_dir(tmp_path / f"restored-{round_}")
        restore(files, office.technician, made.path, PASSPHRASE)
        store = open_store(files.database.parent)
        try:
            assert integrity_ok(store)
            with store.read() as session:
                codes = {code: dossier_id for code, dossier_id in
                         session.execute(select(Dossier.code, Dossier.id)).all()}
                assert set(committed_before) <= set(codes)
                assert made.contents.dossiers == len(codes)
                history = set(session.scalars(select(StatusChange.dossier_id)))
                logged = set(session.scalars(select(AuditEntry.subject).where(
                    AuditEntry.action == "dossier.receive")))
                assert set(codes.values()) <= history
                assert set(codes) <= logged
                scanned = {a.dossier_id: a.sha256 for a in session.scalars(select(Attachment))}
                assert {codes[c] for c in committed_before} <= set(scanned)
                for sha in scanned.values():
                    content = (files.attachments / sha[:2] / sha).read_bytes()
                    assert hashlib.sha256(content).hexdigest() == sha
                assert audit.verify_in(session) == []
        finally:
            store.close()
    print(f"\n{len(counter.printed)} dossiers received during three backups; "
          f"backups took {', '.join(f'{m.seconds:.2f}' for m, _c in taken)} s")
