"""The counter's store under a big commune's many years: receiving and searching at 1,000,000
dossiers, next to a plain LIKE scan, and the store's size per 1,000 dossiers.

    .venv/bin/python bench/bench_store.py [--dossiers 1000000] [--folder DIR]

Prints figures; never passes or fails on time.
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
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select  # noqa: E402

from onestop import catalogue, dossiers, settings, users  # noqa: E402
from onestop.dossiers import ApplicantInput, Intake  # noqa: E402
from onestop.roles import SYSTEM  # noqa: E402
from onestop.search import find  # noqa: E402
from onestop.store.engine import DATABASE_FILE, open_store  # noqa: E402
from onestop.store.models import Dossier  # noqa: E402
from onestop.text import fold  # noqa: E402
from onestop.workdays import LOCAL_ZONE  # noqa: E402

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Hoàng", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hoà", "Hùng", "Hương",
         "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Quỳnh",
         "Sơn", "Tâm", "Thảo", "Thành", "Trang", "Trung", "Tuấn", "Vân", "Việt", "Yến"]
AGENCY = "000.00.13.H24"
STAMP = "%Y-%m-%d %H:%M:%S.%f"


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).strftime(STAMP)


def bulk_load(folder: Path, count: int, seed: int = 1) -> tuple[list[str], list[str], list[str]]:
    """Fill the store with realistic dossiers through plain SQL; returns sample codes, ID numbers
    and phones to look up."""
    store = open_store(folder)
    with store.write() as session:
        settings.put_in(session, SYSTEM, "agency.code", AGENCY)
        catalogue.upsert_procedures(session, catalogue.read_catalogue_file(
            catalogue.sample_catalogue_path()), is_sample=True)
        users.create_user_in(session, SYSTEM, "canbo", "Cán bộ", "mat-khau-bench",
                             frozenset({"officer"}), must_change_password=False)
    procedures = [(p.code, p.name, [(d.code, d.name) for d in p.documents][:3])
                  for p in catalogue.list_procedures(store)]
    store.close()
    rng = random.Random(seed)
    db = sqlite3.connect(folder / DATABASE_FILE)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    start = datetime(2026, 11, 21, 9, tzinfo=LOCAL_ZONE)
    per_day = 40
    codes, id_numbers, phones = [], [], []
    book: dict[int, int] = {}
    audit_base, audit_prev = db.execute("SELECT last_id, last_hash FROM audit_head").fetchone()
    t0 = time.perf_counter()
    for chunk_start in range(0, count, 50_000):
        applicants, rows, documents, history, audit, outbox = [], [], [], [], [], []
        for i in range(chunk_start, min(count, chunk_start + 50_000)):
            n = i + 1
            day_index, in_day = divmod(i, per_day)
            received = start - timedelta(days=day_index // 1, minutes=-in_day * 10)
            year = received.year
            book[year] = book.get(year, 0) + 1
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            id_number = f"0{rng.randint(1, 96):02d}{rng.choice('0123')}{rng.randint(0, 99):02d}" \
                        f"{rng.randint(0, 999999):06d}"
            phone = f"09{rng.randint(0, 99999999):08d}"
            code = f"{AGENCY}-{received:%y%m%d}-{in_day + 1:04d}"
            procedure_code, procedure_name, docs = procedures[n % len(procedures)]
            applicants.append((n, id_number, name, "Thôn Đông, xã Minh Khai", phone))
            received_s = stamp(received)
            due_s = stamp(received + timedelta(days=3))
            rows.append((n, code, AGENCY, "Q1", procedure_code, n, "returned" if day_index > 30
                         else "received", 1, "counter", 1, "", 0, received_s, received_s, due_s,
                         due_s if day_index > 30 else None, year, book[year], "canbo", 1, 1,
                         fold(f"{name} {procedure_name} {procedure_code}")))
            for position, (doc_code, doc_name) in enumerate(docs):
                documents.append((n, position, doc_code, doc_name, 1, 0))
            history.append((f"{n:036d}", n, None, "received", received_s, "canbo", "", ""))
            digest = hashlib.sha256(f"{audit_prev}{n}".encode()).hexdigest()
            audit.append((audit_base + n, received_s, "canbo", "dossier.receive", code, "{}",
                          audit_prev, digest))
            audit_prev = digest
            outbox.append((f"{n:036d}", "dossier", code, 1, json.dumps({"MaHoSo": code}),
                           received_s, "sent"))
            if n % 997 == 0:
                codes.append(code)
                id_numbers.append(id_number)
                phones.append(phone)
        with db:
            db.executemany("INSERT INTO applicants (id, id_number, full_name, address, phone, "
                           "email) VALUES (?, ?, ?, ?, ?, '')", applicants)
            db.executemany(
                "INSERT INTO dossiers (id, code, agency_code, counter_code, procedure_code, "
                "applicant_id, status, channel, result_delivery, sets, note, fees_total, "
                "received_at, counting_from, due_at, finished_at, book_year, book_entry, "
                "received_by, version, province_version, search_text) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
            db.executemany("INSERT INTO dossier_documents (dossier_id, position, code, name, "
                           "originals, copies) VALUES (?,?,?,?,?,?)", documents)
            db.executemany("INSERT INTO status_history (uid, dossier_id, from_status, to_status, "
                           "at, actor, actor_title, note, source) VALUES (?,?,?,?,?,?,?,?,"
                           "'counter')", history)
            db.executemany("INSERT INTO audit_log (id, at, actor, action, subject, details, "
                           "prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)", audit)
            db.executemany("INSERT INTO outbox (id, kind, item_key, version, payload, created_at, "
                           "state, attempts, last_error) VALUES (?,?,?,?,?,?,?,0,'')", outbox)
        print(f"  loaded {min(count, chunk_start + 50_000):>9,} dossiers "
              f"({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    with db:
        db.execute("UPDATE audit_head SET last_id = ?, last_hash = ?",
                   (audit_base + count, audit_prev))
        db.executemany("INSERT INTO book_sequences VALUES (?, ?, ?)",
                       [(AGENCY, year, last + 1) for year, last in book.items()])
    db.execute("ANALYZE")
    db.close()
    return codes, id_numbers, phones


def samples_in(folder: Path) -> tuple[list[str], list[str], list[str]]:
    db = sqlite3.connect(folder / DATABASE_FILE)
    rows = db.execute("SELECT d.code, a.id_number, a.phone FROM dossiers d JOIN applicants a "
                      "ON a.id = d.applicant_id WHERE d.id % 997 = 0 AND a.id_number IS NOT NULL "
                      "AND a.id_number != ''").fetchall()
    db.close()
    return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        action()
        times.append((time.perf_counter() - t) * 1000)
    return times


def pct(times: list[float], p: float) -> float:
    return statistics.quantiles(times, n=100)[int(p) - 1] if len(times) > 1 else times[0]


def rows_of(samples: list[str], repeat: int) -> Iterator[str]:
    for i in range(repeat):
        yield samples[i % len(samples)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="onestop-bench-"))
    if (folder / DATABASE_FILE).exists():
        print(f"Measuring the store already in {folder.name}", file=sys.stderr)
        codes, id_numbers, phones = samples_in(folder)
    else:
        print(f"Bulk-loading {args.dossiers:,} dossiers into {folder.name} …", file=sys.stderr)
        codes, id_numbers, phones = bulk_load(folder, args.dossiers)
    store = open_store(folder)
    with store.read() as session:
        officer = users.actor_named(session, "canbo")
    rng = random.Random(2)

    def receive_one() -> None:
        dossiers.receive(store, officer, Intake("1.004873", ApplicantInput(
            "Nguyễn Văn Bench", phone=f"09{rng.randint(0, 99999999):08d}")))

    receive_times = timed(receive_one, 300)
    name_samples = ["nguyen van an", "tran thi h", "le duc d", "pham minh q", "hoang thu ha"]
    raw = sqlite3.connect(folder / DATABASE_FILE)

    def scan(column: str, value: str) -> Callable[[], object]:
        return lambda: raw.execute(
            "SELECT d.code FROM dossiers d JOIN applicants a ON a.id = d.applicant_id "
            f"WHERE {column} LIKE ? ORDER BY d.received_at DESC LIMIT 50",
            (f"%{value}%",)).fetchall()

    results = [("receive one dossier", receive_times, None)]
    with store.read() as session:
        for label, samples, column in (
            ("search: dossier code", codes, "d.code"),
            ("search: ID number", id_numbers, "a.id_number"),
            ("search: name prefix, no diacritics", name_samples, "d.search_text"),
            ("search: phone", phones, "a.phone"),
        ):
            it = rows_of(samples, 200)
            fast = timed(lambda it=it: find(session, next(it)), 200)
            assert find(session, samples[0]), f"{label}: nothing found"
            like_samples = [fold(s) if column == "d.search_text" else s for s in samples]
            it2 = rows_of(like_samples, 10)
            slow = timed(lambda it2=it2, column=column: scan(column, next(it2))(), 10)
            results.append((label, fast, slow))
    size = (folder / DATABASE_FILE).stat().st_size
    wal = folder / (DATABASE_FILE + "-wal")
    size += wal.stat().st_size if wal.exists() else 0
    with store.read() as session:
        total = session.scalar(select(func.count()).select_from(Dossier)) or 0
    print(f"\nStore: SQLite, {total:,} dossiers, {size / 2**20:,.0f} MiB "
          f"= {size / total * 1000 / 2**20:.2f} MiB per 1,000 dossiers\n")
    print(f"| {'operation':36} | {'p50 ms':>8} | {'p95 ms':>8} | {'LIKE scan p50 ms':>16} | "
          f"{'speed-up':>8} |")
    print(f"|{'-' * 38}|{'-' * 10}|{'-' * 10}|{'-' * 18}|{'-' * 10}|")
    for label, fast, slow in results:
        like = f"{statistics.median(slow):,.0f}" if slow else "-"
        ratio = f"{statistics.median(slow) / statistics.median(fast):,.0f}×" if slow else "-"
        print(f"| {label:36} | {statistics.median(fast):8.2f} | {pct(fast, 95):8.2f} | "
              f"{like:>16} | {ratio:>8} |")
    store.close()


if __name__ == "__main__":
    main()
