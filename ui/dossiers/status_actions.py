"""The lifecycle actions a dossier offers its viewer: the moves the role allows from the
current status, and the words each one asks for."""

from dataclasses import dataclass

from onestop.dossiers import DossierView
from onestop.i18n import N_, _
from onestop.lifecycle import lifecycle
from onestop.roles import Actor

RETURNED = "returned"
RESCHEDULE = "reschedule"

_ASK = {
    "supplement_requested": N_("Giấy tờ cần bổ sung, hoàn thiện và lý do:"),
    "refused": N_("Lý do từ chối:"),
    "withdrawn": N_("Lý do rút hồ sơ (theo đề nghị của công dân):"),
    "stopped": N_("Lý do dừng giải quyết:"),
    RESCHEDULE: N_("Lý do chậm trễ (văn bản xin lỗi):"),
}


@dataclass(frozen=True)
class StatusAction:
    target: str
    title: str
    question: str | None
    note_required: bool
    ends_dossier: bool = False


def actions_for(view: DossierView, actor: Actor) -> list[StatusAction]:
    life = lifecycle()
    actions = []
    for target in view.next_statuses:
        move = life.moves[(view.status, target)]
        question = _ASK.get(target)
        if move.needs_note and question is None:
            question = N_("Ghi chú:")
        status = life.status(target)
        title = _("Trả kết quả") if target == RETURNED else _(status.name)
        actions.append(StatusAction(target, title, _(question) if question else None,
                                    move.needs_note,
                                    ends_dossier=status.final and target != RETURNED))
    if (actor.may("report.read") and not life.status(view.status).final
            and view.finished_at is None):
        actions.append(StatusAction(RESCHEDULE, _("Xin lỗi, hẹn lại ngày trả"),
                                    _(_ASK[RESCHEDULE]), True))
    return actions

