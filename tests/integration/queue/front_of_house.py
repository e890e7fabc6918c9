"""The demo office's fields and counters on a test office, with no one waiting yet."""


from onestop.queue_demo import fill_queue
from tests.conftest import Office


def open_front_of_house(office: Office) -> None:
    fill_queue(office.store, office.store.attachments_dir.parent / "front", waiting=0)
