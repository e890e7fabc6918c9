"""The scanning screens on a copy of the ready office, the office's scanner being SANE's `test`
backend in a private SANE_CONFIG_DIR, or the loopback eSCL scanner."""

from collections.abc import Iterator

import pytest

from onestop import dossiers, settings
from onestop.roles import SYSTEM
from scanning.sane_backend import sane_scanner
from tests.conftest import Office
from tests.integration.scanning.conftest import SaneConfig, sane_config  # noqa: F401 - the fixture
from tests.integration.scanning.escl_server import EsclServer, Scenario
from tests.machine import need

BIRTH = "1.001193"
FORM = "000.00.00.G15-KQ003204"
BIRTH_CERTIFICATE = "000.00.00.G15-KQ004389"
CHECKLIST = ((FORM, "Tờ khai đăng ký khai sinh"), (BIRTH_CERTIFICATE, "Giấy chứng sinh"))
WAIT_MS = 15_000


def set_scanner(office: Office, values: dict[str, object]) -> None:
    with office.store.write() as session:
        for name, value in values.items():
            settings.put_in(session, SYSTEM, name, value)


def a_dossier(office: Office) -> str:
    intake = dossiers.Intake(BIRTH, dossiers.ApplicantInput("Phạm Thu Trang"))
    return dossiers.receive(office.store, office.officer, intake).code


@pytest.fixture
def sane_office(ui_office: Office, sane_config: SaneConfig) -> Office:  # noqa: F811
    """The office scans from SANE's test:0 at 150 dpi; call `sane_config` again to change it."""
    need(sane_scanner() is not None, "neither python-sane nor scanimage is installed")
    sane_config(test_picture='"Grid"')
    set_scanner(ui_office, {"scanner.device": "test:0", "scanner.resolution": 150})
    return ui_office


@pytest.fixture
def escl() -> Iterator[EsclServer]:
    with EsclServer(Scenario()) as server:
        yield server
