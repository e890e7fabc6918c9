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
from onestop import settings
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.roles import require
from signing.pades import check_signature, sign_pdf
from signing.sample_paper import sample_paper
from signing.token_session import TokenSession, TokenSettings

Subparsers = Any
PIN_VARIABLE = "ONESTOP_TOKEN_PIN"


@dataclass(frozen=True)
class TokenChoice:
    pkcs11_module: str
    token: str
    key: str


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
    p.set_defaults(run=run_signing_set)
    p = actions.add_parser("test", parents=[common], help=_("ký thử một trang và kiểm tra chữ ký"))
    p.set_defaults(run=run_signing_test)


def token_settings(context: CommandContext) -> TokenSettings:
    with context.store.read() as session:
        return TokenSettings(str(settings.get(session, "signing.pkcs11_module")),
                             str(settings.get(session, "signing.token")),
                             str(settings.get(session, "signing.key")))


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
              "signing.key": args.key}
    given = {name: value for name, value in wanted.items() if value is not None}
    if not given:
        raise DomainError(_("Cần ít nhất một trong --pkcs11-module, --token, --key."))
    settings.save_changed(context.store, actor, given)
    chosen = token_settings(context)
    return TokenChoice(chosen.module, chosen.token, chosen.key)


def run_signing_test(args: argparse.Namespace, context: CommandContext) -> object:
    require(context.actor, "settings.devices")
    with TokenSession(token_settings(context), token_pin()) as token:
        signed = sign_pdf(token, sample_paper(), _("Ký thử"))
    check = check_signature(signed.data)
    return TestSignature(signed.signer.common_name, signed.signer.organisation, signed.signer.serial,
                         signed.signed_at, signed.standard, check is not None and check.good)
