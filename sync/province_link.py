"""The counter's link to its province: address and account from the settings, the password from
where `sync.province_password` keeps it."""

from dataclasses import dataclass
from datetime import datetime

from onestop import settings
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.store.engine import Store
from sync.client import Credentials, ProvincialClient
from sync.errors import SyncError
from sync.province_password import find_password
from sync.wire import PROVINCE_ZONE

# A person waits on the check; a province that takes longer than this is as good as down.
_CHECK_TIMEOUT = 10.0


def open_client(store: Store, *, connect_timeout: float = 5.0,
                read_timeout: float = 30.0) -> ProvincialClient:
    """A client for the province named in the settings."""
    office = settings.read_all(store)
    url = str(office["province.url"]).strip()
    username = str(office["province.username"]).strip()
    agency = str(office["agency.code"]).strip()
    return connect(store, url, username, agency, connect_timeout=connect_timeout,
                   read_timeout=read_timeout)


def connect(store: Store, url: str, username: str, agency: str, password: str | None = None, *,
            connect_timeout: float = 5.0, read_timeout: float = 30.0) -> ProvincialClient:
    """A client for the province at `url`; without `password`, the one kept for `username`."""
    if not url:
        raise DomainError(_("Chưa cài đặt địa chỉ hệ thống tỉnh"), field="province.url")
    if not username:
        raise DomainError(_("Chưa cài đặt tài khoản kết nối hệ thống tỉnh"),
                          field="province.username")
    if not password:
        kept = find_password(store, username)
        if kept is None:
            raise DomainError(
                _("Chưa có mật khẩu kết nối hệ thống tỉnh cho tài khoản “{username}”")
                .format(username=username), field="province.password")
        password = kept.password
    try:
        return ProvincialClient(url, Credentials(username, password, agency),
                                connect_timeout=connect_timeout, read_timeout=read_timeout)
    except ValueError as error:
        raise DomainError(_("Địa chỉ hệ thống tỉnh không hợp lệ: {url}").format(url=url),
                          field="province.url") from error


@dataclass(frozen=True)
class LinkCheck:
    reached: bool  # the province answered and accepted the account
    message: str


def check_link(store: Store, url: str, username: str, agency: str,
               password: str | None = None) -> LinkCheck:
    """Sign in to the province at `url` and ask it one small question; settings that cannot
    work raise a DomainError."""
    with connect(store, url.strip(), username.strip(), agency.strip(), password,
                 read_timeout=_CHECK_TIMEOUT) as client:
        try:
            client.authenticate()
            client.pull_days_off(datetime.now(PROVINCE_ZONE).year)
        except SyncError as error:
            return LinkCheck(False, str(error))
    return LinkCheck(True, _("Kết nối được hệ thống tỉnh; tài khoản hợp lệ"))
