"""The applicant: filled from an ID card, or typed with live checks; a returning citizen's
phone and address are offered from earlier dossiers."""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit

from onestop.dossiers import ApplicantInput
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.idcard import IdCard, check_id_number, check_phone
from onestop.text import clean
from onestop.typed_dates import parse_typed_date
from ui.intake.applicant_view import SEXES, ApplicantView
from ui.theme import mark_invalid


def _date_text(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


class ApplicantForm(QObject):
    returning_lookup_wanted = Signal(str)

    def __init__(self, view: ApplicantView) -> None:
        super().__init__(view)
        self.view = view
        self._old_id_number = ""
        self._issued_on: date | None = None
        self._looked_up = ""
        # the name and ID number a genuine chip gave, while the form still shows them
        self._genuine_chip: tuple[str, str] | None = None
        checks = {"id_number": self._check_id_number, "birth_date": self._check_birth_date,
                  "phone": self._check_phone, "email": self._check_email}
        for name, check in checks.items():
            self.view.fields()[name].textEdited.connect(check)
        self.view.full_name.textEdited.connect(self._check_name)

    def fill_from_card(self, card: IdCard) -> None:
        self.clear()
        v = self.view
        v.full_name.setText(card.full_name)
        v.id_number.setText(card.id_number)
        v.birth_date.setText(_date_text(card.birth_date))
        v.sex.setCurrentIndex(SEXES.index(card.sex) if card.sex in SEXES else 0)
        v.address.setText(card.address)
        self._old_id_number = card.old_id_number
        self._issued_on = card.issued_on
        notes = []
        if card.old_id_number:
            notes.append(_("CMND cũ: {0}").format(card.old_id_number))
        if card.issued_on:
            notes.append(_("Thẻ cấp ngày {0}").format(_date_text(card.issued_on)))
        v.card_note.setText(" · ".join(notes))
        self._want_lookup(card.id_number)

    def fill_from_chip(self, card: IdCard, authentic: bool) -> None:
        """The card's data as its chip holds them, keeping the phone and email already typed, and
        saying whether a genuine chip gave them."""
        phone, email = self.view.phone.text(), self.view.email.text()
        self.fill_from_card(card)
        self.view.phone.setText(phone)
        self.view.email.setText(email)
        read_from = (_("Đọc từ chip: thẻ thật") if authentic
                     else _("Đọc từ chip: chưa xác nhận được thẻ thật"))
        self._genuine_chip = (clean(card.full_name), clean(card.id_number)) if authentic else None
        shown = self.view.card_note.text()
        self.view.card_note.setText(f"{read_from} · {shown}" if shown else read_from)

    def offer_returning(self, known: ApplicantInput) -> None:
        """Fill what is still empty from earlier dossiers, and say so."""
        offered = []
        for field, value, name in ((self.view.phone, known.phone, _("điện thoại")),
                                   (self.view.address, known.address, _("địa chỉ")),
                                   (self.view.email, known.email, _("thư điện tử"))):
            if value and not field.text().strip():
                field.setText(value)
                offered.append(name)
        if offered:
            self.view.returning_note.setText(
                _("Công dân đã từng nộp hồ sơ: đã điền {0} từ lần trước, hãy hỏi lại nếu đã "
                  "đổi.").format(", ".join(offered)))
            self.view.returning_note.show()

    def problems(self) -> list[DomainError]:
        """Everything wrong with what was typed, in the order of the fields."""
        v = self.view
        found = []
        if not clean(v.full_name.text()):
            found.append(DomainError(_("Chưa nhập họ và tên."), field="full_name"))
        elif any(ch.isdigit() for ch in v.full_name.text()):
            found.append(DomainError(_("Họ và tên không chứa chữ số."), field="full_name"))
        checks: list[tuple[QLineEdit, Callable[[], object]]] = [
            (v.id_number, lambda: check_id_number(v.id_number.text())),
            (v.birth_date, self._birth_date),
            (v.phone, lambda: check_phone(v.phone.text())),
            (v.email, self._check_email_address),
        ]
        for field, check in checks:
            if not field.text().strip():
                continue
            try:
                check()
            except DomainError as error:
                found.append(error)
        return found

    def show_problems(self, problems: list[DomainError]) -> None:
        """Every problem listed, each field marked, the first one's field focused."""
        fields = self.view.fields()
        for name, field in fields.items():
            mark_invalid(field, any(p.field == name for p in problems))
        self.view.error.setText("\n".join(f"• {p}" for p in problems))
        first = next((fields[p.field] for p in problems if p.field in fields), None)
        if first is not None:
            first.setFocus()

    def applicant(self) -> ApplicantInput:
        """What was entered; a date that does not read raises, the rest the core checks."""
        v = self.view
        birth = self._birth_date()
        sex = SEXES[v.sex.currentIndex()] or None
        return ApplicantInput(full_name=v.full_name.text(), id_number=v.id_number.text(),
                              old_id_number=self._old_id_number, birth_date=birth, sex=sex,
                              address=v.address.text(), phone=v.phone.text(),
                              email=v.email.text(), id_issued_on=self._issued_on,
                              from_genuine_chip=self._genuine_chip == (clean(v.full_name.text()),
                                                                       clean(v.id_number.text())))

    def is_empty(self) -> bool:
        return not any(field.text().strip() for field in self.view.fields().values())

    def show_error(self, error: DomainError) -> None:
        self.view.error.setText(str(error))
        field = self.view.fields().get(error.field or "")
        if field is not None:
            mark_invalid(field, True)
            field.setFocus()

    def clear(self) -> None:
        for field in self.view.fields().values():
            field.clear()
            mark_invalid(field, False)
        self.view.sex.setCurrentIndex(0)
        self.view.card_note.clear()
        self.view.returning_note.hide()
        self.view.error.clear()
        self._old_id_number = ""
        self._issued_on = None
        self._looked_up = ""
        self._genuine_chip = None

    def _birth_date(self) -> date | None:
        text = self.view.birth_date.text()
        return parse_typed_date(text, _("Ngày sinh"), "birth_date") if text.strip() else None

    def _check_email_address(self) -> None:
        if "@" not in self.view.email.text():
            raise DomainError(_("Thư điện tử “{0}” thiếu dấu @.").format(self.view.email.text().strip()),
                              field="email")

    def _judge(self, name: str, check: Callable[[], object]) -> None:
        field = self.view.fields()[name]
        try:
            if field.text().strip():
                check()
        except DomainError as error:
            mark_invalid(field, True)
            self.view.error.setText(str(error))
            return
        mark_invalid(field, False)
        self.view.error.clear()

    def _check_name(self, text: str) -> None:
        mark_invalid(self.view.full_name, any(ch.isdigit() for ch in text))

    def _check_id_number(self, text: str) -> None:
        complete = len(text.strip()) == 12
        if complete:
            self._judge("id_number", lambda: check_id_number(text))
            if not self.view.id_number.property("invalid"):
                self._want_lookup(text.strip())
        elif text.strip() and not text.strip().isdigit():
            mark_invalid(self.view.id_number, True)
            self.view.error.setText(_("Số định danh chỉ gồm chữ số."))
        else:
            mark_invalid(self.view.id_number, False)
            self.view.error.clear()

    def _check_birth_date(self, text: str) -> None:
        digits = "".join(ch for ch in text if ch.isdigit())
        year_typed = text.count("/") == 2 and len(text.rsplit("/", 1)[-1].strip()) == 4
        if len(digits) >= 8 or year_typed:
            self._judge("birth_date", self._birth_date)
        else:
            mark_invalid(self.view.birth_date, False)

    def _check_phone(self, text: str) -> None:
        if len("".join(ch for ch in text if ch.isdigit())) >= 10:
            self._judge("phone", lambda: check_phone(text))
        else:
            mark_invalid(self.view.phone, False)

    def _check_email(self, text: str) -> None:
        mark_invalid(self.view.email, bool(text.strip()) and "@" not in text)

    def _want_lookup(self, id_number: str) -> None:
        if id_number and id_number != self._looked_up:
            self._looked_up = id_number
            self.returning_lookup_wanted.emit(id_number)
