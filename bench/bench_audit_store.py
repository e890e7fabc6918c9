"""What protecting the store costs: receiving with the keyed audit chain beside the plain SHA-256
chain it replaced, and the integrity check on opening a large store beside opening without it.

    .venv/bin/python bench/bench_audit_store.py [--dossiers 100000] [--folder DIR]

Building 1,000,000 dossiers takes long, so the default builds 100,000 and the figures for
1,000,000 are extrapolated from it (the checks read every page once, so they grow with the
file's size). Prints figures; never passes or fails on time.
"""

import argparse
import hashlib
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import bulk_load  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from onestop import audit, dossiers, store_health, users  # noqa: E402
from onestop.dossiers import ApplicantInput, Intake  # noqa: E402
from onestop.roles import Actor  # noqa: E402
from onestop.store.engine import DATABASE_FILE, open_store  # noqa: E402
from onestop.store.models import AuditEntry  # noqa: E402

RECEIVES = 200
OPENS = 5


def plain_record(session: Session, actor: Actor, action: str, subject: str = "",
                 details: dict[str, Any] | None = None, at: datetime | None = None) -> None:
    """The chain as it was before: a plain SHA-256 seal anyone can compute, no sealed head."""
    head = audit._locked_head(session)
    at = at or datetime.now(UTC)
    details = details or {}
    entry_id = head.last_id + 1
    body = json.dumps([entry_id, at.astimezone(UTC).isoformat(timespec="microseconds"),
                       actor.username, action, subject, details, head.last_hash],
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(body.encode()).hexdigest()
    session.add(AuditEntry(id=entry_id, at=at, actor=actor.username, action=action,
                           subject=subject, details=details, prev_hash=head.last_hash,
                           hash=digest))
    head.last_id, head.last_hash = entry_id, digest


@contextmanager
def replaced(owner: object, name: str, stand_in: object) -> Iterator[None]:
    original = getattr(owner, name)
    setattr(owner, name, stand_in)
    try:
        yield
    finally:
        setattr(owner, name, original)


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def receive_times(folder: Path) -> list[float]:
    store = open_store(folder)
    with store.read() as session:
        officer = users.actor_named(session, "canbo")
    rng = random.Random(3)

    def receive_one() -> None:
        dossiers.receive(store, officer, Intake("1.004873", ApplicantInput(
            "Nguyễn Văn Bench", phone=f"09{rng.randint(0, 99999999):08d}")))

    try:
        return timed(receive_one, RECEIVES)
    finally:
        store.close()


class NoCheck:
    """Opening as it was before: no check of the file at all."""

    def __init__(self, database: Path) -> None:
        pass

    def sound(self) -> bool:
        return True

    def stop(self) -> None:
        pass


def open_times(folder: Path, *, until_writable: bool) -> list[float]:
    times = []
    for _ in range(OPENS):
        started = time.perf_counter()
        store = open_store(folder)
        if until_writable:
            with store.write():
                pass
        times.append((time.perf_counter() - started) * 1000)
        store.close()
    return times


def pragma_seconds(folder: Path, pragma: str) -> float:
    with sqlite3.connect(folder / DATABASE_FILE) as connection:
        started = time.perf_counter()
        result = connection.execute(f"PRAGMA {pragma}").fetchall()
        elapsed = time.perf_counter() - started
    assert result == [("ok",)], result
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="onestop-bench-"))
    if not (folder / DATABASE_FILE).exists():
        print(f"Bulk-loading {args.dossiers:,} dossiers into {folder.name} …", file=sys.stderr)
        bulk_load(folder, args.dossiers)
    # Alternate the two ways so that a busy machine weighs on both alike.
    keyed: list[float] = []
    plain: list[float] = []
    for _round in range(2):
        keyed += receive_times(folder)
        with replaced(audit, "record", plain_record):
            plain += receive_times(folder)
    fast_open = open_times(folder, until_writable=False)
    writable = open_times(folder, until_writable=True)
    with replaced(store_health, "OpeningCheck", NoCheck):
        unchecked = open_times(folder, until_writable=True)
    quick = min(pragma_seconds(folder, "quick_check") for _ in range(3))
    full = pragma_seconds(folder, "integrity_check")
    size = (folder / DATABASE_FILE).stat().st_size
    scale = 1_000_000 / args.dossiers

    print(f"\nStore: SQLite, {args.dossiers:,} dossiers bulk-loaded plus "
          f"{4 * RECEIVES:,} received here, {size / 2**20:,.0f} MiB\n")
    print(f"| {'receive one dossier':40} | {'p50 ms':>8} | {'p95 ms':>8} |")
    print(f"|{'-' * 42}|{'-' * 10}|{'-' * 10}|")
    for label, times in (("before: plain SHA-256 chain", plain),
                         ("now: HMAC-SHA256 chain, sealed head", keyed)):
        p95 = statistics.quantiles(times, n=100)[94]
        print(f"| {label:40} | {statistics.median(times):8.2f} | {p95:8.2f} |")
    print(f"\n| {'opening the store (median)':44} | {'measured':>10} | {'at 1,000,000':>14} |")
    print(f"|{'-' * 46}|{'-' * 12}|{'-' * 16}|")
    before = statistics.median(unchecked) / 1000
    check = statistics.median(writable) / 1000 - before
    for label, seconds, extrapolated in (
            ("before: open, no check", before, before),
            ("now: open (quick check on its own thread)", statistics.median(fast_open) / 1000,
             statistics.median(fast_open) / 1000),
            ("now: open until the first write may go", statistics.median(writable) / 1000,
             before + check * scale),
            ("PRAGMA quick_check alone", quick, quick * scale),
            ("PRAGMA integrity_check alone (backup's)", full, full * scale)):
        print(f"| {label:44} | {seconds:8.3f} s | {extrapolated:12.2f} s |")
    print("\nAt 1,000,000: opening times taken as they are (they do not grow with the file), "
          f"the checks scaled by {scale:g} from {args.dossiers:,} dossiers.")

if __name__ == "__main__":
    main()
