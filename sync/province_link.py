"""The counter's link to its province: address and account from the settings, the password
from the system's keyring (or, for scripts and tests, the ONESTOP_PROVINCE_PASSWORD variable)."""

import os

import keyring
from keyring.errors import KeyringError

from onestop import settings
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.store.engine import Store
from sync.client import Credentials, ProvincialClient

KEYRING_SERVICE = "OneStop province"
PASSWORD_VARIABLE = "ONESTOP_PROVINCE_PASSWORD"


def save_password(username: str, password: str) -> None:
    try:
        keyring.set_password(KEYRING_SERVICE, username, password)
    except KeyringError as error:
        raise DomainError(_("Không lưu được mật khẩu vào kho khoá của hệ thống: {error}")
                          .format(error=error)) from error


def _password(username: str) -> str:
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        try:
            password = keyring.get_password(KEYRING_SERVICE, username)
        except KeyringError:
            password = None
    if not password:
        raise DomainError(_("Chưa có mật khẩu kết nối hệ thống tỉnh cho tài khoản “{username}”")
                          .format(username=username))
    return password


def open_client(store: Store, *, connect_timeout: float = 5.0,
                read_timeout: float = 30.0) -> ProvincialClient:
    """A client for the province named in the settings."""
    with store.read() as session:
        url = str(settings.get(session, "province.url")).strip()
        username = str(settings.get(session, "province.username")).strip()
        agency = str(settings.get(session, "agency.code")).strip()
    if not url:
        raise DomainError(_("Chưa cài đặt địa chỉ hệ thống tỉnh"), field="province.url")
    if not username:
        raise DomainError(_("Chưa cài đặt tài khoản kết nối hệ thống tỉnh"),
                          field="province.username")
    try:
        return ProvincialClient(url, Credentials(username, _password(username), agency),
                                connect_timeout=connect_timeout, read_timeout=read_timeout)
    except ValueError as error:
        raise DomainError(_("Địa chỉ hệ thống tỉnh không hợp lệ: {url}").format(url=url),
                          field="province.url") from error
