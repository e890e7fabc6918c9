"""The command line: subcommands serve technicians, supervisors, scripts and tests. Exit 0 on
success, 2 on bad input (one line on stderr), 1 on other failure.

The commands bring the whole core with them; `window_request` reads only the common options, so
that the entry point can open the window without loading them."""

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from onestop.errors import DomainError
from onestop.i18n import _, set_language

BAD_INPUT, FAILURE = 2, 1


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(BAD_INPUT)


def _common_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--data-dir", default=default, help=_("thư mục dữ liệu"))
    parser.add_argument("--database-url", default=default, help=_("địa chỉ CSDL PostgreSQL"))
    parser.add_argument("--json", action="store_true", default=default or False,
                        help=_("in kết quả dạng JSON"))
    parser.add_argument("--user", default=default,
                        help=_("tài khoản thực hiện (mặc định: người dùng máy này)"))
    parser.add_argument("--lang", choices=("vi", "en"), default=default,
                        help=_("ngôn ngữ thông báo"))


@dataclass(frozen=True)
class WindowRequest:
    """What the entry point needs to open the window instead of running a command."""

    data_dir: str | None
    database_url: str | None
    lang: str | None
    demo: bool


def window_request(argv: Sequence[str] | None = None) -> WindowRequest | None:
    """The window's options when the arguments ask for the window (none, or `demo --open`)."""
    parser = _Parser(prog="onestop", add_help=False)
    _common_options(parser, None)
    args, rest = parser.parse_known_args(argv)
    demo = bool(rest) and rest[0] == "demo" and "--open" in rest
    if rest and not demo:
        return None
    if demo and not args.data_dir:
        return None  # the command says what is missing
    if args.lang:
        set_language(args.lang)
    return WindowRequest(args.data_dir, args.database_url, args.lang, demo)


def build_parser() -> argparse.ArgumentParser:
    from cli import (
        account_commands,
        core_commands,
        digitised_commands,
        ocr_commands,
        printing_commands,
        scanning_commands,
        signing_commands,
        sync_commands,
    )

    # The common options are accepted before or after the subcommand; on the subcommands they
    # default to "absent" so that they never overwrite what was given before the subcommand.
    common = argparse.ArgumentParser(add_help=False)
    _common_options(common, argparse.SUPPRESS)
    parser = _Parser(prog="onestop", description=_("OneStop - tiếp nhận hồ sơ tại Bộ phận Một cửa"))
    _common_options(parser, None)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    for module in (core_commands, account_commands, printing_commands, scanning_commands,
                   sync_commands, signing_commands, digitised_commands, ocr_commands):
        module.register(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    return _run_command(build_parser().parse_args(argv))


def _run_command(args: argparse.Namespace) -> int:
    from cli.context import CommandContext, to_plain
    from cli.output import print_text

    if args.lang:
        set_language(args.lang)
    context = CommandContext(args)
    try:
        result = args.run(args, context)
    except DomainError as error:
        print(str(error).replace("\n", " "), file=sys.stderr)
        return BAD_INPUT
    except KeyboardInterrupt:
        return FAILURE
    except Exception as error:  # noqa: BLE001 - the one place a failure becomes an exit code
        print(_("Lỗi: {0}").format(str(error) or repr(error)).replace("\n", " "), file=sys.stderr)
        return FAILURE
    finally:
        context.close()
    if result is not None:
        if args.json:
            print(json.dumps(to_plain(result), ensure_ascii=False, indent=2))
        else:
            print_text(result)
    return 0
