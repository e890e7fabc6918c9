"""The `onestop` command: no arguments (or `demo --open`) open the window, anything else is the
command line. The only module that knows both faces."""

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    import cli

    request = cli.window_request(argv)
    if request is None:
        return cli.main(argv)
    from pathlib import Path

    from onestop.program_log import start_program_log
    from ui.app import open_demo, run_window

    if request.data_dir or not request.database_url:
        from platformdirs import user_data_path

        start_program_log(Path(request.data_dir) if request.data_dir
                          else user_data_path("OneStop", appauthor=False))

    if request.demo:
        from sync.demo_province import start_demo_province

        return open_demo(Path(request.data_dir or "."), companion=start_demo_province)
    return run_window(request.data_dir, request.database_url)


if __name__ == "__main__":
    import multiprocessing

    # the bundled program starts its scanner child processes through itself
    multiprocessing.freeze_support()
    sys.exit(main())
