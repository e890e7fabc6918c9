import pytest
from PIL import Image, ImageChops, ImageDraw

from printing.escpos_encoding import BAND_ROWS, FEED_LINES_OUT, FEED_ROWS_MIN, Cut, encode_slip
from printing.escpos_raster import printed_pieces
from printing.slip_layout import PaperWidth, render_slip
from tests.unit.printing.escpos_reader import read_job
from tests.unit.printing.samples import receipt, refusal


@pytest.mark.parametrize("paper", list(PaperWidth))
def test_the_bytes_carry_the_drawn_slip_dot_for_dot(paper: PaperWidth) -> None:
    image = render_slip(receipt(), paper)
    job = read_job(encode_slip(image))

    assert job.resets == 1
    assert job.cuts == ["partial"]
    assert all(raster.width == int(paper) for raster in job.rasters)
    [printed] = job.slips
    assert ImageChops.difference(printed, image.convert("L")).getbbox() is None


def test_each_copy_is_reset_and_cut() -> None:
    job = read_job(encode_slip(render_slip(refusal(), PaperWidth.MM58), copies=3))
    assert job.resets == 3
    assert job.cuts == ["partial"] * 3
    assert len({slip.tobytes() for slip in job.slips}) == 1


def test_no_copies_is_a_mistake() -> None:
    with pytest.raises(ValueError):
        encode_slip(render_slip(receipt(), PaperWidth.MM58), copies=0)


def test_the_virtual_printers_reading_agrees_with_an_independent_one() -> None:
    data = encode_slip(render_slip(receipt(), PaperWidth.MM80), copies=2)
    ours = printed_pieces(data)
    theirs = read_job(data).slips
    assert len(ours) == len(theirs) == 2
    for piece, slip in zip(ours, theirs, strict=True):
        content = piece.crop((0, 0, slip.width, slip.height)).convert("L")
        assert ImageChops.difference(content, slip).getbbox() is None
        assert piece.height > slip.height  # the feed before the cut


def _striped(width: int, rows: list[tuple[int, bool]]) -> Image.Image:
    """Bands of (height, inked) stacked: inked bands carry a dot in every row."""
    image = Image.new("1", (width, sum(height for height, _inked in rows)), 1)
    draw = ImageDraw.Draw(image)
    top = 0
    for height, inked in rows:
        if inked:
            draw.line((3, top, 3, top + height - 1), fill=0)
        top += height
    return image


def test_blank_rows_are_sent_as_paper_feed() -> None:
    image = _striped(384, [(20, True), (300, False), (20, True)])
    data = encode_slip(image)

    assert b"\x1bJ\xff" in data and b"\x1bJ\x2d" in data
    assert len(data) < 384 // 8 * image.height
    [printed] = read_job(data).slips
    assert ImageChops.difference(printed, image.convert("L")).getbbox() is None


def test_short_blank_runs_stay_in_the_raster() -> None:
    image = _striped(576, [(10, True), (FEED_ROWS_MIN - 1, False), (10, True)])
    job = read_job(encode_slip(image))
    assert [raster.height for raster in job.rasters] == [image.height]


def test_a_tall_slip_goes_in_bands_the_printer_takes() -> None:
    image = _striped(576, [(2 * BAND_ROWS + 80, True)])
    job = read_job(encode_slip(image))
    assert [raster.height for raster in job.rasters] == [BAND_ROWS, BAND_ROWS, 80]
    assert ImageChops.difference(job.slips[0], image.convert("L")).getbbox() is None


def test_a_width_off_the_byte_is_padded_with_blank_dots() -> None:
    image = _striped(390, [(12, True)])
    [raster] = read_job(encode_slip(image)).rasters
    assert raster.width == 392
    assert ImageChops.difference(raster.crop((0, 0, 390, 12)), image.convert("L")).getbbox() is None


def test_each_cut_the_printer_may_have() -> None:
    image = render_slip(receipt(), PaperWidth.MM58)
    assert read_job(encode_slip(image, copies=2, cut=Cut.FULL)).cuts == ["full"] * 2
    assert read_job(encode_slip(image, cut=Cut.PARTIAL)).cuts == ["partial"]
    assert encode_slip(image) == encode_slip(image, cut=Cut.PARTIAL)


def test_without_a_cutter_each_copy_is_fed_out_to_be_torn_off() -> None:
    image = render_slip(refusal(), PaperWidth.MM58)
    job = read_job(encode_slip(image, copies=2, cut=Cut.TEAR_OFF))

    assert job.cuts == []
    assert (job.tears, job.resets) == (2, 2)
    assert job.feeds == [FEED_LINES_OUT] * 2
    for slip in job.slips:
        assert ImageChops.difference(slip, image.convert("L")).getbbox() is None
