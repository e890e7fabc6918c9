"""Running the simulated province on a port, in a background thread."""

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Self

from sync.provincial_server.catalogue import Catalogue
from sync.provincial_server.endpoints import MAX_REQUEST_BYTES, ProvinceHttpServer
from sync.provincial_server.faults import Fault, FaultPlan, Hostility
from sync.provincial_server.province import ProvincialServer
from sync.provincial_server.sessions import DEMO_ACCOUNTS, Account


class RunningServer:
    """A province answering at `url`; `province` is its state, `faults` its fault plan."""

    def __init__(self, http: ProvinceHttpServer) -> None:
        self._http = http
        self.province: ProvincialServer = http.province
        self.faults: FaultPlan = http.faults
        host, port = http.socket.getsockname()[:2]
        self.url = f"http://{host}:{port}"
        self._stopped = False
        self._thread = threading.Thread(target=http.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="provincial-server", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop answering, wait for calls in progress, close the store. Safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        self._http.stopping.set()
        self._http.shutdown()
        self._thread.join()
        self._http.server_close()
        self.province.close()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the server stops or `timeout` passes; True when it has stopped."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def serve(port: int, data_dir: Path | str, fault_rate: float = 0.0, seed: int | None = None,
          catalogue: Catalogue | None = None, *, host: str = "127.0.0.1",
          accounts: Iterable[Account] = DEMO_ACCOUNTS, fault_delay: float = 35.0,
          retry_after: int = 2, fault_kinds: Iterable[Fault] = tuple(Fault),
          session_lifetime: int = 3600, page_size: int = 100,
          clock: Callable[[], float] = time.time, protocol: str = "1.1",
          max_request_bytes: int = MAX_REQUEST_BYTES,
          hostility: Hostility | None = None) -> RunningServer:
    """Start a simulated province on `host:port` (port 0 picks a free one) storing in
    `data_dir`. `fault_delay` is how long a slow fault holds its answer (longer than the
    client's read timeout); `retry_after` the seconds 503 and 429 faults ask to wait;
    `fault_kinds` limits the faults drawn; `protocol` "1.0" plays an older province;
    `hostility` (tests only) makes it drip, page for ever or send impossible dates."""
    faults = FaultPlan(fault_rate, seed, delay=fault_delay, retry_after=retry_after,
                       kinds=fault_kinds)
    province = ProvincialServer(Path(data_dir), catalogue=catalogue, accounts=accounts,
                                session_lifetime=session_lifetime, page_size=page_size,
                                clock=clock, protocol=protocol, hostility=hostility)
    try:
        http = ProvinceHttpServer((host, port), province, faults, max_request_bytes)
    except BaseException:
        province.close()
        raise
    return RunningServer(http)
