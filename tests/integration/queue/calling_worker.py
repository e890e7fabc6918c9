"""A counter calling the next citizen in a loop until nobody waits, printing each ticket it got
once the call is committed; it starts when the go file appears. Run as a separate process by
the concurrency test."""

import sys
import time
from pathlib import Path

from onestop import queue
from onestop.errors import DomainError
from onestop.store.engine import open_store
from onestop.users import actor_named

CALL_PAUSE_SECONDS = 0.05


def main() -> None:
    data_dir, url, counter, go = Path(sys.argv[1]), sys.argv[2] or None, sys.argv[3], \
        Path(sys.argv[4])
    store = open_store(data_dir, url)
    with store.read() as session:
        officer = actor_named(session, "canbo")
    # ready means ready to call: the store's opening check done and the calling code loaded, so
    # that on a busy machine no counter starts late and leaves every ticket to the first one
    queue.serving(store, counter)
    with store.write():
        pass
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.001)
    while True:
        try:
            ticket = queue.call_next(store, officer, counter)
        except DomainError:
            break
        print(ticket.uid, flush=True)
        # an officer does not call again within milliseconds: without a pause, on SQLite the
        # counter that holds the write lock takes it again before the others' busy waits wake
        time.sleep(CALL_PAUSE_SECONDS)
    store.close()


if __name__ == "__main__":
    main()
