"""How long the supervisors' period report (Biểu 06) takes over a big store: the figures counted
in SQL, then the PDF, for a month, a quarter and a year.

    .venv/bin/python bench/bench_reports.py [--dossiers 1000000] [--folder DIR] [--runs N]

A folder that already holds a bulk-loaded store is reused as it is (loading 1,000,000 dossiers
takes several minutes). Prints figures; never passes or fails on time.
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_store import bulk_load  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from onestop import reports  # noqa: E402
from onestop.roles import SUPERVISOR, Actor  # noqa: E402
from onestop.store.engine import DATABASE_FILE, open_store  # noqa: E402
from onestop.store.models import Dossier  # noqa: E402
from printing.pdf.period_report import period_report_pdf  # noqa: E402

SUPERVISOR_ACTOR = Actor("bench", "Lãnh đạo", frozenset({SUPERVISOR}))
# bulk_load's newest dossiers are received on this day, 40 a day going back.
LAST_DAY = date(2026, 11, 21)
PERIODS = {
    "month": date(2026, 11, 1),
    "quarter": date(2026, 9, 1),
    "year": date(2026, 1, 1),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--folder", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="onestop-bench-"))
    if not (folder / DATABASE_FILE).exists():
        print(f"Bulk-loading {args.dossiers:,} dossiers into {folder} …", file=sys.stderr)
        bulk_load(folder, args.dossiers)
    store = open_store(folder)
    with store.read() as session:
        held = session.scalar(select(func.count()).select_from(Dossier)) or 0
    print(f"Period report (Biểu 06) over {held:,} dossiers, median of {args.runs} runs")
    print(f"{'period':<10}{'rows':>6}{'figures (ms)':>16}{'PDF (ms)':>12}{'total (ms)':>13}")
    for name, first in PERIODS.items():
        figure_times, pdf_times = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            report = reports.period(store, SUPERVISOR_ACTOR, first, LAST_DAY)
            counted = time.perf_counter()
            period_report_pdf(report)
            figure_times.append(counted - start)
            pdf_times.append(time.perf_counter() - counted)
        figures, pdf = statistics.median(figure_times), statistics.median(pdf_times)
        print(f"{name:<10}{len(report.rows):>6}{1000 * figures:>16.0f}{1000 * pdf:>12.0f}"
              f"{1000 * (figures + pdf):>13.0f}")
    store.close()


if __name__ == "__main__":
    main()
