"""A counter's backlog for the province, built in seconds: one dossier goes through the core to
give the shapes, the rest are written straight into the outbox as the core would have queued
them (a dossier row per version, a progress row per status change, a file row per scan), with
the scans' files in the attachment folder. Receiving thousands of dossiers one transaction at a
time through the services would take minutes."""

import random
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select

from onestop import outbox
from onestop.attachments import keep_file
from onestop.dossiers import ApplicantInput, Intake, receive
from onestop.roles import Actor
from onestop.store.engine import Store
from onestop.store.models import OutboxItem
from onestop.workdays import LOCAL_ZONE

AGENCY = "000.00.13.H24"
_STATUSES = (2, 4, 5, 9)


class Backlog:
    """What the counter holds and must end at the province: each dossier at its newest
    version, every progress row and every file."""

    def __init__(self, store: Store, officer: Actor, *, seed: int = 1) -> None:
        self._store = store
        self._random = random.Random(seed)
        code = receive(store, officer, Intake(
            "1.004873", ApplicantInput("Nguyễn Văn An", "001099012345"),
            received_at=datetime(2027, 3, 22, 9, 0, tzinfo=LOCAL_ZONE))).code
        with store.read() as session:
            queued = {row.kind: row for row in session.scalars(select(OutboxItem))}
        self._dossier: dict[str, Any] = queued[outbox.DOSSIER].payload
        self._progress: dict[str, Any] = queued[outbox.PROGRESS].payload
        self.versions = {code: 1}
        self.progress = {queued[outbox.PROGRESS].item_key}
        self.files: set[str] = set()
        self._documents: dict[str, list[dict[str, Any]]] = {code: []}
        self._rows: list[dict[str, Any]] = []

    def add(self, *, dossiers: int = 0, changes: int = 0, files: int = 0,
            file_size: tuple[int, int] = (20_000, 90_000)) -> None:
        """Receive `dossiers` new ones, then make `changes` status changes and attach `files`
        scans to dossiers picked at random, in a random order."""
        start = len(self.versions)
        for number in range(start, start + dossiers):
            code = f"{AGENCY}-27{3 + number // 9999:02}21-{number % 9999 + 1:04}"
            self.versions[code] = 0
            self._documents[code] = []
            self._change(code)
        events = ["change"] * changes + ["file"] * files
        self._random.shuffle(events)
        codes = list(self.versions)
        for event in events:
            code = self._random.choice(codes)
            if event == "change":
                self._change(code)
            else:
                self._attach(code, self._random.randbytes(self._random.randint(*file_size)))
        with self._store.write() as session:
            session.execute(insert(OutboxItem), self._rows)
        self._rows = []

    def _change(self, code: str) -> None:
        self.versions[code] += 1
        status = self._random.choice(_STATUSES)
        self._queue(outbox.DOSSIER, code, self._version(code, status), self.versions[code])
        uid = str(uuid.uuid4())
        self.progress.add(uid)
        self._queue(outbox.PROGRESS, uid, {**self._progress, "MaTienDo": uid, "MaHoSo": code,
                                           "TrangThai": status})

    def _attach(self, code: str, content: bytes) -> None:
        sha256 = keep_file(self._store, content)
        self.files.add(sha256)
        self._documents[code].append({
            "TepDinhKemId": sha256, "TenTepDinhKem": f"{sha256[:8]}.pdf", "MaThanhPhanHoSo": "",
            "DuongDanTaiTepTin": f"files/{sha256}", "DuocSoHoa": True})
        self._queue(outbox.FILE, sha256, {"sha256": sha256, "size": len(content)})
        self.versions[code] += 1
        self._queue(outbox.DOSSIER, code, self._version(code, 4), self.versions[code])

    def _version(self, code: str, status: int) -> dict[str, Any]:
        return {**self._dossier, "MaHoSo": code, "PhienBan": self.versions[code],
                "TrangThaiHoSo": status, "TaiLieuNop": list(self._documents[code])}

    def _queue(self, kind: str, key: str, payload: dict[str, Any], version: int = 0) -> None:
        self._rows.append({"id": str(uuid.uuid4()), "kind": kind, "item_key": key,
                           "version": version, "payload": payload,
                           "created_at": datetime.now(UTC), "state": outbox.PENDING,
                           "attempts": 0, "last_error": ""})
