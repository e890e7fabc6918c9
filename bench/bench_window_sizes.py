"""The largest window of each screen, on a 1366×768 and a 1280×720 counter monitor, filled with
the demo's data (offscreen, two screens of those sizes).

    .venv/bin/python bench/bench_window_sizes.py

Prints each window's size and the least it needs beside the screen's; never passes or fails.
"""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SCREENS = [{"name": "1366x768", "x": 0, "y": 0, "width": 1366, "height": 768},
           {"name": "1280x720", "x": 1366, "y": 0, "width": 1280, "height": 720}]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "screens.json"
        config.write_text(json.dumps({"windowFrameMargins": False, "screens": [
            {**s, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1} for s in SCREENS]}))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
        measure(Path(folder) / "demo")


def measure(data: Path) -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    from onestop import demo, users
    from onestop.dossier_list import DossierFilter, list_dossiers
    from onestop.store.engine import open_store
    from ui.admin_menu import admin_pages
    from ui.main_window import MainWindow
    from ui.operations.counter_setup import CounterSetup, LoadCounterSetup
    from ui.tasks import TaskManager, Work
    from ui.theme import apply_theme

    app = QApplication(sys.argv[:1])
    apply_theme(app)
    store = open_store(data)
    demo.fill(store, data)
    tasks = TaskManager()
    tasks.use_store(store)
    import threading

    setup: CounterSetup = LoadCounterSetup().run(Work(lambda _v: None, threading.Event(), store))

    def settle() -> None:
        end = time.monotonic() + 0.3
        while time.monotonic() < end or tasks.busy():
            app.processEvents()

    def size_of(widget: QWidget) -> str:
        needed = widget.minimumSizeHint()
        return (f"{widget.width()}×{widget.height()} (needs {needed.width()}×{needed.height()})")

    print(f"{'screen':<10} {'window':<36} size")
    for screen in app.screens():
        room = screen.availableGeometry()
        for username in ("canbo", "lanhdao", "quantri"):
            with store.read() as session:
                actor = users.actor_named(session, username)
            window = MainWindow(tasks, actor, setup)
            window.move(room.topLeft())
            window.setGeometry(room.adjusted(0, 0, 0, -40))
            window.show()
            settle()
            print(f"{screen.name():<10} {'main window (' + username + ')':<36} {size_of(window)}")
            if actor.may("dossier.read"):
                code = list_dossiers(store, actor, DossierFilter())[0].code
                dialog = window.open_dossier(code)
                settle()
                print(f"{screen.name():<10} {'dossier window (' + username + ')':<36} "
                      f"{size_of(dialog.view)}")
                dialog.view.close()
            for page in admin_pages():
                if actor.may(page.permission):
                    opened = window.open_admin_page(page)
                    settle()
                    print(f"{screen.name():<10} {page.title[:34]:<36} {size_of(opened)}")
                    opened.close()
            window.shut_down()
            window.close()
            settle()
    tasks.shut_down()
    store.close()


if __name__ == "__main__":
    main()
