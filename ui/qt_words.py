"""Qt's own words (standard buttons, the file dialog, a field's context menu) in the program's
language: Qt ships no Vietnamese, so a translator answers Qt's English with our catalog's
Vietnamese, and with its English again when the officer chose English."""

from PySide6.QtCore import QObject, QTranslator
from PySide6.QtWidgets import QApplication

from onestop.i18n import N_, _

# Qt's text -> ours; "&" marks the letter of an Alt shortcut
QT_WORDS = {
    "OK": N_("Đồng ý"),
    "Cancel": N_("Huỷ"),
    "Close": N_("Đóng"),
    "Save": N_("Lưu"),
    "Open": N_("Mở"),
    "Apply": N_("Áp dụng"),
    "Discard": N_("Bỏ"),
    "&Yes": N_("&Có"),
    "&No": N_("&Không"),
    "Yes to &All": N_("Có với &tất cả"),
    "N&o to All": N_("K&hông với tất cả"),
    "Retry": N_("Thử lại"),
    "Ignore": N_("Bỏ qua"),
    "Abort": N_("Dừng"),
    "Reset": N_("Đặt lại"),
    "Help": N_("Trợ giúp"),
    "&Open": N_("&Mở"),
    "&Save": N_("&Lưu"),
    "&Choose": N_("&Chọn"),
    "&Look in:": N_("&Tìm trong:"),
    "File &name:": N_("&Tên tệp:"),
    "Files of &type:": N_("&Loại tệp:"),
    "Directory:": N_("Thư mục:"),
    "&New Folder": N_("Thư mục &mới"),
    "Create New Folder": N_("Tạo thư mục mới"),
    "&Rename": N_("Đổi &tên"),
    "&Delete": N_("&Xoá"),
    "Back": N_("Lùi"),
    "Forward": N_("Tiến"),
    "Parent Directory": N_("Thư mục cha"),
    "List View": N_("Xem danh sách"),
    "Detail View": N_("Xem chi tiết"),
    "Show &hidden files": N_("Hiện tệp &ẩn"),
    "All Files (*)": N_("Mọi tệp (*)"),
    "Name": N_("Tên"),
    "Size": N_("Cỡ"),
    "Type": N_("Loại"),
    "Date Modified": N_("Ngày sửa"),
    "Computer": N_("Máy tính"),
    "Folder": N_("Thư mục"),
    "&Undo": N_("&Hoàn tác"),
    "&Redo": N_("&Làm lại"),
    "Cu&t": N_("&Cắt"),
    "&Copy": N_("&Chép"),
    "&Paste": N_("&Dán"),
    "Delete": N_("Xoá"),
    "Select All": N_("Chọn tất cả"),
}


class QtWordsTranslator(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        ours = QT_WORDS.get(source)
        return _(ours) if ours is not None else None


def speak_our_language(app: QApplication) -> QObject:
    """Install the translator on the application (kept alive as its child)."""
    translator = QtWordsTranslator(app)
    app.installTranslator(translator)
    return translator
