"""A copy of the ready office (SQLite) for the paper screens, its printer a virtual one in the
test's folder, a task manager on it, and a few received dossiers."""

import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from onestop import dossiers, settings, users
from onestop.dossiers import ApplicantInput, Intake
from onestop.roles import SYSTEM
from onestop.store.engine import DATABASE_FILE, open_store
from onestop.store.models import Dossier
from onestop.workdays import LOCAL_ZONE
from tests.conftest import Office
from tests.ui.conftest import task_manager
from ui.tasks import TaskManager


@pytest.fixture
def paper_office(office_template: Path, tmp_path: Path) -> Iterator[Office]:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(office_template, data / DATABASE_FILE)
    store = open_store(data)
    with store.write() as session:
        settings.put(session, SYSTEM, "printer.uri", f"virtual://{tmp_path / 'slips'}")
        settings.put(session, SYSTEM, "printer.paper_width", 58)
    with store.read() as session:
        named = [users.actor_named(session, name) for name in ("canbo", "lanhdao", "kythuat", "quantri")]
    yield Office(store, *named)
    store.close()


@pytest.fixture
def tasks(paper_office: Office) -> Iterator[TaskManager]:
    yield from task_manager(paper_office.store)


@pytest.fixture
def received(paper_office: Office) -> list[str]:
    """Three dossiers received today; the first is overdue already."""
    now = datetime.now(LOCAL_ZONE)
    # Minutes ago, but never before today's local midnight, or "today" would be empty.
    earlier = max(now - timedelta(minutes=5), now.replace(hour=0, minute=0, second=0, microsecond=0))
    codes = []
    for name, procedure in (("Nguyễn Văn An", "1.004873"), ("Trần Thị Bích", "1.001193"),
                            ("Lê Hoàng Đạt", "1.004873")):
        intake = Intake(procedure, ApplicantInput(name, address="Thôn Đông"),
                        received_at=earlier)
        codes.append(dossiers.receive(paper_office.store, paper_office.officer, intake).code)
    with paper_office.store.write() as session:
        session.execute(update(Dossier).where(Dossier.code == codes[0])
                        .values(due_at=now - timedelta(minutes=1)))
    return codes
