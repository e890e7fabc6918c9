import pytest
from PIL import ImageChops

from printing.escpos_encoding import encode_slip
from printing.escpos_raster import printed_pieces
from printing.slip_layout import PaperWidth, render_slip
from tests.unit.printing.escpos_reader import read_job
from tests.unit.printing.samples import receipt, refusal


@pytest.mark.parametrize("paper", list(PaperWidth))
def test_the_bytes_carry_the_drawn_slip_dot_for_dot(paper: PaperWidth) -> None:
    image = render_slip(receipt(), paper)
    job = read_job(encode_slip(image))

    assert job.resets == 1
    assert job.cuts == 1
    assert all(raster.width == int(paper) for raster in job.rasters)
    [printed] = job.slips
    assert ImageChops.difference(printed, image.convert("L")).getbbox() is None


def test_each_copy_is_reset_and_cut() -> None:
    job = read_job(encode_slip(render_slip(refusal(), PaperWidth.MM58), copies=3))
    assert job.resets == 3
    assert job.cuts == 3
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
