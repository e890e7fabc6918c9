"""The demo's own province: the reference server on a free loopback port, storing in a folder of
the demo data dir, with the demo counter's settings pointing at it, so that a newcomer sees
dossiers reach the province."""

from pathlib import Path

from onestop import settings
from onestop.roles import SYSTEM
from onestop.store.engine import open_store
from sync.province_password import save_password
from sync.provincial_server import DEMO_ACCOUNTS, RunningServer, serve

PROVINCE_FOLDER = "province"


def start_demo_province(data_dir: Path) -> RunningServer:
    """Start the province for the demo store in `data_dir` and point the store at it. The
    server runs in a background thread until `stop()` (or the end of a `with` block)."""
    account = DEMO_ACCOUNTS[0]
    running = serve(0, data_dir / PROVINCE_FOLDER)
    try:
        store = open_store(data_dir)
        try:
            with store.write() as session:
                settings.put(session, SYSTEM, "province.url", running.url)
                settings.put(session, SYSTEM, "province.username", account.username)
            save_password(store, SYSTEM, account.username, account.password, use_keyring=False)
        finally:
            store.close()
    except BaseException:
        running.stop()
        raise
    return running
