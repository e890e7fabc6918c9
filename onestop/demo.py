"""A demo data dir: the sample catalogue, one user per role, and a few days of sample dossiers."""

import random
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from onestop import catalogue, settings, users
from onestop.dossiers import ApplicantInput, Intake, receive, transition
from onestop.queue_demo import fill_queue
from onestop.roles import SYSTEM, Actor
from onestop.store.engine import Store
from onestop.workdays import LOCAL_ZONE

DEMO_PASSWORD = "motcua2026"
DEMO_USERS = (
    ("canbo", "Nguyễn Thị Hoà", "Công chức tư pháp - hộ tịch", "officer"),
    ("lanhdao", "Trần Văn Đức", "Phó Chủ tịch UBND xã", "supervisor"),
    ("kythuat", "Lê Minh Quân", "Kỹ thuật viên", "technician"),
    ("quantri", "Phạm Thu Hà", "Quản trị hệ thống", "admin"),
)
_NAMES = ("Nguyễn Văn An", "Trần Thị Bích", "Lê Hoàng Đạt", "Phạm Thị Thuỷ", "Hoàng Văn Đông",
          "Vũ Thị Hoà", "Đặng Quốc Huy", "Bùi Thị Lan", "Đỗ Minh Khoa", "Ngô Thị Mỹ Duyên")


@dataclass(frozen=True)
class DemoFilled:
    users: int
    procedures: int
    dossiers: int


def fill(store: Store, data_dir: Path, *, dossiers: int = 24, seed: int = 7) -> DemoFilled:
    with store.write() as session:
        for name, value in (("agency.code", "000.00.13.H24"),
                            ("agency.name", "UBND xã Minh Khai (dữ liệu mẫu)"),
                            ("agency.address", "Xã Minh Khai, tỉnh Hưng Yên"),
                            ("counter.code", "Q1"), ("counter.name", "Quầy 1"),
                            ("printer.uri", (data_dir.resolve() / "slips").as_uri()
                             .replace("file:", "virtual:"))):
            settings.put_in(session, SYSTEM, name, value)
        count = catalogue.import_file_in(session, SYSTEM, catalogue.sample_catalogue_path(),
                                         is_sample=True)
        for username, full_name, title, role in DEMO_USERS:
            users.create_user_in(session, SYSTEM, username, full_name, DEMO_PASSWORD,
                                 frozenset({role}), title=title, must_change_password=False)
    officer = users_actor(store, "canbo")
    supervisor = users_actor(store, "lanhdao")
    rng = random.Random(seed)
    procedures = [p.code for p in catalogue.list_procedures(store)]
    now = datetime.now(LOCAL_ZONE)
    for i in range(dossiers):
        day = now.date() - timedelta(days=rng.randint(0, 12))
        at = datetime.combine(day, time(rng.randint(7, 16), rng.randint(0, 59)), LOCAL_ZONE)
        if at + timedelta(hours=3) > now:
            at -= timedelta(days=1)  # its steps below included: a demo shows a past, not a future
        name = _NAMES[i % len(_NAMES)]
        received = receive(store, officer, Intake(
            procedure_code=rng.choice(procedures),
            applicant=ApplicantInput(full_name=name, phone=f"09{rng.randint(10000000, 99999999)}",
                                     address="Thôn Đông, xã Minh Khai"),
            received_at=at.astimezone(UTC)))
        if i % 3 == 0:
            transition(store, officer, received.code, "in_process", at=at + timedelta(hours=1))
        if i % 6 == 0:
            transition(store, supervisor, received.code, "result_ready",
                       at=at + timedelta(hours=3))
    fill_queue(store, data_dir)
    return DemoFilled(len(DEMO_USERS), count, dossiers)


def users_actor(store: Store, username: str) -> Actor:
    with store.read() as session:
        return users.actor_named(session, username)
