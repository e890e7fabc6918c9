"""A session on the signing token: opened with the PIN once, then it signs as many papers as asked.

The PIN is handed to the PKCS#11 library and kept nowhere else: not in the session object, not in
a message, not in a log. A token pulled out (or a library that stops answering) turns into a
`TokenError` for the paper being signed; the caller keeps that paper unsigned.
"""

import contextlib
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

import pkcs11
from asn1crypto import x509
from pkcs11 import Attribute, ObjectClass
from pkcs11 import exceptions as pkcs11_errors
from pyhanko.sign.pkcs11 import PKCS11Signer

from onestop.i18n import _
from signing.token_module import TokenError, find_module


@dataclass(frozen=True)
class TokenSettings:
    module: str
    token: str
    key: str


def _library(settings: TokenSettings) -> Any:
    path = find_module(settings.module)
    try:
        return pkcs11.lib(str(path))
    except (OSError, RuntimeError, pkcs11_errors.PKCS11Error) as error:
        raise TokenError(_("Không nạp được thư viện PKCS#11 “{0}”: {1}").format(
            path.name, type(error).__name__)) from None


def check_chosen(settings: TokenSettings) -> None:
    """Raises TokenError when the technician has not chosen the token and key yet."""
    if not settings.token or not settings.key:
        raise TokenError(_("Chưa chọn thiết bị ký số và khoá ký. Kỹ thuật viên chạy "
                           "“onestop signing set”."))


class TokenSession:
    def __init__(self, settings: TokenSettings, pin: str) -> None:
        check_chosen(settings)
        library = _library(settings)
        try:
            token = library.get_token(token_label=settings.token)
        except (pkcs11_errors.NoSuchToken, pkcs11_errors.MultipleTokensReturned):
            raise TokenError(_("Không thấy thiết bị ký số “{0}”. Hãy cắm USB token rồi thử "
                               "lại.").format(settings.token)) from None
        try:
            self._session = token.open(user_pin=pin)
        except pkcs11_errors.PinIncorrect:
            raise TokenError(_("Mã PIN của thiết bị ký số không đúng.")) from None
        except pkcs11_errors.PinLocked:
            raise TokenError(_("Thiết bị ký số đã bị khoá do nhập sai PIN nhiều lần.")) from None
        except pkcs11_errors.PKCS11Error as error:
            raise TokenError(_("Không mở được thiết bị ký số: {0}").format(
                type(error).__name__)) from None
        self.settings = settings
        self._closed = False
        try:
            self.certificate = self._certificate(settings.key)
        except TokenError:
            self.close()
            raise
        self.signer = PKCS11Signer(self._session, key_label=settings.key,
                                   signing_cert=self.certificate)

    def _certificate(self, label: str) -> x509.Certificate:
        """The key's certificate, and a check that the private key is there beside it."""
        missing = TokenError(_("Thiết bị ký số không có khoá và chứng thư “{0}”.").format(label))
        try:
            self._session.get_key(object_class=ObjectClass.PRIVATE_KEY, label=label)
            found = list(self._session.get_objects(
                {Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.LABEL: label}))
        except (pkcs11_errors.NoSuchKey, pkcs11_errors.MultipleObjectsReturned):
            raise missing from None
        if len(found) != 1:
            raise missing
        return x509.Certificate.load(found[0][Attribute.VALUE])

    @property
    def usable(self) -> bool:
        return not self._closed

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            # a token already pulled out has no session left to close
            with contextlib.suppress(pkcs11_errors.PKCS11Error):
                self._session.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()
