"""The `onestop` command: no arguments (or `demo --open`) open the window, `kiosk` and `display`
open the front of house's windows, anything else is the command line. The only module that
knows both faces."""

import sys
from collections.abc import Sequence

QUEUE_FACES = ("kiosk", "display")
_VALUED_OPTIONS = ("--data-dir", "--database-url", "--user", "--lang")


def _queue_face(argv: Sequence[str]) -> tuple[str, list[str]] | None:
    """The kiosk or call display asked for, and the arguments without it."""
    for index, word in enumerate(argv):
        if word.startswith("-") or (index and argv[index - 1] in _VALUED_OPTIONS):
            continue
        if word in QUEUE_FACES:
            return word, [*argv[:index], *argv[index + 1:]]
        return None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    import cli

    args = list(sys.argv[1:] if argv is None else argv)
    face = _queue_face(args)
    if face is not None and (request := cli.window_request(face[1])) is not None:
        from ui.queue.faces import run_face

        return run_face(face[0], request.data_dir, request.database_url)
    request = cli.window_request(argv)
    if request is None:
        return cli.main(argv)
    from pathlib import Path

    from onestop.program_log import start_program_log
    from ui.app import open_demo, run_window

    if request.data_dir or not request.database_url:
        from onestop.data_dir import default_data_dir

        start_program_log(Path(request.data_dir) if request.data_dir else default_data_dir())

    if request.demo:
        from cli.core_commands import demo_guide, demo_ready
        from sync.demo_province import start_demo_province

        demo_dir = Path(request.data_dir or ".")
        return open_demo(demo_dir, companion=start_demo_province,
                         filled=lambda made: print(demo_guide(demo_ready(made, demo_dir)), flush=True))
    return run_window(request.data_dir, request.database_url)


if __name__ == "__main__":
    import multiprocessing

    # the bundled program starts its scanner child processes through itself
    multiprocessing.freeze_support()
    sys.exit(main())
