"""Draw the screenshots in docs/ from the real window on fresh demo data.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots.py
"""

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication

from onestop import demo
from onestop.store.engine import open_store
from ui.counter_app import CounterApp
from ui.theme import apply_theme

DOCS = Path(__file__).resolve().parent
ID_CARD = "036190001234||Vũ Thị Lan|02021990|Nữ|Xóm 3, xã Minh Khai, Hưng Yên|10052022"


def wait_until(ready: Callable[[], bool], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        QApplication.processEvents()
        time.sleep(0.01)


def settle(seconds: float = 0.5) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DOCS)
    args = parser.parse_args()
    app = QApplication([])
    apply_theme(app)
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "demo"
        store = open_store(data)
        demo.fill(store, data)
        store.close()
        counter = CounterApp(data, None)
        counter.start()
        wait_until(lambda: counter.tasks.store is not None)
        counter.login.view.username.setText("canbo")
        counter.login.view.password.setText(demo.DEMO_PASSWORD)
        counter.login.view.submit.click()
        wait_until(lambda: counter.window is not None)
        window = counter.window
        assert window is not None and window.intake is not None
        window.showNormal()
        window.resize(1366, 768)
        intake = window.intake
        wait_until(lambda: intake.view.procedure.model.rowCount() > 0)
        window.take_scan(ID_CARD)
        intake.view.applicant.phone.setText("0912345678")
        intake.view.procedure.search.setText("khai sinh")
        settle()
        intake.view.procedure.search.returnPressed.emit()
        intake.view.checklist_model.tick(0, True)
        settle()
        window.grab().save(str(args.out / "intake-screen.png"))
        window.show_dossier_list()
        assert window.dossier_list is not None
        wait_until(lambda: window.dossier_list is not None
                   and window.dossier_list.view.model.rowCount() > 0)
        settle()
        window.grab().save(str(args.out / "dossier-list.png"))
        window.close()
        counter.shut_down()


if __name__ == "__main__":
    main()
