"""Where the counter keeps its data when no data dir is named: the place platformdirs gives this
user (%LOCALAPPDATA% on Windows). Light to import: the program's start asks it first."""

from pathlib import Path


def default_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path("OneStop", appauthor=False)
