"""The printer models python-escpos knows, read for what a slip needs: its width and its cut."""

import pytest

from printing.escpos_encoding import Cut
from printing.printer_choices import printer_profiles
from printing.printer_profile import STOCK_PROFILE, PrinterProfile, printer_profile
from printing.slip_layout import PaperWidth


@pytest.mark.parametrize("name", ["default", "XP-58 không có trong danh sách", ""])
def test_the_stock_profile_and_names_the_data_lacks_print_as_before(name: str) -> None:
    profile = printer_profile(name)
    assert profile == STOCK_PROFILE
    assert (profile.cut, profile.printable_dots) == (Cut.PARTIAL, None)
    assert [profile.slip_width(paper) for paper in PaperWidth] == [384, 576]


@pytest.mark.parametrize(
    ("name", "cut", "dots"),
    [
        ("TM-T88V", Cut.PARTIAL, 512),
        ("TM-U220B", Cut.PARTIAL, 400),
        ("NT-5890K", Cut.TEAR_OFF, 384),
        ("ZJ-5870", Cut.TEAR_OFF, 384),
        ("RP326", Cut.PARTIAL, None),  # the data says "Unknown"
        ("TUP500", Cut.PARTIAL, None),  # the data gives millimetres only
        ("simple", Cut.TEAR_OFF, None),
    ],
)
def test_a_model_s_cut_and_printable_dots_come_from_its_data(name: str, cut: Cut,
                                                             dots: int | None) -> None:
    assert printer_profile(name) == PrinterProfile(name, cut, dots)


def test_every_model_offered_at_set_up_can_be_read() -> None:
    names = printer_profiles()
    assert names[0] == "default" and len(names) > 30
    for name in names:
        assert printer_profile(name).name in (name, "default")


def test_the_slip_is_never_wider_than_the_printer_prints() -> None:
    narrow = printer_profile("NT-5890K")
    assert [narrow.slip_width(paper) for paper in PaperWidth] == [384, 384]
    epson = printer_profile("TM-T88V")
    assert [epson.slip_width(paper) for paper in PaperWidth] == [384, 512]
    wide = printer_profile("CT-S651")
    assert [wide.slip_width(paper) for paper in PaperWidth] == [384, 576]


def test_a_customer_display_gets_the_narrowest_slip_rather_than_none() -> None:
    assert printer_profile("AF-240").slip_width(PaperWidth.MM80) == PaperWidth.MM58
