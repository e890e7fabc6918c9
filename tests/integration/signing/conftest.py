from pathlib import Path

import pytest

from tests.integration.signing.softhsm_token import SoftToken, token_of_this_run


@pytest.fixture(scope="session")
def soft_token(tmp_path_factory: pytest.TempPathFactory) -> SoftToken:
    return token_of_this_run(tmp_path_factory)


@pytest.fixture
def paper_pdf(tmp_path: Path) -> bytes:
    """A one-page PDF/A-like paper as the counter makes them (a small image page)."""
    import io

    import img2pdf
    from PIL import Image, ImageDraw

    page = Image.new("L", (400, 560), 255)
    ImageDraw.Draw(page).text((40, 40), "Giay khai sinh", fill=0)
    out = io.BytesIO()
    page.save(out, "PNG", dpi=(50, 50))
    return bytes(img2pdf.convert(out.getvalue(), nodate=True))
