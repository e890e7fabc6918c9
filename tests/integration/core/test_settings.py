"""Office settings saved from a set-up screen: only what changed is written, each with its audit
row, and a value the setting does not take leaves every setting as it was."""

import pytest
from sqlalchemy import select

from onestop import settings
from onestop.errors import DomainError, NotAllowed
from onestop.store.models import AuditEntry
from tests.conftest import Office


def _changes(office: Office) -> list[str]:
    with office.store.read() as session:
        return list(session.scalars(select(AuditEntry.subject)
                                    .where(AuditEntry.action == "settings.change")
                                    .order_by(AuditEntry.id)))


def test_only_changed_settings_are_written_with_their_audit_rows(office: Office) -> None:
    before, changed_before = settings.read_all(office.store), _changes(office)
    wanted = {"printer.paper_width": 58, "printer.copies": before["printer.copies"]}
    settings.save_changed(office.store, office.technician, wanted)
    after = settings.read_all(office.store)
    assert after["printer.paper_width"] == 58 and after["printer.copies"] == before["printer.copies"]
    assert _changes(office) == [*changed_before, "printer.paper_width"]


def test_a_bad_value_or_a_wrong_role_writes_nothing(office: Office) -> None:
    before, changed_before = settings.read_all(office.store), _changes(office)
    with pytest.raises(DomainError):
        settings.save_changed(office.store, office.technician,
                              {"printer.paper_width": 58, "printer.copies": "many"})
    with pytest.raises(NotAllowed):
        settings.save_changed(office.store, office.officer, {"printer.paper_width": 58})
    assert settings.read_all(office.store) == before
    assert _changes(office) == changed_before
