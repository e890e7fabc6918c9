"""Finding eSCL scanners: browse the LAN (mDNS `_uscan._tcp`) for a short time, or take an
address a technician typed in."""

import ipaddress
import threading
from collections.abc import Sequence
from urllib.parse import urlsplit

from zeroconf import InterfaceChoice, ServiceBrowser, ServiceInfo, ServiceListener, Zeroconf

from onestop.errors import DomainError
from onestop.i18n import _
from onestop.text import nfc
from scanning.scanner import ScannerDevice

SERVICE_TYPE = "_uscan._tcp.local."
_DEFAULT_PATH = "eSCL"


class _Names(ServiceListener):
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.names: list[str] = []

    def add_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        with self._lock:
            if name not in self.names:
                self.names.append(name)

    def update_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        self.add_service(zc, type_, name)

    def remove_service(self, zc: Zeroconf, type_: str, name: str) -> None:
        with self._lock:
            if name in self.names:
                self.names.remove(name)


def _host(address: str) -> str:
    return f"[{address}]" if ipaddress.ip_address(address).version == 6 else address


def device_from_service(info: ServiceInfo) -> ScannerDevice | None:
    """The scanner a service announcement describes; None without an address."""
    addresses = info.parsed_addresses()
    if not addresses or not info.port:
        return None
    properties = {
        key.decode("utf-8", "replace").casefold(): (value or b"").decode("utf-8", "replace")
        for key, value in info.properties.items()
    }
    path = properties.get("rs", _DEFAULT_PATH).strip("/")
    base = f"http://{_host(addresses[0])}:{info.port}/{path}".rstrip("/")
    shown = properties.get("ty") or info.name.removesuffix("." + SERVICE_TYPE)
    return ScannerDevice(id=base, name=nfc(shown))


def discover(
    seconds: float = 2.0, interfaces: Sequence[str] | InterfaceChoice = InterfaceChoice.All
) -> list[ScannerDevice]:
    """The eSCL scanners that answer within `seconds`, sorted by name."""
    zc = Zeroconf(interfaces=interfaces)
    try:
        names = _Names()
        browser = ServiceBrowser(zc, SERVICE_TYPE, names)
        threading.Event().wait(seconds)
        browser.cancel()
        found: dict[str, ScannerDevice] = {}
        for name in list(names.names):
            info = zc.get_service_info(SERVICE_TYPE, name, timeout=1000)
            device = device_from_service(info) if info is not None else None
            if device is not None:
                found.setdefault(device.id, device)
    finally:
        zc.close()
    return sorted(found.values(), key=lambda device: device.name)


def device_from_address(typed: str) -> ScannerDevice:
    """A scanner from an address typed in: "192.168.1.20", "scanner.local:8080",
    "http://192.168.1.20/eSCL"."""
    text = typed.strip()
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    try:
        port = parts.port
    except ValueError:
        port = -1
    if parts.scheme not in ("http", "https") or not parts.hostname or port == -1:
        raise DomainError(
            _("Địa chỉ máy quét “{address}” không hợp lệ.").format(address=typed.strip()),
            field="address",
        )
    path = parts.path.strip("/") or _DEFAULT_PATH
    host = _host(parts.hostname) if ":" in parts.hostname else parts.hostname
    netloc = f"{host}:{port}" if port else host
    base = f"{parts.scheme}://{netloc}/{path}"
    return ScannerDevice(id=base, name=typed.strip())
