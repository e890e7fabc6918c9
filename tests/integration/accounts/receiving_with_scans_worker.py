"""A counter receiving dossiers and attaching a scan to each, in a loop, printing each code once
its scan is committed. Run as a separate process by the backup tests."""

import sys
from pathlib import Path

from onestop import attachments, dossiers
from onestop.dossiers import ApplicantInput, Intake
from onestop.store.engine import open_store
from onestop.users import actor_named


def main() -> None:
    data_dir, count = Path(sys.argv[1]), int(sys.argv[2])
    store = open_store(data_dir)
    with store.read() as session:
        officer = actor_named(session, "canbo")
    for i in range(count):
        code = dossiers.receive(store, officer, Intake(
            "1.004873", ApplicantInput(f"Người Thứ {chr(65 + i % 26)}", phone="0912345678"))).code
        attachments.attach(store, officer, code, f"%PDF trang quét {i}".encode() * 500,
                           "trang.pdf", "application/pdf")
        print(code, flush=True)
    store.close()


if __name__ == "__main__":
    main()
