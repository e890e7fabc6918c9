"""The dossier code a receipt's barcode or QR carries. The CODE128 is the code itself; the QR's
content may be a province's template (a lookup address, say) with the code somewhere inside."""

import re

# <agency code>-<yyMMdd>-<sequence>: the agency code is dot-separated groups of 0-9 and A-Z
_DOSSIER_CODE = re.compile(r"(?<![0-9A-Za-z.])([0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*-\d{6}-\d{4,5})(?!\d)")


def dossier_code_in(scanned: str) -> str | None:
    found = _DOSSIER_CODE.search(scanned.strip())
    return None if found is None else found.group(1).upper()
