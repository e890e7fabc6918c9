"""A digitised copy signed through the token: the signature, the text and the PDF/A marks hold."""

import io
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pikepdf

from scanning.copy_metadata import CopyFacts
from scanning.digitised_copy import PaperPage, copy_pages, lay_text, make_copy
from scanning.mixed_raster import CopyMode
from scanning.ocr import read_page
from signing.pades import check_signature, sign_pdf
from signing.token_session import TokenSession, TokenSettings
from tests.integration.scanning.vietnamese_paper import SENTENCES, draw_paper
from tests.integration.signing.softhsm_token import SIGNER_NAME, SoftToken
from tests.machine import need_program


def test_a_signed_copy_keeps_its_text_and_verifies(soft_token: SoftToken, tmp_path: Path) -> None:
    need_program("tesseract")
    paper = draw_paper(repeat=1)
    facts = CopyFacts("000.00.13.H24-261202-0001", "1.001193", "TK01", "Tờ khai", "001099012345",
                      "canbo", datetime.now(UTC))
    copy = make_copy([PaperPage(paper.image, paper.dpi)], CopyMode.COLOUR, facts)
    copy = lay_text(copy, [read_page(page.ink, page.dpi) for page in copy_pages(copy)])
    with TokenSession(TokenSettings(soft_token.module, soft_token.token, soft_token.key),
                      soft_token.pin) as token:
        signed = sign_pdf(token, copy, "Số hóa").data
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    report = subprocess.run([need_program("pdfsig"), str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in report and SIGNER_NAME in report, report
    text = subprocess.run([need_program("pdftotext"), str(path), "-"], capture_output=True, text=True).stdout
    assert SENTENCES[1] in " ".join(text.split())
    assert subprocess.run([need_program("qpdf"), "--check", str(path)], capture_output=True).returncode == 0
    with pikepdf.open(io.BytesIO(signed)) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["{urn:onestop:so-hoa:1.0/}MaHoSo"] == facts.dossier_code
        # one place for the document's facts: a second (the information dictionary) could disagree
        assert "/Info" not in pdf.trailer
    check = check_signature(signed)
    assert check is not None and check.good and check.signer.common_name == SIGNER_NAME
