"""The applicant's fields, laid out; the logic is in ApplicantForm."""

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout

from onestop.i18n import _

SEXES = ("", "Nam", "Nữ")


class ApplicantView(QGroupBox):
    def __init__(self) -> None:
        super().__init__(_("Người nộp hồ sơ"))
        self.full_name = QLineEdit()
        self.id_number = QLineEdit()
        self.id_number.setMaxLength(12)
        self.id_number.setPlaceholderText(_("12 chữ số"))
        self.birth_date = QLineEdit()
        self.birth_date.setPlaceholderText(_("ngày/tháng/năm"))
        self.sex = QComboBox()
        self.sex.addItems([_(text) for text in SEXES])
        self.address = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("09xxxxxxxx")
        self.email = QLineEdit()
        self.card_note = QLabel()
        self.card_note.setWordWrap(True)
        self.returning_note = QLabel()
        self.returning_note.setProperty("role", "notice")
        self.returning_note.setWordWrap(True)
        self.returning_note.hide()
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(_("Họ và tên"), self.full_name)
        form.addRow(_("Số định danh"), self.id_number)
        form.addRow(_("Ngày sinh"), self.birth_date)
        form.addRow(_("Giới tính"), self.sex)
        form.addRow(_("Địa chỉ"), self.address)
        form.addRow(_("Điện thoại"), self.phone)
        form.addRow(_("Thư điện tử"), self.email)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.card_note)
        layout.addWidget(self.returning_note)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def fields(self) -> dict[str, QLineEdit]:
        """The text fields by the names the core's errors use."""
        return {"full_name": self.full_name, "id_number": self.id_number,
                "birth_date": self.birth_date, "address": self.address, "phone": self.phone,
                "email": self.email}
