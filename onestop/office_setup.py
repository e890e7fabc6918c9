"""A real office's first day: an empty store becomes this office — its agency, its counter, its
first admin account, its devices, its link and its catalogue — in one transaction, or not at all."""

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from onestop import audit, catalogue, settings, users
from onestop.errors import Conflict, DomainError
from onestop.i18n import _
from onestop.roles import SYSTEM
from onestop.store.engine import Store
from onestop.text import clean
from onestop.workcalendar_store import DAY_OFF, WORKING_DAY, declare_day_in

_DECLARED_DAY = re.compile(rf"(\d{{1,2}})/(\d{{1,2}})/(\d{{4}}) +({DAY_OFF}|{WORKING_DAY})")


@dataclass(frozen=True)
class OfficeSetup:
    agency_code: str
    agency_name: str
    admin_username: str
    admin_full_name: str
    admin_password: str
    agency_address: str = ""
    counter_code: str = "Q1"
    counter_name: str = "Quầy 1"
    sequence_start: int = 1
    printer_uri: str = ""
    scanner_device: str = ""
    province_url: str = ""
    province_username: str = ""
    office_hours: str = ""
    catalogue_file: Path | None = None
    declared_days: tuple[tuple[date, str], ...] = ()  # the year's extra days off and swapped days
    extra_settings: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class OfficeSetUp:
    admin: str
    settings: list[str]
    procedures: int


def parse_declared_days(text: str) -> tuple[tuple[date, str], ...]:
    """Days off and swapped working days as a set-up types them, one a line:
    “dd/mm/yyyy Nghi” or “dd/mm/yyyy LamBu”."""
    days = []
    for number, line in enumerate(text.splitlines(), start=1):
        typed = clean(line)
        if not typed:
            continue
        found = _DECLARED_DAY.fullmatch(typed)
        if found is None:
            raise DomainError(_("Dòng {0} “{1}”: cần dạng “dd/mm/yyyy Nghi” hoặc “dd/mm/yyyy "
                                "LamBu”.").format(number, typed), field="declared_days")
        day, month, year, kind = found.groups()
        try:
            days.append((date(int(year), int(month), int(day)), kind))
        except ValueError:
            raise DomainError(_("Dòng {0} “{1}”: không phải ngày có thật.").format(number, typed),
                              field="declared_days") from None
    return tuple(days)


def is_set_up(store: Store) -> bool:
    return not users.first_admin_needed(store)


def _wanted_settings(setup: OfficeSetup) -> dict[str, Any]:
    given = {
        "agency.code": setup.agency_code, "agency.name": setup.agency_name,
        "agency.address": setup.agency_address, "counter.code": setup.counter_code,
        "counter.name": setup.counter_name, "counter.sequence_start": setup.sequence_start,
        "printer.uri": setup.printer_uri, "scanner.device": setup.scanner_device,
        "province.url": setup.province_url, "province.username": setup.province_username,
        "calendar.hours": setup.office_hours, **setup.extra_settings,
    }
    return {name: value for name, value in given.items() if value not in ("", None)}


def set_up_office(store: Store, setup: OfficeSetup) -> OfficeSetUp:
    """Only an empty store can be set up this way; later changes go through the settings."""
    wanted = _wanted_settings(setup)
    with store.write() as session:
        if not users.first_admin_needed_in(session):
            raise Conflict(_("Dữ liệu này đã được thiết lập; hãy sửa từng cài đặt bằng "
                             "“onestop config set”."))
        admin = users.create_first_admin(session, setup.admin_username, setup.admin_full_name,
                                         setup.admin_password)
        # The set-up speaks for the whole office (hours are a supervisor's, devices a
        # technician's): the system account writes them, and the audit names the new admin.
        for name, value in wanted.items():
            settings.put_in(session, SYSTEM, name, value)
        for day, kind in setup.declared_days:
            declare_day_in(session, SYSTEM, day, kind, source="setup")
        procedures = 0
        if setup.catalogue_file is not None:
            procedures = catalogue.import_file_in(session, SYSTEM, setup.catalogue_file)
        audit.record(session, users.actor_named(session, admin.username), "office.setup",
                     settings.get_in(session, "agency.code"),
                     {"settings": sorted(wanted), "procedures": procedures,
                      "declared_days": len(setup.declared_days)})
    return OfficeSetUp(admin.username, sorted(wanted), procedures)
