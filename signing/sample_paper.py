"""A blank A4 page to sign when the technician tries the token out."""

import io

import pikepdf

_A4 = (595, 842)


def sample_paper() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=_A4)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()
