"""The paper screens' office: the screen tests' own (a virtual printer in the test's folder), on
58 mm paper, with a few received dossiers."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import update

from onestop import dossiers, settings
from onestop.dossiers import ApplicantInput, Intake
from onestop.roles import SYSTEM
from onestop.store.models import Dossier
from onestop.workdays import LOCAL_ZONE
from tests.conftest import Office


@pytest.fixture
def paper_office(ui_office: Office) -> Office:
    """The screen tests' office, its counter printing on 58 mm paper."""
    with ui_office.store.write() as session:
        settings.put_in(session, SYSTEM, "printer.paper_width", 58)
    return ui_office


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
