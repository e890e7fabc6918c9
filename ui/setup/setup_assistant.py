"""A real office's first day in the window: on an empty data dir the program walks whoever installs
it through the office, its counter, the first admin account, the printer, the scanner, the province
link, the catalogue and the office hours. Only the office and the admin are needed; every other
step can be left empty and set later from the admin menu. Nothing is written until the last step,
and then in one transaction (onestop.office_setup)."""

import threading
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from onestop import settings, users
from onestop.catalogue import sample_catalogue_path
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.office_setup import OfficeSetUp, OfficeSetup, parse_declared_days, set_up_office
from onestop.roles import SYSTEM
from onestop.store.engine import Store
from printing.printer_profile import STOCK_PROFILE
from printing.slip_layout import paper_for_mm
from printing.trial_slip import print_trial_slip
from printing.usb_discovery import find_usb_printers
from scanning.office_scanner import find_scanners, scanner_for
from scanning.scanner import ScanResult, ScanSettings
from sync.province_link import LinkCheck, check_link
from sync.province_password import save_password
from ui.dialogs import StatusLine, password_line
from ui.tasks import Call, StoreCall, TaskManager, failure_message

_SCANNER_SECONDS = 2.0
TRIAL_SCAN_DPI = 75
DAYS_HEIGHT = 70


def _finish(store: Store, setup: OfficeSetup, province_password: str) -> OfficeSetUp:
    done = set_up_office(store, setup)
    if province_password and setup.province_username:
        save_password(store, SYSTEM, setup.province_username, province_password)
    return done


def _find_devices() -> list[str]:
    printers = [p.uri for p in find_usb_printers()]
    return printers + [s.id for s in find_scanners(_SCANNER_SECONDS)]


def _trial_scan(device: str) -> str:
    """One pass of the scanner at low resolution; what it says, with the pages it gave."""
    result: ScanResult | None = None
    for event in scanner_for(device).scan(ScanSettings(device, dpi=TRIAL_SCAN_DPI), threading.Event()):
        if isinstance(event, ScanResult):
            result = event
    return result.message if result is not None else _("Máy quét không trả lời.")


def _trial_slip(uri: str, agency: str) -> str:
    outcome = print_trial_slip(uri, width_dots=paper_for_mm(80), agency=agency,
                               at=datetime.now(UTC), profile=STOCK_PROFILE)
    return outcome.message


class _Page(QWizardPage):
    """A step: a title, what it is for, a form, and one line saying what went wrong or happened."""

    def __init__(self, title: str, intro: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(intro)
        self.box = QVBoxLayout(self)
        self.form = QFormLayout()
        self.box.addLayout(self.form)
        self.status = StatusLine()
        self.box.addStretch(1)
        self.box.addWidget(self.status)

    def line(self, label: str, text: str = "", placeholder: str = "") -> QLineEdit:
        field = QLineEdit(text)
        field.setPlaceholderText(placeholder)
        self.form.addRow(label, field)
        return field

    def refuse(self, message: str, field: QWidget | None = None) -> bool:
        self.status.show_error(message)
        if field is not None:
            field.setFocus()
        return False


class OfficePage(_Page):
    def __init__(self) -> None:
        super().__init__(_("Cơ quan"), _("Mã định danh do tỉnh cấp, tên và địa chỉ in trên phiếu."))
        self.code = self.line(_("Mã cơ quan (mã định danh)"), placeholder="000.00.00.H00")
        self.name = self.line(_("Tên cơ quan"), placeholder=_("UBND xã …"))
        self.address = self.line(_("Địa chỉ (xã, tỉnh)"))

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        try:
            self.code.setText(str(settings.parse("agency.code", self.code.text().strip())))
        except DomainError as error:
            return self.refuse(str(error), self.code)
        if not self.code.text() or not self.name.text().strip():
            return self.refuse(_("Cần mã và tên cơ quan."),
                               self.code if not self.code.text() else self.name)
        self.status.clear()
        return True


class CounterPage(_Page):
    def __init__(self) -> None:
        super().__init__(_("Quầy"), _("Quầy của máy này. Nhiều quầy dùng chung một máy chủ thì mỗi "
                                      "quầy bắt đầu số hồ sơ ở một số khác (vd. 0001 và 5001)."))
        self.code = self.line(_("Mã quầy"), "Q1")
        self.name = self.line(_("Tên quầy"), _("Quầy 1"))
        self.start = QSpinBox()
        self.start.setRange(1, 9000)
        self.form.addRow(_("Số thứ tự hồ sơ đầu tiên mỗi ngày"), self.start)

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        if not self.code.text().strip():
            return self.refuse(_("Cần mã quầy."), self.code)
        return True


class AdminPage(_Page):
    def __init__(self) -> None:
        super().__init__(_("Tài khoản quản trị"),
                         _("Người quản trị tạo tài khoản cho cán bộ, lãnh đạo và kỹ thuật viên."))
        self.username = self.line(_("Tên đăng nhập"))
        self.full_name = self.line(_("Họ tên"))
        self.password = password_line(_("ít nhất {0} ký tự").format(users.MIN_PASSWORD_LENGTH))
        self.repeated = password_line()
        self.form.addRow(_("Mật khẩu"), self.password)
        self.form.addRow(_("Nhập lại mật khẩu"), self.repeated)

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        if not self.username.text().strip() or not self.full_name.text().strip():
            return self.refuse(_("Cần tên đăng nhập và họ tên."), self.username)
        if len(self.password.text()) < users.MIN_PASSWORD_LENGTH:
            return self.refuse(_("Mật khẩu cần ít nhất {0} ký tự.").format(
                users.MIN_PASSWORD_LENGTH), self.password)
        if self.password.text() != self.repeated.text():
            return self.refuse(_("Hai lần nhập mật khẩu không khớp."), self.repeated)
        return True


class DevicesPage(_Page):
    def __init__(self, tasks: TaskManager) -> None:
        super().__init__(_("Máy in và máy quét"),
                         _("Có thể bỏ trống và cài sau trong mục Quản trị."))
        self.tasks = tasks
        self.printer = self.line(_("Máy in phiếu"), placeholder="usb://04b8:0202, tcp://192.168.1.50:9100")
        self.scanner = self.line(_("Máy quét"), placeholder="escl:http://…, test:0")
        row = QHBoxLayout()
        self.find_button = QPushButton(_("Tìm thiết bị"))
        self.trial_button = QPushButton(_("In thử"))
        self.scan_button = QPushButton(_("Quét thử"))
        row.addWidget(self.find_button)
        row.addWidget(self.trial_button)
        row.addWidget(self.scan_button)
        row.addStretch(1)
        self.box.insertLayout(1, row)
        self.found = QLabel()
        self.found.setWordWrap(True)
        self.box.insertWidget(2, self.found)
        self.find_button.clicked.connect(self._on_find_button_clicked)
        self.trial_button.clicked.connect(self._on_trial_button_clicked)
        self.scan_button.clicked.connect(self._on_scan_button_clicked)

    @Slot()
    def _on_find_button_clicked(self) -> None:
        self.find_button.setEnabled(False)
        self.status.show_info(_("Đang tìm máy in USB và máy quét…"))
        self.tasks.run_device(Call(_find_devices), self._on_devices_found, self._on_work_failed)

    def _on_devices_found(self, found: list[str]) -> None:
        self.find_button.setEnabled(True)
        self.status.clear()
        self.found.setText(_("Tìm thấy: {0}").format(", ".join(found)) if found
                           else _("Không tìm thấy máy in USB hay máy quét nào."))

    @Slot()
    def _on_trial_button_clicked(self) -> None:
        if not self.printer.text().strip():
            self.refuse(_("Nhập địa chỉ máy in trước khi in thử."), self.printer)
            return
        self.trial_button.setEnabled(False)
        self.status.show_info(_("Đang in thử…"))
        agency = str(self.field("agency_name") or "")
        self.tasks.run_device(Call(_trial_slip, self.printer.text().strip(), agency),
                              self._on_trial_printed, self._on_work_failed)

    @Slot()
    def _on_scan_button_clicked(self) -> None:
        if not self.scanner.text().strip():
            self.refuse(_("Nhập máy quét trước khi quét thử."), self.scanner)
            return
        self.scan_button.setEnabled(False)
        self.status.show_info(_("Đang quét thử…"))
        self.tasks.run_device(Call(_trial_scan, self.scanner.text().strip()), self._on_trial_scanned,
                              self._on_work_failed)

    def _on_trial_scanned(self, message: str) -> None:
        self.scan_button.setEnabled(True)
        self.status.show_info(message)

    def _on_trial_printed(self, message: str) -> None:
        self.trial_button.setEnabled(True)
        self.status.show_info(message)

    def _on_work_failed(self, error: Exception) -> None:
        for button in (self.find_button, self.trial_button, self.scan_button):
            button.setEnabled(True)
        self.status.show_error(failure_message(error))


class ProvincePage(_Page):
    def __init__(self, tasks: TaskManager) -> None:
        super().__init__(_("Kết nối hệ thống tỉnh"),
                         _("Địa chỉ và tài khoản do tỉnh cấp. Có thể bỏ trống: quầy vẫn làm việc "
                           "không cần mạng."))
        self.tasks = tasks
        self.url = self.line(_("Địa chỉ hệ thống tỉnh"), placeholder="https://…")
        self.username = self.line(_("Tài khoản kết nối tỉnh"))
        self.password = password_line()
        self.form.addRow(_("Mật khẩu"), self.password)
        self.check_button = QPushButton(_("Kiểm tra kết nối"))
        self.box.insertWidget(1, self.check_button)
        self.check_button.clicked.connect(self._on_check_button_clicked)

    @Slot()
    def _on_check_button_clicked(self) -> None:
        self.check_button.setEnabled(False)
        self.status.show_info(_("Đang kiểm tra kết nối…"))
        self.tasks.run_device(
            StoreCall(check_link, self.url.text().strip(), self.username.text().strip(),
                      str(self.field("agency_code") or ""), self.password.text() or None),
            self._on_link_checked, self._on_check_failed)

    def _on_link_checked(self, check: LinkCheck) -> None:
        self.check_button.setEnabled(True)
        (self.status.show_info if check.reached else self.status.show_error)(check.message)

    def _on_check_failed(self, error: Exception) -> None:
        self.check_button.setEnabled(True)
        self.status.show_error(failure_message(error))


class CataloguePage(_Page):
    def __init__(self) -> None:
        super().__init__(_("Danh mục thủ tục và giờ làm việc"),
                         _("Danh mục thật do tỉnh cung cấp: lấy khi đồng bộ, hoặc nhập từ tệp."))
        self.choice = QButtonGroup(self)
        self.from_province = QRadioButton(_("Lấy từ hệ thống tỉnh khi đồng bộ"))
        self.from_file = QRadioButton(_("Nhập từ tệp…"))
        self.sample = QRadioButton(_("Dùng danh mục mẫu (để thử)"))
        for number, button in enumerate((self.from_province, self.from_file, self.sample)):
            self.choice.addButton(button, number)
            self.form.addRow(button)
        self.from_province.setChecked(True)
        self.file: Path | None = None
        self.from_file.toggled.connect(self._on_from_file_toggled)
        self.hours = self.line(_("Giờ làm việc"), settings.key("calendar.hours").default)
        self.days = QPlainTextEdit()
        self.days.setPlaceholderText(_("mỗi dòng một ngày, vd. 13/02/2027 LamBu hoặc 02/09/2027 Nghi"))
        self.days.setTabChangesFocus(True)
        self.days.setFixedHeight(DAYS_HEIGHT)
        self.form.addRow(_("Ngày nghỉ, ngày làm bù thêm"), self.days)

    @Slot(bool)
    def _on_from_file_toggled(self, checked: bool) -> None:
        if not checked:
            return
        chosen, _filter = QFileDialog.getOpenFileName(self, _("Chọn tệp danh mục"), "",
                                                      _("Danh mục (*.json)"))
        if chosen:
            self.file = Path(chosen)
            self.from_file.setText(_("Nhập từ tệp: {0}").format(self.file.name))
        else:
            self.from_province.setChecked(True)

    def catalogue_file(self) -> Path | None:
        if self.sample.isChecked():
            return sample_catalogue_path()
        return self.file if self.from_file.isChecked() else None

    def declared_days(self) -> tuple[tuple[date, str], ...]:
        return parse_declared_days(self.days.toPlainText())

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        try:
            settings.parse("calendar.hours", self.hours.text())
        except DomainError as error:
            return self.refuse(str(error), self.hours)
        try:
            self.declared_days()
        except DomainError as error:
            return self.refuse(str(error), self.days)
        return True


class SetupAssistant(QWizard):
    """Shown instead of the login's first-admin question when the store is empty."""

    admin_created = Signal(str)

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.setWindowTitle(_("Thiết lập OneStop lần đầu"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        for which, text in ((QWizard.WizardButton.BackButton, _("< Quay lại")),
                            (QWizard.WizardButton.NextButton, _("Tiếp >")),
                            (QWizard.WizardButton.FinishButton, _("Hoàn tất")),
                            (QWizard.WizardButton.CancelButton, _("Huỷ"))):
            self.setButtonText(which, text)
        self.office = OfficePage()
        self.counter = CounterPage()
        self.admin = AdminPage()
        self.devices = DevicesPage(tasks)
        self.province = ProvincePage(tasks)
        self.catalogue = CataloguePage()
        self.office.registerField("agency_code", self.office.code)
        self.office.registerField("agency_name", self.office.name)
        pages = (self.office, self.counter, self.admin, self.devices, self.province, self.catalogue)
        for number, page in enumerate(pages, start=1):
            page.setTitle(_("Bước {0}/{1} · {2}").format(number, len(pages), page.title()))
            self.addPage(page)
        self.resize(720, 520)
        self._finished = False

    def setup(self) -> OfficeSetup:
        return OfficeSetup(
            agency_code=self.office.code.text().strip(), agency_name=self.office.name.text().strip(),
            agency_address=self.office.address.text().strip(),
            counter_code=self.counter.code.text().strip(), counter_name=self.counter.name.text().strip(),
            sequence_start=self.counter.start.value(),
            admin_username=self.admin.username.text().strip(),
            admin_full_name=self.admin.full_name.text().strip(),
            admin_password=self.admin.password.text(),
            printer_uri=self.devices.printer.text().strip(),
            scanner_device=self.devices.scanner.text().strip(),
            province_url=self.province.url.text().strip(),
            province_username=self.province.username.text().strip(),
            office_hours=self.catalogue.hours.text().strip(),
            catalogue_file=self.catalogue.catalogue_file(),
            declared_days=self.catalogue.declared_days())

    def accept(self) -> None:
        """The last step writes everything; the window stays until the store says it is done."""
        if self._finished:
            super().accept()
            return
        if not self.validateCurrentPage():  # QWizard checks it in done(), which comes later here
            return
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.catalogue.status.show_info(_("Đang lưu thiết lập…"))
        self.tasks.run_database(StoreCall(_finish, self.setup(), self.province.password.text()),
                                self._on_setup_done, self._on_setup_failed)

    def _on_setup_done(self, done: OfficeSetUp) -> None:
        self._finished = True
        self.admin_created.emit(done.admin)
        self.accept()

    def _on_setup_failed(self, error: Exception) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.catalogue.status.show_error(failure_message(error))
