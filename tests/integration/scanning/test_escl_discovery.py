import socket
from collections.abc import Iterator

import pytest
from zeroconf import IPVersion, ServiceInfo, Zeroconf

from scanning.escl import EsclScanner
from scanning.escl_discovery import SERVICE_TYPE, discover
from scanning.scanner import Source
from tests.integration.scanning.escl_server import EsclServer, Scenario


@pytest.fixture
def announced() -> Iterator[EsclServer]:
    """A loopback eSCL scanner announcing itself over mDNS on 127.0.0.1."""
    with EsclServer(Scenario()) as server:
        zc = Zeroconf(interfaces=["127.0.0.1"], ip_version=IPVersion.V4Only)
        info = ServiceInfo(
            SERVICE_TYPE,
            f"Máy quét thử {server.port}.{SERVICE_TYPE}",
            addresses=[socket.inet_aton("127.0.0.1")],
            port=server.port,
            properties={"rs": "eSCL", "ty": "Máy quét quầy 1"},
            server="may-quet-thu.local.",
        )
        zc.register_service(info)
        try:
            yield server
        finally:
            zc.unregister_service(info)
            zc.close()


def test_a_scanner_on_the_network_is_found_and_answers(announced: EsclServer) -> None:
    found = discover(seconds=1.5, interfaces=["127.0.0.1"])
    mine = [device for device in found if device.id == f"http://127.0.0.1:{announced.port}/eSCL"]
    assert [device.name for device in mine] == ["Máy quét quầy 1"]
    scanner = EsclScanner(find=lambda: mine)
    (device,) = scanner.devices()
    assert Source.DUPLEX in scanner.capabilities(device.id).sources
