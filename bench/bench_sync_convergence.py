"""How many `onestop sync --once` runs a change needs to cross the link when the province fails
a share of the calls: a status set at the province until the counter shows it, and a catalogue
change and a day off until the counter holds them, with the counter's own dossiers and status
changes going up in the same runs. Beside each, the same with no faults.

    .venv/bin/python bench/bench_sync_convergence.py [--fault-rate 0.3] [--tries 12]

Prints figures; never passes or fails on them.
"""

import argparse
import logging
import statistics
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_sync import CREDENTIALS, counter  # noqa: E402
from onestop import catalogue, dossiers, outbox  # noqa: E402
from onestop.dossiers import ApplicantInput, Intake  # noqa: E402
from onestop.roles import Actor  # noqa: E402
from onestop.store.engine import Store  # noqa: E402
from onestop.workcalendar_store import declared_days  # noqa: E402
from sync.client import ProvincialClient  # noqa: E402
from sync.provincial_server import RunningServer, serve  # noqa: E402
from sync.run import run_once  # noqa: E402
from sync.running import Limits  # noqa: E402

PROCEDURE = "1.004873"
MOST_RUNS = 30  # a change that needs more is counted as this many


class Counter:
    def __init__(self, folder: Path, url: str, limits: Limits) -> None:
        self.limits = limits
        self.store, self.officer = counter(folder)
        # The province's faults include answers slower than this; a real counter waits 30 s.
        self.client = ProvincialClient(url, CREDENTIALS, read_timeout=0.3)
        self.now = datetime.now(UTC)

    def receive(self, count: int) -> list[str]:
        return [dossiers.receive(self.store, self.officer, Intake(
            PROCEDURE, ApplicantInput("Nguyễn Văn An", "001099012345"))).code
            for _n in range(count)]

    def sync_until(self, arrived: Callable[[], bool]) -> int:
        """Runs of `sync --once` until `arrived`; each run an hour after the last, so that no
        backoff of the pushes holds anything back."""
        for runs in range(1, MOST_RUNS + 1):
            run_once(self.store, self.client, now=self.now, limits=self.limits)
            self.now += timedelta(hours=1)
            if arrived():
                return runs
        return MOST_RUNS

    def close(self) -> None:
        self.client.close()
        self.store.close()


def status_of(store: Store, officer: Actor, code: str) -> str:
    return dossiers.show(store, officer, code).status


def procedure_name(store: Store, code: str) -> str:
    return catalogue.get_procedure(store, code).name


def day_declared(store: Store, day: date) -> bool:
    return any(held == day for held, _kind, _note in declared_days(store, day.year))


def trials(folder: Path, fault_rate: float, tries: int, seed: int,
           limits: Limits) -> tuple[list[int], list[int]]:
    """Runs each province change needed, and runs each catalogue-and-day-off change needed after
    the pushes had finished."""
    province: RunningServer = serve(0, folder / "province", 0.0, seed, fault_delay=0.6,
                                    retry_after=1)
    sample = {item["MaTTHC"]: item for item in catalogue.read_catalogue_file(
        catalogue.sample_catalogue_path())}
    here = Counter(folder / "counter", province.url, limits)
    try:
        first = here.receive(tries)
        here.sync_until(lambda: not outbox.pending_count(here.store))
        province.faults.rate = fault_rate
        changes, pulls = [], []
        for trial, code in enumerate(first):
            here.receive(3)  # the counter keeps working: pushes share the runs
            province.province.process_dossier(code, 9, "Đã có kết quả")
            changes.append(here.sync_until(
                lambda code=code: status_of(here.store, here.officer, code) == "result_ready"))
            here.sync_until(lambda: not outbox.pending_count(here.store))
            renamed = f"Thủ tục đã sửa lần {trial}"
            province.province.publish_procedures([{**sample[PROCEDURE], "TenTTHC": renamed}])
            day = date(here.now.year + 1, 3, 2) + timedelta(days=trial)
            province.province.declare_day(day, "Nghi", f"Nghỉ lần {trial}")
            pulls.append(here.sync_until(
                lambda renamed=renamed, day=day: procedure_name(here.store, PROCEDURE) == renamed
                and day_declared(here.store, day)))
        return changes, pulls
    finally:
        here.close()
        province.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fault-rate", type=float, default=0.3)
    parser.add_argument("--tries", type=int, default=12)
    parser.add_argument("--seed", type=int, default=20271122)
    args = parser.parse_args()
    logging.getLogger("sync").addHandler(logging.NullHandler())  # failed steps are expected
    base = Path(tempfile.mkdtemp(prefix="bench-sync-convergence-"))
    print(f"{args.tries} changes each way; stores in {base}")
    for rate, limits, how in ((0.0, Limits(), ""), (args.fault_rate, Limits(), ""),
                              (args.fault_rate, Limits(tries=1), ", each call tried once")):
        changes, pulls = trials(base / f"rate-{rate}-{limits.tries}", rate, args.tries,
                                args.seed, limits)
        print(f"{rate:.0%} of calls failing{how}:")
        print(f"  a status set at the province: {statistics.mean(changes):.2f} runs on average, "
              f"at most {max(changes)} ({changes})")
        print(f"  catalogue and days off after the pushes: {statistics.mean(pulls):.2f} runs on "
              f"average, at most {max(pulls)} ({pulls})")


if __name__ == "__main__":
    main()
