"""The province link over loopback: dossiers pushed per second in batches of 200 next to one
request per dossier, batches capped in bytes as well as in count next to count alone, the time
to drain one busy week's backlog, and the bytes on the wire per dossier. The reference province
runs in its own process, as a real one would.

    .venv/bin/python bench/bench_sync.py [--dossiers 4000] [--single 400] [--folder DIR]

Prints figures; never passes or fails on time.
"""

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from onestop import catalogue, outbox, settings, users  # noqa: E402
from onestop.roles import SYSTEM, Actor  # noqa: E402
from onestop.store.engine import Store, open_store  # noqa: E402
from onestop.store.models import OutboxItem  # noqa: E402
from sync import push  # noqa: E402
from sync.client import MAX_ITEMS, Credentials, ProvincialClient  # noqa: E402
from sync.report import SyncReport  # noqa: E402
from sync.run import synchronise  # noqa: E402
from sync.running import Running  # noqa: E402
from tests.integration.sync.backlog import Backlog  # noqa: E402

AGENCY = "000.00.13.H24"
CREDENTIALS = Credentials("motcua", "motcua-demo", AGENCY)
PAGE_BYTES = 60_000  # a scanned A4 page as a JPEG at 200 dpi, about


@contextmanager
def province(folder: Path) -> Iterator[str]:
    """The reference province in a process of its own; yields its address."""
    command = [sys.executable, "-m", "sync.provincial_server", "--port", "0", "--json",
               "--data-dir", str(folder)]
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            yield json.loads(process.stdout.readline())["url"]
        finally:
            process.terminate()
            process.wait(timeout=30)


class CountingRelay:
    """A TCP relay in front of the province that counts the bytes each way."""

    def __init__(self, target_url: str) -> None:
        host, port = target_url.removeprefix("http://").split(":")
        self._target = (host, int(port))
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self.sent = self.received = 0
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _address = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(self._target)
            threading.Thread(target=self._pump, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket, upwards: bool) -> None:
        with source, target:
            while chunk := _receive(source):
                with self._lock:
                    if upwards:
                        self.sent += len(chunk)
                    else:
                        self.received += len(chunk)
                try:
                    target.sendall(chunk)
                except OSError:
                    return
            with suppress(OSError):
                target.shutdown(socket.SHUT_WR)


def _receive(source: socket.socket) -> bytes:
    try:
        return source.recv(65536)
    except OSError:
        return b""


def counter(folder: Path) -> tuple[Store, Actor]:
    store = open_store(folder)
    with store.write() as session:
        settings.put_in(session, SYSTEM, "agency.code", AGENCY)
        catalogue.upsert_procedures(session, catalogue.read_catalogue_file(
            catalogue.sample_catalogue_path()), is_sample=True)
        users.create_user_in(session, SYSTEM, "canbo", "Cán bộ", "mat-khau-bench",
                             frozenset({"officer"}), must_change_password=False)
    with store.read() as session:
        return store, users.actor_named(session, "canbo")


def waiting(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(OutboxItem).where(
            OutboxItem.state == outbox.PENDING)) or 0


def push_dossiers(folder: Path, url: str, dossiers: int, batch_size: int, *,
                  byte_cap: bool = True) -> tuple[float, int]:
    """Seconds to push `dossiers` new dossiers, and how many went. Without `byte_cap` batches
    are cut by count alone, as before protocol 1.1."""
    store, officer = counter(folder)
    Backlog(store, officer).add(dossiers=dossiers - 1)
    push.MAX_ITEMS = batch_size
    report = SyncReport()
    try:
        with ProvincialClient(url, CREDENTIALS) as client:
            if not byte_cap:
                client.max_request_bytes = 2**62
            client.authenticate()
            run = Running(store, client, datetime.now(UTC), report)
            started = time.perf_counter()
            for _step in push.push_records(run, outbox.DOSSIER):
                pass
            return time.perf_counter() - started, report.dossiers_sent
    finally:
        push.MAX_ITEMS = MAX_ITEMS
        store.close()


def drain_a_busy_week(folder: Path, url: str) -> None:
    store, officer = counter(folder)
    backlog = Backlog(store, officer, seed=7)
    # Pages are scanned into one PDF per document of 1 to 4 pages.
    backlog.add(dossiers=1499, changes=2500, files=1200,
                file_size=(PAGE_BYTES, 4 * PAGE_BYTES))
    file_bytes = sum(path.stat().st_size for path in store.attachments_dir.rglob("*")
                     if path.is_file())
    rows = waiting(store)
    steps: dict[str, float] = {}
    with ProvincialClient(url, CREDENTIALS) as client:
        started = mark = time.perf_counter()
        for report in synchronise(store, client):
            now = time.perf_counter()
            steps[report.step] = steps.get(report.step, 0.0) + now - mark
            mark = now
        seconds = time.perf_counter() - started
    left = waiting(store)
    store.close()
    if report.error or left:
        raise SystemExit(f"the week did not drain ({left} left): {report.error}")
    pages = file_bytes / PAGE_BYTES
    print(f"  {len(backlog.versions)} dossiers, {len(backlog.progress)} progress rows, "
          f"{len(backlog.files)} documents ≈ {pages:.0f} pages ({file_bytes / 2**20:.0f} MiB), "
          f"{rows} outbox rows")
    print(f"  drained in one run of {seconds:.1f} s: " + ", ".join(
        f"{step} {spent:.1f} s" for step, spent in steps.items() if step != "done"))
    print(f"  scans at {file_bytes / 2**20 / steps['files']:.1f} MiB/s")


def bytes_per_dossier(folder: Path, url: str, dossiers: int, batch_size: int) -> tuple[float,
                                                                                        float]:
    relay = CountingRelay(url)
    try:
        _seconds, sent = push_dossiers(folder, relay.url, dossiers, batch_size)
    finally:
        relay.close()
    return relay.sent / sent, relay.received / sent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=4000)
    parser.add_argument("--single", type=int, default=400,
                        help="dossiers pushed one request each")
    parser.add_argument("--folder", type=Path, default=None)
    args = parser.parse_args()
    base = args.folder or Path(tempfile.mkdtemp(prefix="bench-sync-"))
    print(f"Each figure against a fresh province in its own process; counter stores (SQLite) "
          f"in {base}")
    with province(base / "province-batched") as url:
        seconds, sent = push_dossiers(base / "batched", url, args.dossiers, 200)
    print(f"Push, batches of 200: {sent} dossiers in {seconds:.2f} s = "
          f"{sent / seconds:,.0f} dossiers/s")
    with province(base / "province-count-only") as url:
        seconds, sent = push_dossiers(base / "count-only", url, args.dossiers, 200,
                                      byte_cap=False)
    print(f"Push, batches of 200 cut by count alone (before 1.1): {sent} dossiers in "
          f"{seconds:.2f} s = {sent / seconds:,.0f} dossiers/s")
    with province(base / "province-single") as url:
        seconds, sent = push_dossiers(base / "single", url, args.single, 1)
    print(f"Push, one request per dossier: {sent} dossiers in {seconds:.2f} s = "
          f"{sent / seconds:,.0f} dossiers/s")
    for size, count in ((200, 1000), (1, 200)):
        with province(base / f"province-wire-{size}") as url:
            up, down = bytes_per_dossier(base / f"wire-{size}", url, count, size)
        print(f"On the wire per dossier, batches of {size}: {up:,.0f} B up, {down:,.0f} B down "
              f"(HTTP headers included)")
    print("One busy week's backlog:")
    with province(base / "province-week") as url:
        drain_a_busy_week(base / "week", url)

if __name__ == "__main__":
    main()
