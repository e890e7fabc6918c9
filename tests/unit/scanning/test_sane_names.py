import pytest

from scanning.sane_choices import SaneChoices
from scanning.sane_names import mode_names, resolutions, source_names
from scanning.scanimage import choices_from_help
from scanning.scanner import Capabilities, ColourMode, ScanSettings, Source


@pytest.mark.parametrize(
    ("offered", "expected"),
    [
        (["Flatbed", "ADF", "ADF Duplex"], {"flatbed": "Flatbed", "feeder": "ADF", "duplex": "ADF Duplex"}),
        (
            ["Flatbed", "Automatic Document Feeder"],
            {"flatbed": "Flatbed", "feeder": "Automatic Document Feeder"},
        ),
        (["ADF Back", "ADF Front", "ADF Duplex"], {"feeder": "ADF Front", "duplex": "ADF Duplex"}),
        (
            [
                "FlatBed",
                "Automatic Document Feeder(left aligned)",
                "Automatic Document Feeder(left aligned,Duplex)",
                "Automatic Document Feeder(centrally aligned)",
                "Automatic Document Feeder(centrally aligned,Duplex)",
            ],
            {
                "flatbed": "FlatBed",
                "feeder": "Automatic Document Feeder(left aligned)",
                "duplex": "Automatic Document Feeder(left aligned,Duplex)",
            },
        ),
        (["Flatbed", "ADF", "Duplex"], {"flatbed": "Flatbed", "feeder": "ADF", "duplex": "Duplex"}),
        (["Normal", "Transparency Adapter"], {"flatbed": "Normal"}),
        (
            ["Document Table", "ADF Simplex", "ADF Duplex - Long-Edge Binding"],
            {
                "flatbed": "Document Table",
                "feeder": "ADF Simplex",
                "duplex": "ADF Duplex - Long-Edge Binding",
            },
        ),
        (["Vendor Feeder Tray 2"], {"feeder": "Vendor Feeder Tray 2"}),
    ],
)
def test_each_vendor_name_for_a_source_is_understood(offered: list[str], expected: dict[str, str]) -> None:
    assert {source.value: name for source, name in source_names(offered).items()} == expected


def test_colour_mode_names_of_several_backends() -> None:
    assert mode_names(["Lineart", "Gray", "Color"]) == {
        ColourMode.BILEVEL: "Lineart",
        ColourMode.GREY: "Gray",
        ColourMode.COLOUR: "Color",
    }
    assert mode_names(["Black & White", "True Gray", "24bit Color"]) == {
        ColourMode.BILEVEL: "Black & White",
        ColourMode.GREY: "True Gray",
        ColourMode.COLOUR: "24bit Color",
    }
    assert mode_names(["Halftone"]) == {}


def test_resolutions_from_a_range_are_the_usual_document_ones() -> None:
    assert resolutions((1.0, 1200.0, 1.0)) == (75, 100, 150, 200, 240, 300, 400, 600)
    assert resolutions((100.0, 300.0, 100.0)) == (100, 200, 300)
    assert resolutions([300, 75, 150, 600]) == (75, 150, 300, 600)
    assert resolutions(None) == ()


@pytest.mark.parametrize(
    ("offered", "wanted", "chosen"),
    [
        ((150, 200, 300), 200, 200),
        ((150, 300, 600), 200, 300),
        ((75, 150), 200, 150),
        ((), 200, 200),
    ],
)
def test_the_resolution_asked_of_the_scanner(offered: tuple[int, ...], wanted: int, chosen: int) -> None:
    caps = Capabilities(frozenset(), offered, frozenset())
    assert caps.nearest_resolution(wanted) == chosen


SCANIMAGE_HELP = """
Options specific to device `fujitsu:fi-7160:123':
  Standard:
    --source ADF Front|ADF Back|ADF Duplex [ADF Front]
        Selects the scan source (such as a document-feeder).
    --mode Lineart|Halftone|Gray|Color [Lineart]
        Selects the scan mode (e.g., lineart, monochrome, or color).
    --resolution 50..600dpi (in steps of 1) [600]
        Sets the horizontal resolution of the scanned image.
  Geometry:
    -l 0..224.846mm (in steps of 0.0211639) [0]
    -t 0..863.489mm (in steps of 0.0211639) [0]
    -x 0..224.846mm (in steps of 0.0211639) [215.872]
    -y 0..863.489mm (in steps of 0.0211639) [279.364]
    --page-width 0..270.934mm (in steps of 0.0211639) [215.872]
"""


def test_scanimage_help_gives_the_device_choices() -> None:
    choices = choices_from_help(SCANIMAGE_HELP)
    caps = choices.capabilities()
    assert caps.sources == {Source.FEEDER, Source.DUPLEX}
    assert caps.colour_modes == {ColourMode.BILEVEL, ColourMode.GREY, ColourMode.COLOUR}
    assert {200, 300, 600} <= set(caps.resolutions)
    assert caps.max_width_mm == pytest.approx(224.846)
    settings = ScanSettings("fujitsu", source=Source.DUPLEX)
    assert choices.source_name(settings) == "ADF Duplex"
    assert choices.mode_name(settings) == "Gray"
    assert choices.area_mm(settings) == (210.0, 297.0)


def test_scanimage_help_with_listed_resolutions_and_no_source() -> None:
    text = "    --mode Color|Gray [Color]\n    --resolution 75|150|300|600dpi [75]\n"
    choices = choices_from_help(text)
    assert choices.capabilities().sources == {Source.FLATBED}
    assert choices.resolutions == (75, 150, 300, 600)
    assert choices.source_name(ScanSettings("x")) == ""


def test_an_area_larger_than_the_glass_is_cut_to_the_glass() -> None:
    choices = SaneChoices.from_options(["Flatbed"], ["Gray"], None, (0, 215.9, 0), (0, 200.0, 0))
    assert choices.area_mm(ScanSettings("x")) == (210.0, 200.0)
