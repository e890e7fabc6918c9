"""The demo office's front of house: four kiosk fields, three counters (Q1–Q3) and a few citizens
already waiting, so that the kiosk, the call display and a counter can be opened side by side."""

from pathlib import Path

from onestop import queue, queue_office, settings
from onestop.roles import SYSTEM
from onestop.store.engine import Store

DEMO_FIELDS = (
    ("HT", "Hộ tịch", "A"),
    ("CT", "Chứng thực", "B"),
    ("CTR", "Cư trú", "C"),
    ("KHAC", "Lĩnh vực khác", "D"),
)
DEMO_COUNTERS = (
    ("Q1", "Quầy 1", 1, ("HT", "CT")),
    ("Q2", "Quầy 2", 2, ("HT", "CTR", "KHAC")),
    ("Q3", "Quầy 3", 3, ("CT", "CTR", "KHAC")),
)


def fill_queue(store: Store, data_dir: Path, waiting: int = 5) -> None:
    for position, (code, name, prefix) in enumerate(DEMO_FIELDS):
        queue_office.define_field(store, SYSTEM, code, name, prefix, position)
    for code, name, number, fields in DEMO_COUNTERS:
        queue_office.set_counter(store, SYSTEM, code, name, number, fields)
    with store.write() as session:
        settings.put_in(session, SYSTEM, "queue.ticket_printer",
                        (data_dir.resolve() / "tickets").as_uri().replace("file:", "virtual:"))
    for i in range(waiting):
        queue.take(store, DEMO_FIELDS[i % len(DEMO_FIELDS)][0])
