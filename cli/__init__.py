"""The command line: subcommands serve technicians, supervisors, scripts and tests. Exit 0 on
success, 2 on bad input (one line on stderr), 1 on other failure.

The commands bring the whole core with them; `window_request` reads only the common options, so
that the entry point can open the window without loading them."""

import argparse
import os
import sys
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass

from onestop.errors import DomainError, ErrorKind
from onestop.i18n import _, set_language

BAD_INPUT, FAILURE = 2, 1
UNEXPECTED_SHOWN = 300


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"{self.prog}: {message} (--help)", file=sys.stderr)
        raise SystemExit(BAD_INPUT)


def _common_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--data-dir", default=default, help=_("thư mục dữ liệu"))
    parser.add_argument("--database-url", default=default, help=_("địa chỉ CSDL PostgreSQL"))
    parser.add_argument("--json", action="store_true", default=default or False,
                        help=_("in kết quả dạng JSON"))
    parser.add_argument("--user", default=default,
                        help=_("tài khoản thực hiện; mật khẩu nhập khi được hỏi hoặc qua biến môi "
                               "trường ONESTOP_PASSWORD"))
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
        idcard_commands,
        ocr_commands,
        printing_commands,
        queue_commands,
        returning_commands,
        scanning_commands,
        setup_commands,
        signing_commands,
        support_commands,
        sync_commands,
    )
    from onestop.versions import versions

    # The common options are accepted before or after the subcommand; on the subcommands they
    # default to "absent" so that they never overwrite what was given before the subcommand.
    common = argparse.ArgumentParser(add_help=False)
    _common_options(common, argparse.SUPPRESS)
    parser = _Parser(prog="onestop", description=_("OneStop - tiếp nhận hồ sơ tại Bộ phận Một cửa"))
    parser.add_argument("--version", action="version", version=str(versions()))
    _common_options(parser, None)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    for module in (core_commands, account_commands, printing_commands, scanning_commands,
                   sync_commands, setup_commands, support_commands, idcard_commands,
                   queue_commands, signing_commands, digitised_commands, ocr_commands,
                   returning_commands):
        module.register(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from cli.output import harmless_output

    try:
        with harmless_output():
            try:
                args = build_parser().parse_args(argv)
            except SystemExit as ended:  # --help, --version, or a usage error already said
                return ended.code if isinstance(ended.code, int) else BAD_INPUT
            return _run_command(args)
    except BrokenPipeError:
        _drop_closed_output()
        return FAILURE


def _drop_closed_output() -> None:
    """The reader went away (`onestop search … | head -1`): what is still buffered goes nowhere,
    with no second complaint when Python flushes the output at exit."""
    # an output with no file descriptor of its own, as under a test's capture, has nothing to drop
    with suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _exit_code(error: DomainError) -> int:
    return BAD_INPUT if error.kind in (ErrorKind.BAD_INPUT, ErrorKind.NOT_ALLOWED) else FAILURE


def _run_command(args: argparse.Namespace) -> int:
    from cli.context import CommandContext
    from cli.output import print_result
    from onestop.program_log import start_program_log
    from onestop.store_failures import explain

    if args.lang:
        set_language(args.lang)
    context = CommandContext(args)
    if context.data_dir is not None:
        start_program_log(context.data_dir)
    try:
        context.prove_account()
        result = args.run(args, context)
    except DomainError as error:
        _say(error.message)
        return _exit_code(error)
    except KeyboardInterrupt:
        return FAILURE
    except BrokenPipeError:
        raise
    except Exception as error:  # noqa: BLE001 - the one place a failure becomes an exit code
        explained = explain(error)
        if explained is not None:
            _say(explained.message)
            return _exit_code(explained)
        _say(_("Lỗi: {0}").format((str(error) or repr(error))[:UNEXPECTED_SHOWN]))
        return FAILURE
    finally:
        context.close()
    if result is not None:
        print_result(result, args.json)
    return 0


def _say(message: str) -> None:
    print(" ".join(message.split()), file=sys.stderr)
