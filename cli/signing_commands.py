"""Subcommands of the signing token: where the vendor's PKCS#11 library and the key are, a test
signature, and signing a dossier's digitised copies with one PIN entry.

The PIN comes from a prompt or ONESTOP_TOKEN_PIN and goes to the token only."""

import argparse
import getpass
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cli.context import CommandContext
from onestop import digitised, settings
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.roles import require
from signing.dossier_signing import office_token, sign_waiting
from signing.pades import check_signature, sign_pdf
from signing.sample_paper import sample_paper
from signing.token_session import TokenSession

Subparsers = Any
PIN_VARIABLE = "ONESTOP_TOKEN_PIN"


@dataclass(frozen=True)
class TokenChoice:
    pkcs11_module: str
    token: str
    key: str
    timestamp_url: str


@dataclass(frozen=True)
class TestSignature:
    signer: str
    organisation: str
    serial: str
    signed_at: datetime
    standard: str
    verified: bool


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    signing = commands.add_parser("signing", parents=[common], help=_("thiết bị ký số (USB token)"))
    actions = signing.add_subparsers(dest="action", required=True)
    p = actions.add_parser("set", parents=[common], help=_("chọn thư viện PKCS#11, token và khoá ký"))
    p.add_argument("--pkcs11-module", metavar="PATH", help=_("thư viện PKCS#11 của hãng"))
    p.add_argument("--token", metavar="LABEL", help=_("tên token"))
    p.add_argument("--key", metavar="LABEL", help=_("tên khoá ký và chứng thư"))
    p.add_argument("--timestamp-url", metavar="URL",
                   help=_("dịch vụ cấp dấu thời gian (RFC 3161) để ký PAdES B-T; chuỗi rỗng để bỏ"))
    p.set_defaults(run=run_signing_set)
    p = actions.add_parser("test", parents=[common], help=_("ký thử một trang và kiểm tra chữ ký"))
    p.set_defaults(run=run_signing_test)
    p = actions.add_parser("sign", parents=[common],
                           help=_("ký số các bản số hóa đang chờ của hồ sơ, một lần nhập PIN"))
    p.add_argument("code")
    p.set_defaults(run=run_signing_sign)


def token_pin() -> str:
    given = os.environ.get(PIN_VARIABLE)
    if given:
        return given
    if not sys.stdin.isatty():
        raise DomainError(_("Cần mã PIN của thiết bị ký số: nhập khi được hỏi hoặc đặt biến môi "
                            "trường {0}.").format(PIN_VARIABLE))
    return getpass.getpass(_("Mã PIN thiết bị ký số: "))


def run_signing_set(args: argparse.Namespace, context: CommandContext) -> object:
    actor = context.actor
    wanted = {"signing.pkcs11_module": args.pkcs11_module, "signing.token": args.token,
              "signing.key": args.key, "signing.timestamp_url": args.timestamp_url}
    given = {name: value for name, value in wanted.items() if value is not None}
    if not given:
        raise DomainError(_("Cần ít nhất một trong --pkcs11-module, --token, --key, --timestamp-url."))
    settings.save_changed(context.store, actor, given)
    chosen = office_token(context.store)
    return TokenChoice(chosen.token.module, chosen.token.token, chosen.token.key, chosen.timestamp_url)


def run_signing_test(args: argparse.Namespace, context: CommandContext) -> object:
    require(context.actor, "settings.devices")
    office = office_token(context.store)
    with TokenSession(office.token, token_pin()) as token:
        signed = sign_pdf(token, sample_paper(), _("Ký thử"), timestamp_url=office.timestamp_url)
    check = check_signature(signed.data)
    return TestSignature(signed.signer.common_name, signed.signer.organisation, signed.signer.serial,
                         signed.signed_at, signed.standard, check is not None and check.good)


def run_signing_sign(args: argparse.Namespace, context: CommandContext) -> object:
    """Every copy of the dossier that waits, with one PIN entry."""
    actor = context.actor
    waiting = digitised.copies_to_sign(context.store, actor, args.code)
    if not waiting:
        raise DomainError(_("Hồ sơ {0} không có bản số hóa nào chờ ký.").format(args.code))
    return sign_waiting(context.store, actor, args.code, token_pin())
