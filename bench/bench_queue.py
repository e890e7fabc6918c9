"""The front of house under load: how long a call takes to reach the call display (p50, p95)
with several counters calling at the same moment, on SQLite and on PostgreSQL; how many tickets
a kiosk prints a minute; and, with --sweep, the largest office one store serves before that p95
passes one second.

    .venv/bin/python bench/bench_queue.py [--counters 6] [--rounds 10] [--sweep]

Each counter is a process of its own that calls at the same moment as the others, once per
round; the display is this process, woken by LISTEN/NOTIFY on PostgreSQL and polling on SQLite.
Prints figures beside the goal (p95 <= 500 ms); never passes or fails on time.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from onestop import queue, queue_office  # noqa: E402
from onestop.errors import DomainError  # noqa: E402
from onestop.queue_board import BoardWatcher, board  # noqa: E402
from onestop.queue_demo import fill_queue  # noqa: E402
from onestop.roles import SYSTEM  # noqa: E402
from onestop.store.engine import Store, open_store  # noqa: E402
from printing.queue_ticket import QueueTicketSlip, print_queue_ticket  # noqa: E402

GOAL_MS = 500
FIELDS = ("HT", "CT")


def worker(data_dir: str, url: str, counter: str, start_at: float, interval: float,
           rounds: int) -> None:
    store = open_store(Path(data_dir), url or None)
    for round_number in range(rounds):
        moment = start_at + round_number * interval
        while time.time() < moment:
            time.sleep(0.0005)
        pressed = time.time()
        try:
            ticket = queue.call_next(store, SYSTEM, counter)
        except DomainError:
            break
        except Exception as error:  # noqa: BLE001 - counted as a failed call, not a crash
            print("FAILED", type(error).__name__, flush=True)
            continue
        print(ticket.label, pressed, flush=True)
    store.close()


def set_up(store: Store, counters: int, tickets: int, folder: Path) -> None:
    fill_queue(store, folder, waiting=0)
    for number in range(1, counters + 1):
        queue_office.set_counter(store, SYSTEM, f"Q{number}", f"Quầy {number}", number, FIELDS)
    for i in range(tickets):
        queue.take(store, FIELDS[i % len(FIELDS)])


def call_to_board(store: Store, data_dir: Path, url: str, counters: int, rounds: int,
                  interval: float) -> list[float]:
    """Milliseconds from each call's key press to the display reading it."""
    start_at = time.time() + 6
    workers = [subprocess.Popen([sys.executable, __file__, "--worker", str(data_dir), url,
                                 f"Q{n}", str(start_at), str(interval), str(rounds)],
                                stdout=subprocess.PIPE, text=True)
               for n in range(1, counters + 1)]
    seen: dict[str, float] = {}
    watcher = BoardWatcher(store)
    watcher.wait(0.01)
    while any(w.poll() is None for w in workers) or time.time() < start_at:
        watcher.wait(1.0)
        now = time.time()
        for call in board(store, calls=max(60, counters * 3)).last_calls:
            seen.setdefault(call.label, now)
    for call in board(store, calls=counters * rounds + 10).last_calls:
        seen.setdefault(call.label, time.time())
    watcher.close()
    latencies, failed = [], 0
    for w in workers:
        out, _ = w.communicate(timeout=600)
        for line in out.split("\n"):
            if line.startswith("FAILED"):
                failed += 1
            elif line.strip():
                label, pressed = line.split()
                latencies.append((seen[label] - float(pressed)) * 1000)
    if failed:
        print(f"            {failed} calls failed (the store was too busy to take them)")
    return latencies


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run_backend(name: str, url: str | None, counters: int, rounds: int, interval: float) -> float:
    with tempfile.TemporaryDirectory(prefix="bench-queue-") as folder:
        data_dir = Path(folder) / "data"
        store = open_store(data_dir, url)
        set_up(store, counters, counters * rounds + counters, Path(folder))
        latencies = call_to_board(store, data_dir, url or "", counters, rounds, interval)
        store.close()
    p95 = percentile(latencies, 0.95)
    print(f"{name:<11} {counters:>3} counters, {len(latencies):>4} calls, every {interval:.1f} s: "
          f"call -> board p50 {statistics.median(latencies):7.1f} ms, p95 {p95:7.1f} ms, "
          f"max {max(latencies):7.1f} ms  (goal p95 <= {GOAL_MS} ms)")
    return p95


def kiosk_rate(tickets: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-kiosk-") as folder:
        store = open_store(Path(folder) / "data")
        fill_queue(store, Path(folder), waiting=0)
        printer = f"virtual://{(Path(folder) / 'tickets').as_posix()}"
        started = time.perf_counter()
        for i in range(tickets):
            ticket = queue.take(store, FIELDS[i % 2])
            outcome = print_queue_ticket(QueueTicketSlip(
                "UBND xã", ticket.label, ticket.field_name, ticket.waiting_before,
                datetime.now(UTC)), printer)
            assert outcome.sent, outcome.message
        seconds = time.perf_counter() - started
        store.close()
    print(f"kiosk       {tickets} tickets taken and printed (virtual printer): "
          f"{tickets / seconds * 60:7.0f} tickets a minute ({seconds / tickets * 1000:.0f} ms each)")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        data_dir, url, counter, start_at, interval, rounds = sys.argv[2:8]
        worker(data_dir, url, counter, float(start_at), float(interval), int(rounds))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--counters", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between rounds")
    parser.add_argument("--kiosk-tickets", type=int, default=60)
    parser.add_argument("--sweep", action="store_true",
                        help="more counters calling faster until the p95 passes 1 s")
    args = parser.parse_args()
    from tests.postgres_server import PostgresServer

    server = PostgresServer()
    server.start()
    try:
        for name, url in (("sqlite", None), ("postgresql", server.new_database())):
            run_backend(name, url, args.counters, args.rounds, args.interval)
            if args.sweep:
                for counters, interval in ((12, 1.0), (24, 1.0), (48, 0.5), (96, 0.5)):
                    p95 = run_backend(name, url and server.new_database(), counters, 6, interval)
                    print(f"{'':<11} = {counters * 60 / interval:.0f} calls a minute")
                    if p95 > 1000:
                        break
        kiosk_rate(args.kiosk_tickets)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
