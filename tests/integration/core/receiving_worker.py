"""A counter receiving dossiers in a loop, printing each code once it is committed.
Run as a separate process by the concurrency and crash tests."""

import sys
import time
from pathlib import Path

from onestop import dossiers
from onestop.dossiers import ApplicantInput, Intake
from onestop.store.engine import open_store
from onestop.users import actor_named


def main() -> None:
    data_dir, url, count, start_at = Path(sys.argv[1]), sys.argv[2] or None, int(sys.argv[3]), \
        float(sys.argv[4])
    store = open_store(data_dir, url)
    with store.read() as session:
        officer = actor_named(session, "canbo")
    while time.time() < start_at:
        time.sleep(0.001)
    for i in range(count):
        received = dossiers.receive(store, officer, Intake(
            "1.004873", ApplicantInput(f"Người Thứ {chr(65 + i % 26)}", phone="0912345678")))
        print(received.code, flush=True)
    store.close()


if __name__ == "__main__":
    main()
