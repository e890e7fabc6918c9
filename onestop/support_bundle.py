"""One archive a technician sends on when a counter misbehaves: the program's logs, versions,
settings without secrets, the link's and the store's state, and the devices found. It holds no
citizen's data: counts instead of rows, and every name, ID number, phone, email and address the
store knows is blanked out of the logs, as is anything shaped like an ID number or a phone."""

import json
import os
import platform
import re
import sys
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from onestop.roles import Actor, require
from onestop.store.engine import Store
from onestop.store.migrations import current_revision
from onestop.store.models import Applicant, Dossier, OutboxItem, PrintJob
from onestop.text import nfc
from onestop.versions import versions

HIDDEN = "[ẩn]"
# settings whose value is a secret or points at one are left out whole
_SECRET_WORDS = ("password", "secret", "pin", "passphrase", "token", "key")
_SHAPED_LIKE_PERSONAL = re.compile(
    r"(?<!\d)(?:\d{12}|\d{9}|(?:\+?84|0)\d{9,10})(?!\d)"  # ID numbers, old ID numbers, phones
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")                     # emails
_PACKAGES = ("onestop", "PySide6-Essentials", "SQLAlchemy", "alembic", "psycopg", "reportlab",
             "python-escpos", "pyusb", "requests", "Pillow", "zxing-cpp", "pikepdf")


@dataclass(frozen=True)
class SupportBundle:
    path: Path
    files: list[str]


def program_versions() -> dict[str, Any]:
    found: dict[str, str] = {}
    for package in _PACKAGES:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            continue
    known = versions()
    return {"program": known.program, "schema": known.schema, "protocol": known.protocol,
            "python": sys.version.split()[0], "platform": platform.platform(),
            "frozen": bool(getattr(sys, "frozen", False)), "packages": found}


def _personal_words(store: Store) -> list[str]:
    """What the store holds about citizens, longest first, so a name is blanked before its parts."""
    columns = (Applicant.full_name, Applicant.id_number, Applicant.old_id_number,
               Applicant.phone, Applicant.email, Applicant.address)
    words: set[str] = set()
    with store.read() as session:
        for row in session.execute(select(*columns)):
            words.update(nfc(value).strip() for value in row if value and len(value.strip()) >= 3)
    return sorted(words, key=len, reverse=True)


def _blank(content: str, words: Iterable[str]) -> str:
    content = nfc(content)
    for word in words:
        content = re.sub(re.escape(word), HIDDEN, content, flags=re.IGNORECASE)
    return _SHAPED_LIKE_PERSONAL.sub(HIDDEN, content)


def _settings_without_secrets(store: Store) -> dict[str, Any]:
    from onestop import settings

    return {name: value for name, value in settings.read_all(store).items()
            if not any(word in name.lower() for word in _SECRET_WORDS)}


def _store_health(store: Store) -> dict[str, Any]:
    with store.read() as session:
        health: dict[str, Any] = {
            "engine": store.engine.dialect.name,
            "schema": current_revision(store.engine),
            "dossiers": session.scalar(select(func.count()).select_from(Dossier)),
            "outbox_by_state": dict(session.execute(
                select(OutboxItem.state, func.count()).group_by(OutboxItem.state)).all()),
            "print_jobs_by_state": dict(session.execute(
                select(PrintJob.state, func.count()).group_by(PrintJob.state)).all()),
        }
        if store.is_sqlite:
            health["quick_check"] = session.execute(text("PRAGMA quick_check")).scalar()
            database = store.engine.url.database
            if database and Path(database).exists():
                health["bytes"] = Path(database).stat().st_size
    return health


def write_support_bundle(store: Store, actor: Actor, out: Path, *, log_folder: Path | None,
                         found: Mapping[str, Any]) -> SupportBundle:
    """Write the archive to `out` (replaced whole, readable by this account only). `found` holds
    what the edges report (devices, the link), as plain JSON-able values."""
    require(actor, "settings.devices")
    words = _personal_words(store)
    sections: dict[str, Any] = {
        "versions.json": program_versions(),
        "settings.json": _settings_without_secrets(store),
        "store.json": _store_health(store),
        **{f"{name}.json": value for name, value in found.items()},
        "made.json": {"at": datetime.now(UTC).isoformat(), "by": actor.username},
    }
    logs = sorted(log_folder.glob("*.log*")) if log_folder and log_folder.is_dir() else []
    partial = out.with_name(f".{out.name}.partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    names: list[str] = []
    try:
        with os.fdopen(descriptor, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, value in sections.items():
                body = json.dumps(value, ensure_ascii=False, indent=2, default=str)
                zf.writestr(name, _blank(body, words))
                names.append(name)
            for log in logs:
                name = f"logs/{log.name}"
                zf.writestr(name, _blank(log.read_text(encoding="utf-8", errors="replace"), words))
                names.append(name)
        partial.replace(out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return SupportBundle(out, names)
