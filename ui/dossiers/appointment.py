"""Whether a dossier in a given status has an appointment to show: a supplement request stops the
clock, and a refusal, withdrawal or stop ends the dossier, so none of them has one."""

from onestop.lifecycle import lifecycle


def has_appointment(status: str) -> bool:
    shown = lifecycle().status(status)
    return not shown.pauses_clock and not (shown.final and shown.finishes)
