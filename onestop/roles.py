"""Who may do what. Services check the role; hiding a button in the window is not a check."""

from dataclasses import dataclass

from onestop.errors import NotAllowed
from onestop.i18n import N_, _

OFFICER = "officer"
SUPERVISOR = "supervisor"
TECHNICIAN = "technician"
ADMIN = "admin"
ROLES = (OFFICER, SUPERVISOR, TECHNICIAN, ADMIN)

ROLE_NAMES = {
    OFFICER: N_("Cán bộ tiếp nhận"),
    SUPERVISOR: N_("Lãnh đạo / giám sát"),
    TECHNICIAN: N_("Kỹ thuật viên"),
    ADMIN: N_("Quản trị"),
}

# action → roles allowed, and the words a refusal uses for it.
PERMISSIONS: dict[str, tuple[frozenset[str], str]] = {
    "dossier.receive": (frozenset({OFFICER, SUPERVISOR}), N_("tiếp nhận hồ sơ")),
    "dossier.read": (frozenset({OFFICER, SUPERVISOR}), N_("xem hồ sơ và thông tin công dân")),
    "dossier.attach": (frozenset({OFFICER, SUPERVISOR}), N_("đính kèm tài liệu vào hồ sơ")),
    "dossier.print": (frozenset({OFFICER, SUPERVISOR}), N_("in phiếu của hồ sơ")),
    "dossier.correct": (frozenset({OFFICER, SUPERVISOR}), N_("đính chính hồ sơ đã tiếp nhận")),
    "catalogue.read": (frozenset(ROLES), N_("xem danh mục thủ tục")),
    "catalogue.change": (frozenset({SUPERVISOR, ADMIN}), N_("thay đổi danh mục thủ tục")),
    "calendar.change": (frozenset({SUPERVISOR}), N_("khai báo ngày nghỉ, ngày làm bù")),
    "report.read": (frozenset({SUPERVISOR}), N_("xem và in báo cáo")),
    "audit.read": (frozenset({SUPERVISOR, ADMIN}), N_("xem nhật ký")),
    "settings.office": (frozenset({ADMIN}), N_("thay đổi thông tin cơ quan")),
    "settings.devices": (frozenset({TECHNICIAN, ADMIN}), N_("cài đặt máy in, máy quét, kết nối")),
    "settings.counter": (frozenset({SUPERVISOR, ADMIN}), N_("thay đổi cài đặt quầy")),
    "users.manage": (frozenset({ADMIN}), N_("quản lý tài khoản")),
    "sync.run": (frozenset(ROLES), N_("đồng bộ với hệ thống tỉnh")),
    "backup.run": (frozenset({TECHNICIAN, ADMIN}), N_("sao lưu và phục hồi dữ liệu")),
    "idcard.trust": (frozenset({TECHNICIAN, ADMIN}), N_("cài chứng thư tin cậy để xác thực chip thẻ")),
}


@dataclass(frozen=True)
class Actor:
    """The person a service acts for."""

    username: str
    full_name: str
    roles: frozenset[str]
    title: str = ""
    counter_code: str | None = None

    def may(self, action: str) -> bool:
        return bool(self.roles & PERMISSIONS[action][0])


SYSTEM = Actor("system", "Hệ thống", frozenset(ROLES), "OneStop")


def require(actor: Actor, action: str) -> None:
    if not actor.may(action):
        raise NotAllowed(
            _("Tài khoản “{0}” không có quyền {1}.").format(
                actor.username, _(PERMISSIONS[action][1])
            )
        )
