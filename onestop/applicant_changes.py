"""What differs between two versions of an applicant's details: what was typed at intake against
what is on file, or a dossier's details before and after a correction."""

from contextlib import suppress
from dataclasses import dataclass
from datetime import date

from onestop.dossiers import ApplicantInput, clean_applicant, returning_applicant
from onestop.errors import DomainError
from onestop.i18n import N_, _
from onestop.roles import Actor
from onestop.store.engine import Store

# The fields a receipt prints, in its order, with the words the counter uses for them.
FIELD_LABELS = {
    "full_name": N_("Họ tên"),
    "id_number": N_("Số định danh"),
    "old_id_number": N_("Số CMND cũ"),
    "birth_date": N_("Ngày sinh"),
    "sex": N_("Giới tính"),
    "address": N_("Địa chỉ"),
    "phone": N_("Số điện thoại"),
    "email": N_("Thư điện tử"),
}


@dataclass(frozen=True)
class Difference:
    field: str
    label: str
    typed: str
    on_file: str


def shown(value: str | date | None) -> str:
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y") if isinstance(value, date) else value


def differences(typed: ApplicantInput, on_file: ApplicantInput) -> tuple[Difference, ...]:
    """The receipt's fields whose values differ, in the receipt's order."""
    return tuple(
        Difference(name, _(label), shown(getattr(typed, name)), shown(getattr(on_file, name)))
        for name, label in FIELD_LABELS.items()
        if getattr(typed, name) != getattr(on_file, name))


def differences_from_file(store: Store, actor: Actor, typed: ApplicantInput
                          ) -> tuple[Difference, ...]:
    """Before saving an intake: how the typed details differ from the citizen's latest dossier
    with that ID number (nothing when the number is new). Typed details that would be refused
    are compared as they were typed."""
    on_file = returning_applicant(store, actor, typed.id_number)
    if on_file is None:
        return ()
    with suppress(DomainError):
        typed = clean_applicant(typed)
    return differences(typed, on_file)
