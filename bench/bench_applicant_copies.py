"""Opening an older store whose dossiers shared applicant rows: the time the upgrade takes to give
each dossier its own copy, at a commune's year and at ten, with one dossier in three brought by a
citizen who came before. Beside it, the same open with nothing to copy.

    .venv/bin/python bench/bench_applicant_copies.py [--dossiers 20000 200000]

Prints figures; never passes or fails on time.
"""

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alembic import command  # noqa: E402

from bench.bench_store import bulk_load  # noqa: E402
from onestop.store.engine import DATABASE_FILE, open_store  # noqa: E402
from onestop.store.migrations import alembic_config  # noqa: E402


def older_store(folder: Path, count: int, share: bool) -> None:
    bulk_load(folder, count)
    store = open_store(folder)
    command.downgrade(alembic_config(store.engine), "0002")
    store.close()
    if share:
        db = sqlite3.connect(folder / DATABASE_FILE)
        with db:
            # Every third dossier brought by the citizen of the dossier before it.
            db.execute("UPDATE dossiers SET applicant_id = applicant_id - 1 WHERE id % 3 = 0")
            db.execute("DELETE FROM applicants WHERE id NOT IN (SELECT applicant_id FROM dossiers)")
        db.close()


def timed_open(folder: Path) -> float:
    started = time.perf_counter()
    open_store(folder).close()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, nargs="+", default=[20_000, 200_000])
    args = parser.parse_args()
    print(f"| {'dossiers':>9} | {'shared rows':>11} | {'upgrade s':>9} | {'baseline: none shared s':>24} |")
    print(f"|{'-' * 11}|{'-' * 13}|{'-' * 11}|{'-' * 26}|")
    for count in args.dossiers:
        figures = []
        for share in (True, False):
            with tempfile.TemporaryDirectory() as folder:
                older_store(Path(folder), count, share)
                figures.append(timed_open(Path(folder)))
        print(f"| {count:>9,} | {count // 3:>11,} | {figures[0]:>9.2f} | {figures[1]:>24.2f} |")


if __name__ == "__main__":
    main()
