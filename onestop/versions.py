"""Which program this is: its version, the schema of the store it makes, and the province
protocol it speaks — for `onestop --version`, the support bundle and the about box."""

from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

from onestop.i18n import _
from onestop.store.migrations import newest_revision

PROTOCOL = "1.1"


@dataclass(frozen=True)
class Versions:
    program: str
    schema: str
    protocol: str

    def __str__(self) -> str:
        return _("OneStop {0} (dữ liệu {1}, giao thức tỉnh {2})").format(
            self.program, self.schema, self.protocol)


def versions() -> Versions:
    try:
        program = version("onestop")
    except PackageNotFoundError:
        program = _("(không rõ phiên bản)")
    return Versions(program, newest_revision(), PROTOCOL)
