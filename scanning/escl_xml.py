"""The eSCL documents: ScannerCapabilities and ScannerStatus read, ScanSettings written."""

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from scanning.scanner import Capabilities, ColourMode, ScanSettings, Source

SCAN = "http://schemas.hp.com/imaging/escl/2011/05/03"
PWG = "http://www.pwg.org/schemas/2010/12/sm"
_NS = {"scan": SCAN, "pwg": PWG}
_MM_PER_UNIT = 25.4 / 300  # regions are in 1/300 inch

_COLOUR_MODES = {
    "RGB24": ColourMode.COLOUR,
    "Grayscale8": ColourMode.GREY,
    "BlackAndWhite1": ColourMode.BILEVEL,
}
_ESCL_MODE = {mode: name for name, mode in _COLOUR_MODES.items()}
_INPUTS = {
    Source.FLATBED: "scan:Platen/scan:PlatenInputCaps",
    Source.FEEDER: "scan:Adf/scan:AdfSimplexInputCaps",
    Source.DUPLEX: "scan:Adf/scan:AdfDuplexInputCaps",
}


@dataclass(frozen=True)
class EsclCapabilities:
    version: str
    capabilities: Capabilities
    formats: frozenset[str]


@dataclass(frozen=True)
class EsclJob:
    uri: str
    state: str


@dataclass(frozen=True)
class EsclStatus:
    adf_state: str
    jobs: tuple[EsclJob, ...]

    def job(self, job_url: str) -> EsclJob | None:
        path = job_url.rstrip("/")
        for job in self.jobs:
            if job.uri and path.endswith(job.uri.rstrip("/")):
                return job
        return None


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path, _NS)
    return (found.text or "").strip() if found is not None else ""


def _number(element: ET.Element, path: str) -> float | None:
    text = _text(element, path)
    try:
        return float(text)
    except ValueError:
        return None


def read_capabilities(document: bytes) -> EsclCapabilities:
    """Raises ValueError for a document that is not eSCL capabilities."""
    try:
        root = ET.fromstring(document)
    except ET.ParseError as error:
        raise ValueError("not XML") from error
    if root.tag != f"{{{SCAN}}}ScannerCapabilities":
        raise ValueError(f"unexpected document {root.tag}")
    sources: set[Source] = set()
    resolutions: set[int] = set()
    modes: set[ColourMode] = set()
    formats: set[str] = set()
    widths: list[float] = []
    heights: list[float] = []
    for source, path in _INPUTS.items():
        caps = root.find(path, _NS)
        if caps is None:
            continue
        sources.add(source)
        for value in caps.iterfind(".//scan:DiscreteResolution/scan:XResolution", _NS):
            if value.text and value.text.strip().isdigit():
                resolutions.add(int(value.text))
        for value in caps.iterfind(".//scan:ColorModes/scan:ColorMode", _NS):
            if (value.text or "").strip() in _COLOUR_MODES:
                modes.add(_COLOUR_MODES[(value.text or "").strip()])
        for value in caps.iterfind(".//pwg:DocumentFormat", _NS):
            formats.add((value.text or "").strip())
        width, height = _number(caps, "scan:MaxWidth"), _number(caps, "scan:MaxHeight")
        if width:
            widths.append(width * _MM_PER_UNIT)
        if height:
            heights.append(height * _MM_PER_UNIT)
    return EsclCapabilities(
        version=_text(root, "pwg:Version") or "2.0",
        capabilities=Capabilities(
            sources=frozenset(sources),
            resolutions=tuple(sorted(resolutions)),
            colour_modes=frozenset(modes),
            max_width_mm=min(widths) if widths else None,
            max_height_mm=min(heights) if heights else None,
        ),
        formats=frozenset(formats),
    )


def read_status(document: bytes) -> EsclStatus:
    """Raises ValueError for a document that is not eSCL status."""
    try:
        root = ET.fromstring(document)
    except ET.ParseError as error:
        raise ValueError("not XML") from error
    jobs = tuple(
        EsclJob(uri=_text(info, "pwg:JobUri"), state=_text(info, "pwg:JobState"))
        for info in root.iterfind("scan:Jobs/scan:JobInfo", _NS)
    )
    return EsclStatus(adf_state=_text(root, "scan:AdfState"), jobs=jobs)


def _units(mm: float) -> str:
    return str(round(mm / _MM_PER_UNIT))


def scan_settings(settings: ScanSettings, caps: EsclCapabilities, document_format: str) -> bytes:
    ET.register_namespace("scan", SCAN)
    ET.register_namespace("pwg", PWG)
    root = ET.Element(f"{{{SCAN}}}ScanSettings")

    def add(parent: ET.Element, namespace: str, name: str, text: str | None = None) -> ET.Element:
        child = ET.SubElement(parent, f"{{{namespace}}}{name}")
        if text is not None:
            child.text = text
        return child

    width, height = settings.width_mm, settings.height_mm
    if caps.capabilities.max_width_mm is not None:
        width = min(width, caps.capabilities.max_width_mm)
    if caps.capabilities.max_height_mm is not None:
        height = min(height, caps.capabilities.max_height_mm)
    dpi = str(caps.capabilities.nearest_resolution(settings.dpi))
    mode = settings.colour
    if mode not in caps.capabilities.colour_modes and ColourMode.GREY in caps.capabilities.colour_modes:
        mode = ColourMode.GREY

    add(root, PWG, "Version", caps.version)
    add(root, SCAN, "Intent", "Document")
    region = add(add(root, PWG, "ScanRegions"), PWG, "ScanRegion")
    add(region, PWG, "ContentRegionUnits", "escl:ThreeHundredthsOfInches")
    add(region, PWG, "XOffset", "0")
    add(region, PWG, "YOffset", "0")
    add(region, PWG, "Width", _units(width))
    add(region, PWG, "Height", _units(height))
    add(root, PWG, "InputSource", "Platen" if settings.source is Source.FLATBED else "Feeder")
    if settings.source is not Source.FLATBED:
        add(root, SCAN, "Duplex", "true" if settings.source is Source.DUPLEX else "false")
    add(root, SCAN, "ColorMode", _ESCL_MODE[mode])
    add(root, SCAN, "XResolution", dpi)
    add(root, SCAN, "YResolution", dpi)
    add(root, PWG, "DocumentFormat", document_format)
    add(root, SCAN, "DocumentFormatExt", document_format)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document
