"""The window's entry points: `onestop` with no subcommand, and the demo."""

import argparse
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from PySide6.QtWidgets import QApplication

from onestop import catalogue, demo
from onestop.store.engine import open_store
from ui.counter_app import CounterApp
from ui.theme import apply_theme

DemoCompanion = Callable[[Path], AbstractContextManager[object]]


def _data_dir(args: argparse.Namespace) -> Path | None:
    if args.data_dir:
        return Path(args.data_dir)
    if args.database_url:
        return None
    from platformdirs import user_data_path

    return user_data_path("OneStop", appauthor=False)


def run_window(args: argparse.Namespace) -> int:
    """Open the store, show the login window, then the intake screen; returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("OneStop")
    apply_theme(app)
    counter = CounterApp(_data_dir(args), args.database_url)
    counter.start()
    try:
        return app.exec()
    finally:
        counter.shut_down()


def open_demo(data_dir: Path, companion: DemoCompanion | None = None) -> int:
    """Fill an empty data dir with demo data and open the window on it. `companion` is started
    beside the window for as long as it is open (the reference provincial server, say)."""
    store = open_store(data_dir)
    try:
        with store.read() as session:
            empty = not catalogue.list_procedures(session, active_only=False)
        if empty:
            demo.fill(store, data_dir)
    finally:
        store.close()
    with (companion or nullcontext)(data_dir):
        return run_window(argparse.Namespace(data_dir=str(data_dir), database_url=None,
                                             lang=None))
