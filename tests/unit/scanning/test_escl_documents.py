import socket
import xml.etree.ElementTree as ET

import pytest
from zeroconf import ServiceInfo

from onestop.errors import DomainError
from scanning import escl_xml
from scanning.escl_discovery import SERVICE_TYPE, device_from_address, device_from_service
from scanning.scanner import ColourMode, ScanSettings, Source

NS = {"scan": escl_xml.SCAN, "pwg": escl_xml.PWG}

CAPABILITIES = f"""<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="{escl_xml.SCAN}" xmlns:pwg="{escl_xml.PWG}">
  <pwg:Version>2.6</pwg:Version>
  <pwg:MakeAndModel>HP LaserJet MFP M428fdw</pwg:MakeAndModel>
  <scan:Platen><scan:PlatenInputCaps>
    <scan:MaxWidth>2550</scan:MaxWidth><scan:MaxHeight>3508</scan:MaxHeight>
    <scan:SettingProfiles><scan:SettingProfile>
      <scan:ColorModes><scan:ColorMode>RGB24</scan:ColorMode>
        <scan:ColorMode>Grayscale8</scan:ColorMode></scan:ColorModes>
      <scan:DocumentFormats><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat>
        <pwg:DocumentFormat>application/pdf</pwg:DocumentFormat></scan:DocumentFormats>
      <scan:SupportedResolutions><scan:DiscreteResolutions>
        <scan:DiscreteResolution><scan:XResolution>300</scan:XResolution>
          <scan:YResolution>300</scan:YResolution></scan:DiscreteResolution>
        <scan:DiscreteResolution><scan:XResolution>150</scan:XResolution>
          <scan:YResolution>150</scan:YResolution></scan:DiscreteResolution>
      </scan:DiscreteResolutions></scan:SupportedResolutions>
    </scan:SettingProfile></scan:SettingProfiles>
  </scan:PlatenInputCaps></scan:Platen>
  <scan:Adf><scan:AdfSimplexInputCaps>
    <scan:MaxWidth>2550</scan:MaxWidth><scan:MaxHeight>4200</scan:MaxHeight>
    <scan:SettingProfiles><scan:SettingProfile>
      <scan:ColorModes><scan:ColorMode>Grayscale8</scan:ColorMode></scan:ColorModes>
      <scan:SupportedResolutions><scan:DiscreteResolutions>
        <scan:DiscreteResolution><scan:XResolution>200</scan:XResolution>
          <scan:YResolution>200</scan:YResolution></scan:DiscreteResolution>
      </scan:DiscreteResolutions></scan:SupportedResolutions>
    </scan:SettingProfile></scan:SettingProfiles>
  </scan:AdfSimplexInputCaps></scan:Adf>
</scan:ScannerCapabilities>
""".encode()


def test_capabilities_of_a_flatbed_and_simplex_feeder() -> None:
    caps = escl_xml.read_capabilities(CAPABILITIES)
    assert caps.version == "2.6"
    assert caps.capabilities.sources == {Source.FLATBED, Source.FEEDER}
    assert caps.capabilities.resolutions == (150, 200, 300)
    assert caps.capabilities.colour_modes == {ColourMode.COLOUR, ColourMode.GREY}
    assert caps.capabilities.max_height_mm == pytest.approx(297.0, abs=0.1)
    assert "image/jpeg" in caps.formats


def test_a_document_that_is_not_capabilities_is_refused() -> None:
    with pytest.raises(ValueError):
        escl_xml.read_capabilities(b"<html>login</html>")
    with pytest.raises(ValueError):
        escl_xml.read_capabilities(b"not xml at all")


def test_scan_settings_ask_for_the_source_area_resolution_and_format() -> None:
    caps = escl_xml.read_capabilities(CAPABILITIES)
    body = escl_xml.scan_settings(
        ScanSettings("x", source=Source.DUPLEX, dpi=200, colour=ColourMode.BILEVEL),
        caps,
        "image/jpeg",
    )
    root = ET.fromstring(body)
    assert root.findtext("pwg:Version", namespaces=NS) == "2.6"
    assert root.findtext("pwg:InputSource", namespaces=NS) == "Feeder"
    assert root.findtext("scan:Duplex", namespaces=NS) == "true"
    assert root.findtext("scan:XResolution", namespaces=NS) == "200"
    # the scanner has no black and white: grey is asked and the pipeline makes it bilevel
    assert root.findtext("scan:ColorMode", namespaces=NS) == "Grayscale8"
    region = root.find("pwg:ScanRegions/pwg:ScanRegion", NS)
    assert region is not None
    assert region.findtext("pwg:Width", namespaces=NS) == "2480"
    assert region.findtext("pwg:Height", namespaces=NS) == "3508"
    assert root.findtext("pwg:DocumentFormat", namespaces=NS) == "image/jpeg"


def test_status_names_the_feeder_state_and_each_job() -> None:
    status = escl_xml.read_status(
        f"""<scan:ScannerStatus xmlns:scan="{escl_xml.SCAN}" xmlns:pwg="{escl_xml.PWG}">
        <pwg:State>Idle</pwg:State><scan:AdfState>ScannerAdfJam</scan:AdfState>
        <scan:Jobs><scan:JobInfo><pwg:JobUri>/eSCL/ScanJobs/42</pwg:JobUri>
        <pwg:JobState>Aborted</pwg:JobState><pwg:JobStateReasons>
        <pwg:JobStateReason>AdfJam</pwg:JobStateReason></pwg:JobStateReasons>
        </scan:JobInfo></scan:Jobs></scan:ScannerStatus>""".encode()
    )
    assert status.adf_state == "ScannerAdfJam"
    job = status.job("http://10.0.0.5:80/eSCL/ScanJobs/42")
    assert job is not None
    assert job.state == "Aborted"
    assert status.job("http://10.0.0.5/eSCL/ScanJobs/7") is None


@pytest.mark.parametrize(
    ("typed", "device_id"),
    [
        ("192.168.1.20", "http://192.168.1.20/eSCL"),
        (" 192.168.1.20:8080 ", "http://192.168.1.20:8080/eSCL"),
        ("http://192.168.1.20/eSCL/", "http://192.168.1.20/eSCL"),
        ("https://may-quet.local:443/escl", "https://may-quet.local:443/escl"),
        ("[fe80::1]:80", "http://[fe80::1]:80/eSCL"),
    ],
)
def test_an_address_typed_in_becomes_a_device(typed: str, device_id: str) -> None:
    assert device_from_address(typed).id == device_id


@pytest.mark.parametrize("typed", ["", "ftp://10.0.0.1", "10.0.0.1:port", "http://"])
def test_a_wrong_address_is_refused_with_a_message(typed: str) -> None:
    with pytest.raises(DomainError, match="không hợp lệ"):
        device_from_address(typed)


def test_an_announcement_becomes_a_device_with_its_resource_path_and_name() -> None:
    info = ServiceInfo(
        SERVICE_TYPE,
        "Brother DCP._uscan._tcp.local.",
        addresses=[socket.inet_aton("10.0.0.7")],
        port=80,
        properties={"rs": "/eSCL", "ty": "Máy quét tầng 1"},
        server="brother.local.",
    )
    device = device_from_service(info)
    assert device is not None
    assert device.id == "http://10.0.0.7:80/eSCL"
    assert device.name == "Máy quét tầng 1"


def test_an_announcement_without_a_name_uses_the_service_name() -> None:
    info = ServiceInfo(
        SERVICE_TYPE,
        "Canon MF643C._uscan._tcp.local.",
        addresses=[socket.inet_aton("10.0.0.8")],
        port=8080,
        properties={},
        server="canon.local.",
    )
    device = device_from_service(info)
    assert device is not None
    assert (device.id, device.name) == ("http://10.0.0.8:8080/eSCL", "Canon MF643C")
