"""The demo's own province: the reference server on a free loopback port, storing in a folder of
the demo data dir, with the demo counter's settings pointing at it, and a clerk there who works on
the dossiers the counter sends, so that a newcomer sees dossiers reach the province and its
changes come back."""

import threading
from pathlib import Path
from types import TracebackType
from typing import Self

from onestop import settings
from onestop.roles import SYSTEM
from onestop.store.engine import open_store
from sync.province_password import save_password
from sync.provincial_server import DEMO_ACCOUNTS, ProvincialServer, RunningServer, serve

PROVINCE_FOLDER = "province"
CLERK_PACE_SECONDS = 45.0

# national status held at the province → (the next one, the province's note)
_NEXT_STEP = {
    2: (4, "Đã chuyển phòng chuyên môn giải quyết."),
    4: (9, "Đã có kết quả, mời công dân đến nhận."),
}


class DemoClerk:
    """Every `pace` seconds, moves each dossier the province holds one step on: a received one
    into processing, one in processing to its result ready. Returning the result is the
    counter's work, so the clerk stops there."""

    def __init__(self, province: ProvincialServer, pace: float) -> None:
        self._province = province
        self._pace = pace
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._work, name="demo-province-clerk",
                                        daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join()

    def working(self) -> bool:
        return self._thread.is_alive()

    def work_once(self) -> None:
        """One round over the dossiers held."""
        for code in self._province.dossier_versions():
            held = self._province.dossier(code) or {}
            step = _NEXT_STEP.get(held.get("TrangThaiHoSo", 0))
            if step is not None:
                self._province.process_dossier(code, *step)

    def _work(self) -> None:
        while not self._stopping.wait(self._pace):
            self.work_once()


class DemoProvince:
    """The running server and its clerk; stopping stops both, the clerk first."""

    def __init__(self, server: RunningServer, clerk: DemoClerk) -> None:
        self.server = server
        self.clerk = clerk
        self.url = server.url

    def stop(self) -> None:
        self.clerk.stop()
        self.server.stop()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()


def start_demo_province(data_dir: Path, pace: float = CLERK_PACE_SECONDS) -> DemoProvince:
    """Start the province for the demo store in `data_dir` and point the store at it. The
    server and its clerk run in background threads until `stop()` (or the end of a `with`
    block)."""
    account = DEMO_ACCOUNTS[0]
    running = serve(0, data_dir / PROVINCE_FOLDER)
    try:
        store = open_store(data_dir)
        try:
            settings.put(store, SYSTEM, {"province.url": running.url,
                                         "province.username": account.username})
            save_password(store, SYSTEM, account.username, account.password, use_keyring=False)
        finally:
            store.close()
    except BaseException:
        running.stop()
        raise
    clerk = DemoClerk(running.province, pace)
    clerk.start()
    return DemoProvince(running, clerk)
