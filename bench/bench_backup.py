"""Backup and restore of a store with N dossiers, each with one scanned file: the counter's own
SQLite store (the baseline) beside an office's PostgreSQL server (pg_dump, pg_restore --list,
the check in a scratch database, then the replacing restore). Prints figures, asserts nothing.

    python bench/bench_backup.py --dossiers 1000
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from onestop import attachments, catalogue, dossiers, settings, users  # noqa: E402
from onestop.backup import take_backup  # noqa: E402
from onestop.dossiers import ApplicantInput, Intake  # noqa: E402
from onestop.restore import restore_store  # noqa: E402
from onestop.roles import SYSTEM, Actor  # noqa: E402
from onestop.store.engine import Store, open_store  # noqa: E402

PASSPHRASE = "mat-khau-do-toc-do"
PASSWORD = "mat-khau-dung"


def fill(store: Store, count: int, scan_bytes: int) -> tuple[Actor, Actor]:
    with store.write() as session:
        settings.put_in(session, SYSTEM, "agency.code", "000.00.13.H24")
        catalogue.upsert_procedures(session, catalogue.read_catalogue_file(
            catalogue.sample_catalogue_path()), is_sample=True)
        for username, role in (("canbo", "officer"), ("kythuat", "technician")):
            users.create_user_in(session, SYSTEM, username, username, PASSWORD, frozenset({role}),
                              must_change_password=False)
    officer = users.login(store, "canbo", PASSWORD)
    technician = users.login(store, "kythuat", PASSWORD)
    for number in range(count):
        code = dossiers.receive(store, officer, Intake(
            "1.004873", ApplicantInput("Người " + "".join(chr(65 + int(d)) for d in str(number)))
        )).code
        attachments.attach(store, officer, code, os.urandom(scan_bytes), "to-khai.pdf",
                           "application/pdf")
    return officer, technician


def measure(name: str, store: Store, count: int, scan_bytes: int, folder: Path) -> None:
    started = time.monotonic()
    _officer, technician = fill(store, count, scan_bytes)
    filled = time.monotonic() - started
    made = take_backup(store, technician, folder / f"{name}.onestop-backup", PASSPHRASE)
    restored = restore_store(store, technician, made.path, PASSPHRASE)
    print(f"{name:<11} {count:>8} {filled:>8.1f} {made.seconds:>10.2f} {restored.seconds:>11.2f}"
          f" {made.size / 2**20:>9.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1000)
    parser.add_argument("--scan-kib", type=int, default=20)
    args = parser.parse_args()
    from tests.postgres_server import PostgresServer

    server = PostgresServer()
    server.start()
    try:
        print(f"{'store':<11} {'dossiers':>8} {'fill s':>8} {'backup s':>10} {'restore s':>11}"
              f" {'file MiB':>9}")
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary)
            for name, url in (("sqlite", None), ("postgresql", server.new_database())):
                store = open_store(folder / name, url)
                try:
                    measure(name, store, args.dossiers, args.scan_kib * 1024, folder)
                finally:
                    store.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
