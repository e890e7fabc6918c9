"""Subcommands for the citizen ID card's chip: read it, list the readers, install the trust list."""

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from cli.context import CommandContext
from idcard.access_key import AccessKey, access_key, key_from_mrz
from idcard.chip_reading import read_chip
from idcard.pcsc_link import connect, list_readers
from onestop import chip_reads, chip_trust
from onestop.errors import DomainError
from onestop.i18n import _

Subparsers = Any


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    card = commands.add_parser("idcard", parents=[common], help=_("chip thẻ căn cước"))
    card_sub = card.add_subparsers(dest="action", required=True)
    p = card_sub.add_parser("read", parents=[common], help=_("đọc chip thẻ căn cước và xác thực"))
    p.add_argument("--reader", metavar="NAME", help=_("đầu đọc (mặc định: đầu đọc đầu tiên)"))
    p.add_argument("--document-number", metavar="N",
                   help=_("số giấy tờ: 9 chữ số cuối của số định danh"))
    p.add_argument("--birth-date", type=_day, metavar="YYYY-MM-DD", help=_("ngày sinh"))
    p.add_argument("--expiry-date", type=_day, metavar="YYYY-MM-DD", help=_("ngày hết hạn thẻ"))
    p.add_argument("--mrz", metavar="TEXT", help=_("dòng MRZ ở mặt sau thẻ"))
    p.add_argument("--photo", type=Path, metavar="FILE",
                   help=_("lưu ảnh khuôn mặt trong chip vào tệp này (chỉ khi cần)"))
    p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help=_("chờ đặt thẻ lên đầu đọc tối đa bấy nhiêu giây"))
    p.set_defaults(run=run_idcard_read)
    p = card_sub.add_parser("readers", parents=[common], help=_("các đầu đọc thẻ của máy"))
    p.set_defaults(run=run_idcard_readers)
    trust = card_sub.add_parser("trust", parents=[common],
                                help=_("chứng thư gốc (CSCA) để xác thực chip"))
    trust_sub = trust.add_subparsers(dest="trust_action", required=True)
    p = trust_sub.add_parser("add", parents=[common], help=_("cài một chứng thư gốc (CSCA)"))
    p.add_argument("certificate", type=Path, metavar="CERT_FILE")
    p.set_defaults(run=run_idcard_trust_add)
    p = trust_sub.add_parser("list", parents=[common], help=_("các chứng thư gốc đã cài"))
    p.set_defaults(run=run_idcard_trust_list)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("ngày “{0}” không đúng dạng YYYY-MM-DD").format(
            text)) from None


def _key(args: argparse.Namespace) -> AccessKey:
    printed = (args.document_number, args.birth_date, args.expiry_date)
    if args.mrz is not None:
        if any(value is not None for value in printed):
            raise DomainError(_("Dùng --mrz hoặc bộ --document-number, --birth-date, "
                                "--expiry-date, không dùng cả hai."))
        return key_from_mrz(args.mrz)
    if any(value is None for value in printed):
        raise DomainError(_("Cần khoá mở chip: --mrz TEXT, hoặc đủ --document-number, "
                            "--birth-date và --expiry-date."))
    return access_key(args.document_number, args.birth_date, args.expiry_date)


def run_idcard_read(args: argparse.Namespace, context: CommandContext) -> object:
    key = _key(args)
    actor = context.actor
    chip_reads.require_chip_reader(actor)
    trusted = chip_trust.trusted_cscas(context.store)
    with connect(args.reader, wait_seconds=args.wait) as link:
        card = read_chip(link.transmit, key, trusted, with_photo=args.photo is not None)
    chip_reads.note_chip_read(context.store, actor, card.citizen.id_number,
                              card.authenticity.authentic)
    citizen = card.citizen
    result: dict[str, object] = {
        "id_number": citizen.id_number, "full_name": citizen.full_name,
        "birth_date": citizen.birth_date, "sex": citizen.sex, "nationality": citizen.nationality,
        "ethnicity": citizen.ethnicity, "religion": citizen.religion,
        "home_town": citizen.home_town, "residence": citizen.residence,
        "identifying_marks": citizen.identifying_marks, "issue_date": citizen.issue_date,
        "expiry_date": citizen.expiry_date, "father_name": citizen.father_name,
        "mother_name": citizen.mother_name, "old_id_number": citizen.old_id_number,
        "authentic": card.authenticity.authentic,
    }
    if not card.authenticity.authentic:
        result["problem"] = card.authenticity.message
    if args.photo is not None:
        if card.photo is None:
            result["photo"] = None
        else:
            _write(args.photo, card.photo.image)
            result["photo"] = args.photo
    return result


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as error:
        raise DomainError(_("Không ghi được tệp {0}: {1}").format(path, error.strerror)) from None


def run_idcard_readers(args: argparse.Namespace, context: CommandContext) -> object:
    return list_readers()


def run_idcard_trust_add(args: argparse.Namespace, context: CommandContext) -> object:
    try:
        data = args.certificate.read_bytes()
    except OSError as error:
        raise DomainError(_("Không đọc được tệp {0}: {1}").format(
            args.certificate, error.strerror)) from None
    return chip_trust.add_csca(context.store, context.actor, data)


def run_idcard_trust_list(args: argparse.Namespace, context: CommandContext) -> object:
    return chip_trust.list_cscas(context.store)
