"""The simulated province without HTTP: its store, files, accounts and services.

The HTTP layer checks the session and hands plain bodies here; tests and the admin endpoint use
the province's own methods (mark a dossier processed, declare a day off, back up, restore).
"""

import hashlib
import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sync.provincial_server import services
from sync.provincial_server.catalogue import Catalogue, load_catalogue
from sync.provincial_server.faults import Hostility
from sync.provincial_server.file_shelf import FileShelf
from sync.provincial_server.refusals import BadRequest, KeyReused, NotFound
from sync.provincial_server.sessions import DEMO_ACCOUNTS, Account, SessionBook, SignedIn
from sync.provincial_server.signed_copies import broken_signature
from sync.provincial_server.store import ProvinceStore
from sync.wire import is_integer, parse_wire_day, parse_wire_time

_AGENCY_CODE = re.compile(r"[0-9A-Z]+(\.[0-9A-Z]+)*")
_AGENCY_CODE_LENGTH = 35
_KEY_LENGTH = 200
DAY = 24 * 3600.0
IMPOSSIBLE_DATE = "00010101000000"
# Services of protocol 1.1; a province speaking 1.0 does not know them.
SERVICES_1_1 = ("DongBoDanhGia", "DongBoLuotPhucVu", "DongBoNhatKy", "TraCuuNhatKy")
PROTOCOLS = ("1.0", "1.1")


class ProvincialServer:
    def __init__(self, data_dir: Path, *, catalogue: Catalogue | None = None,
                 accounts: Iterable[Account] = DEMO_ACCOUNTS, session_lifetime: int = 3600,
                 page_size: int = 100, key_retention: float = 2 * DAY,
                 max_file_bytes: int = 1024 * 1024 * 1024,
                 clock: Callable[[], float] = time.time, protocol: str = "1.1",
                 hostility: Hostility | None = None) -> None:
        """`key_retention`: how long an Idempotency-Key's answer is kept (the protocol promises
        at least a day). `clock` gives seconds since the epoch; tests move it. `protocol` "1.0"
        answers the services added in 1.1 as unknown."""
        if key_retention < DAY:
            raise ValueError("answers are kept at least 24 hours")
        if protocol not in PROTOCOLS:
            raise ValueError(f"protocol is one of {PROTOCOLS}")
        self.protocol = protocol
        self.hostility = hostility or Hostility()
        procedures = load_catalogue(catalogue)
        data_dir.mkdir(parents=True, exist_ok=True)
        self.sessions = SessionBook(accounts, session_lifetime, clock)
        self._clock = clock
        self._page_size = page_size
        self._key_retention = key_retention
        self._files = FileShelf(data_dir, max_file_bytes)
        self._store = ProvinceStore(data_dir / "province.sqlite3")
        self.publish_procedures(procedures)

    def close(self) -> None:
        self._store.close()

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self._clock(), UTC)

    # --- what the counters call -------------------------------------------------------------

    def sign_in(self, body: Any) -> dict[str, Any]:
        fields = body if isinstance(body, dict) else {}
        username, password, agency = (fields.get("username"), fields.get("password"),
                                      fields.get("madonvi"))
        if not (isinstance(username, str) and isinstance(password, str)
                and isinstance(agency, str)):
            raise BadRequest("Cần username, password và madonvi")
        if len(agency) > _AGENCY_CODE_LENGTH or not _AGENCY_CODE.fullmatch(agency):
            raise BadRequest("madonvi không phải mã đơn vị hợp lệ")
        token = self.sessions.sign_in(username, password, agency)
        return services.ok(session=token, expires_in=self.sessions.lifetime)

    def call_service(self, session: SignedIn, key: str | None, body: Any) -> dict[str, Any]:
        """Answer one service call, or repeat the answer kept for its Idempotency-Key."""
        if not (key and len(key) <= _KEY_LENGTH and key.isascii() and key.isprintable()):
            raise BadRequest("Thiếu Idempotency-Key hoặc Idempotency-Key không hợp lệ")
        if not isinstance(body, dict):
            raise BadRequest("Nội dung yêu cầu phải là một đối tượng JSON")
        if body.get("madonvi") != session.agency_code:
            raise BadRequest("madonvi khác với đơn vị đã đăng nhập")
        fingerprint = hashlib.sha256(services.canonical(body).encode("utf-8")).hexdigest()
        now = self._now()
        with self._store.transaction() as db:
            db.execute("DELETE FROM answered_keys WHERE stored_at < ?",
                       (now.timestamp() - self._key_retention,))
            held = db.execute("SELECT body_sha256, response FROM answered_keys "
                              "WHERE idempotency_key = ?", (key,)).fetchone()
            if held is not None:
                if held["body_sha256"] != fingerprint:
                    raise KeyReused("Idempotency-Key đã dùng cho một yêu cầu khác")
                answer: dict[str, Any] = json.loads(held["response"])
                return answer
            answer = self._answer(db, session.agency_code, body, now)
            db.execute("INSERT INTO answered_keys VALUES (?, ?, ?, ?)",
                       (key, fingerprint, services.canonical(answer), now.timestamp()))
        return answer

    def _answer(self, db: sqlite3.Connection, agency: str, body: dict[str, Any],
                now: datetime) -> dict[str, Any]:
        service = body.get("service")
        if self.protocol == "1.0" and service in SERVICES_1_1:
            raise BadRequest(f"Dịch vụ không được hỗ trợ: {service}")
        match service:
            case "DongBoHoSoMC":
                return services.push_dossiers(db, agency, body, now, self._broken_signature)
            case "CapNhatTienDoHoSoMC":
                return services.push_progress(db, agency, body, now)
            case "LayDanhSachTTHC":
                return self._endless(body, services.pull_procedures(db, self._page_size, body))
            case "LayHoSoThayDoi":
                return self._endless(body, self._dated(
                    services.pull_changes(db, agency, self._page_size, body)))
            case "LayNgayNghi":
                return services.pull_days_off(db, body)
            case "TraCuuHoSo":
                return services.look_up(db, agency, body)
            case "DoiSoatHoSo":
                return services.reconcile(db, agency, body)
            case "DongBoDanhGia" | "DongBoLuotPhucVu":
                return services.push_records(db, agency, service, body)
            case "DongBoNhatKy":
                return services.anchor_audit_trail(db, agency, body, now)
            case "TraCuuNhatKy":
                return services.anchored_heads(db, agency, body)
            case _:
                raise BadRequest(f"Dịch vụ không được hỗ trợ: {str(service)[:100]}")

    def _endless(self, body: dict[str, Any], answer: dict[str, Any]) -> dict[str, Any]:
        """A hostile province promises one more page after every page."""
        if not self.hostility.endless:
            return answer
        asked = body.get("cursor") or "0"
        return {**answer, "more": True, "cursor": str(int(asked) + 1)}

    def _dated(self, answer: dict[str, Any]) -> dict[str, Any]:
        """A hostile province sends a well-formed but impossible appointment date."""
        if not self.hostility.impossible_dates:
            return answer
        return {**answer, "data": [{**change, "NgayHenTra": IMPOSSIBLE_DATE}
                                   for change in answer["data"]]}

    def _broken_signature(self, sha256: str) -> str | None:
        path = self._files.path(sha256)
        return None if path is None else broken_signature(path)

    def file_state(self, sha256: str) -> tuple[int, int | None] | None:
        return self._files.state(sha256)

    def append_file(self, sha256: str, offset: int, length: int, chunk: bytes) -> int:
        return self._files.append(sha256, offset, length, chunk)

    # --- what the province does itself ------------------------------------------------------

    def process_dossier(self, dossier_code: str, status: int, note: str = "", *,
                        due_at: datetime | None = None, finished_at: datetime | None = None,
                        returned_at: datetime | None = None) -> dict[str, Any]:
        """Change a dossier at the province (status, note, dates); counters get it through
        LayHoSoThayDoi. Raises LookupError when the province holds no such dossier."""
        with self._store.transaction() as db:
            return services.record_processing(db, dossier_code, status, note, due_at=due_at,
                                              finished_at=finished_at,
                                              returned_at=returned_at, now=self._now())

    def declare_day(self, day: date, kind: str = "Nghi", note: str = "") -> None:
        """Declare a day off ("Nghi") or a swapped working day ("LamBu") for LayNgayNghi."""
        with self._store.transaction() as db:
            services.declare_day(db, day, kind, note)

    def publish_procedures(self, procedures: Sequence[Mapping[str, Any]]) -> int:
        """Add or change catalogue entries; returns how many changed."""
        records = load_catalogue(procedures)
        with self._store.transaction() as db:
            return services.publish_procedures(db, records)

    def admin_process(self, body: Any) -> dict[str, Any]:
        """The admin endpoint's form of `process_dossier`."""
        fields = body if isinstance(body, dict) else {}
        code, status = fields.get("MaHoSo"), fields.get("TrangThaiHoSo")
        note = fields.get("GhiChu", "")
        if not (isinstance(code, str) and is_integer(status) and isinstance(note, str)):
            raise BadRequest("Cần MaHoSo, TrangThaiHoSo và GhiChu")
        dates = {name: _admin_time(fields, name)
                 for name in ("NgayHenTra", "NgayKetThucXuLy", "NgayTra")}
        try:
            change = self.process_dossier(code, status, note, due_at=dates["NgayHenTra"],
                                          finished_at=dates["NgayKetThucXuLy"],
                                          returned_at=dates["NgayTra"])
        except LookupError as error:
            raise NotFound("Không tìm thấy hồ sơ") from error
        except ValueError as error:
            raise BadRequest("TrangThaiHoSo phải là mã trạng thái từ 1 đến 10") from error
        return services.ok(data=change)

    def admin_declare_day(self, body: Any) -> dict[str, Any]:
        fields = body if isinstance(body, dict) else {}
        day, kind, note = fields.get("Ngay"), fields.get("Loai"), fields.get("GhiChu", "")
        if not (isinstance(day, str) and isinstance(kind, str) and isinstance(note, str)):
            raise BadRequest("Cần Ngay, Loai và GhiChu")
        try:
            self.declare_day(parse_wire_day(day), kind, note)
        except ValueError as error:
            raise BadRequest("Ngay phải có dạng yyyyMMdd, Loai là Nghi hoặc LamBu") from error
        return services.ok()

    # --- looking inside, backing up ---------------------------------------------------------

    def dossier(self, dossier_code: str) -> dict[str, Any] | None:
        """The dossier as the province sees it, or None."""
        with self._store.transaction() as db:
            held = services.held_dossier(db, dossier_code)
        return None if held is None else held[1]

    def dossier_versions(self) -> dict[str, int]:
        """MaHoSo → PhienBan of every dossier held."""
        with self._store.transaction() as db:
            rows = db.execute("SELECT ma_ho_so, phien_ban FROM dossiers").fetchall()
        return {row["ma_ho_so"]: row["phien_ban"] for row in rows}

    def progress_codes(self) -> list[str]:
        """MaTienDo of every progress row held."""
        with self._store.transaction() as db:
            rows = db.execute("SELECT ma_tien_do FROM progress ORDER BY ma_tien_do").fetchall()
        return [row["ma_tien_do"] for row in rows]

    def records(self, service: str) -> dict[str, dict[str, Any]]:
        """Ratings (DongBoDanhGia) or queue visits (DongBoLuotPhucVu) held, by their id."""
        with self._store.transaction() as db:
            return services.held_records(db, service)

    def audit_heads(self, agency: str, counter: str) -> list[dict[str, Any]]:
        """The audit trail heads a counter sent, oldest first."""
        with self._store.transaction() as db:
            answer = services.anchored_heads(db, agency, {"Quay": counter})
        heads: list[dict[str, Any]] = answer["data"]
        return heads

    def held_files(self) -> list[str]:
        """sha256 of every whole file held."""
        return self._files.held()

    def file_path(self, sha256: str) -> Path | None:
        return self._files.path(sha256)

    def backup(self, target: Path) -> None:
        """Copy the store (dossiers, progress, changes, catalogue, days off, kept answers) to
        one file. Files are not copied: they are named by their checksum and stay valid."""
        self._store.backup(target)

    def restore(self, source: Path) -> None:
        """Put back a backup: the province forgets everything since, as after a real restore."""
        self._store.restore(source)


def _admin_time(fields: dict[str, Any], name: str) -> datetime | None:
    value = fields.get(name)
    if value in (None, ""):
        return None
    try:
        return parse_wire_time(value if isinstance(value, str) else "")
    except ValueError as error:
        raise BadRequest(f"{name} phải có dạng yyyyMMddHHmmss") from error
