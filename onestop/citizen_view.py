"""What the screen facing the citizen may show of the dossier being typed: their name, their ID
number with its middle digits hidden, the procedure, the papers and the appointment; nothing else
and never a full ID number."""

from dataclasses import dataclass
from datetime import datetime

from onestop.text import clean

SHOWN_AT_EACH_END = 3


@dataclass(frozen=True)
class CitizenView:
    full_name: str
    id_number: str
    procedure: str
    papers: tuple[str, ...]
    appointment: datetime | None


def masked_id_number(number: str) -> str:
    """“001099012345” → “001******345”: enough for the citizen to recognise, too little to copy."""
    digits = clean(number).replace(" ", "")
    if len(digits) <= 2 * SHOWN_AT_EACH_END:
        return "*" * len(digits)
    hidden = len(digits) - 2 * SHOWN_AT_EACH_END
    return digits[:SHOWN_AT_EACH_END] + "*" * hidden + digits[-SHOWN_AT_EACH_END:]


def citizen_view(full_name: str, id_number: str, procedure: str, papers: tuple[str, ...] = (),
                 appointment: datetime | None = None) -> CitizenView:
    return CitizenView(clean(full_name), masked_id_number(id_number), clean(procedure),
                       tuple(clean(p) for p in papers), appointment)
