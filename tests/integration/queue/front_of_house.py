"""The demo office's fields and counters on a test office, with no one waiting yet."""

from onestop.queue_demo import fill_queue
from onestop.store.engine import Store


def open_front_of_house(store: Store) -> None:
    fill_queue(store, store.attachments_dir.parent, waiting=0)
