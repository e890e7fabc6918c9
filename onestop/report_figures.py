"""The figures supervisors print: a day at the counter and a Biểu 06-style period report."""

from dataclasses import dataclass, fields
from datetime import date, datetime


@dataclass(frozen=True)
class ChannelCounts:
    in_person: int = 0
    online: int = 0
    postal: int = 0

    @property
    def total(self) -> int:
        return self.in_person + self.online + self.postal


@dataclass(frozen=True)
class OfficerDay:
    officer: str
    received: int
    returned: int


@dataclass(frozen=True)
class ProcedureDay:
    code: str
    name: str
    received: int
    returned: int


@dataclass(frozen=True)
class OverdueDossier:
    dossier_code: str
    applicant: str
    procedure: str
    appointment: datetime
    officer: str


@dataclass(frozen=True)
class ReceivedDossier:
    """One dossier received on the report's day; `officer` is the receiving officer's full name."""

    dossier_code: str
    received_at: datetime
    applicant: str
    procedure: str
    appointment: datetime | None
    officer: str


@dataclass(frozen=True)
class DailyReport:
    agency: str
    day: date
    made_at: datetime
    received: ChannelCounts
    results_ready: int
    returned: int
    supplement_requests: int
    refusals: int
    withdrawals: int
    fees_collected: int
    by_officer: tuple[OfficerDay, ...]
    by_procedure: tuple[ProcedureDay, ...]
    overdue: tuple[OverdueDossier, ...]
    received_dossiers: tuple[ReceivedDossier, ...] = ()
    made_by: str = ""


@dataclass(frozen=True)
class PeriodFigures:
    """The counted columns of Biểu 06; totals are derived, never stored."""

    received_online: int = 0
    received_in_person_or_postal: int = 0
    carried_over: int = 0
    resolved_early: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    in_process_within_time: int = 0
    in_process_overdue: int = 0
    paused: int = 0
    returned_or_withdrawn: int = 0

    @property
    def received_total(self) -> int:
        return self.received_online + self.received_in_person_or_postal + self.carried_over

    @property
    def resolved_total(self) -> int:
        return self.resolved_early + self.resolved_on_time + self.resolved_late

    @property
    def in_process_total(self) -> int:
        return self.in_process_within_time + self.in_process_overdue

    def __add__(self, other: "PeriodFigures") -> "PeriodFigures":
        return PeriodFigures(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(PeriodFigures)))


@dataclass(frozen=True)
class PeriodRow:
    field: str
    procedure_code: str
    procedure: str
    figures: PeriodFigures


@dataclass(frozen=True)
class PeriodReport:
    agency: str
    start: date
    end: date
    made_at: datetime
    rows: tuple[PeriodRow, ...]
    made_by: str = ""

    def field_names(self) -> list[str]:
        """Fields in the order they first appear."""
        return list(dict.fromkeys(row.field for row in self.rows))

    def field_total(self, field: str) -> PeriodFigures:
        return sum((row.figures for row in self.rows if row.field == field), PeriodFigures())

    def total(self) -> PeriodFigures:
        return sum((row.figures for row in self.rows), PeriodFigures())
