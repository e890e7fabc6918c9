"""What the QR on a paper the counter issues carries (Circular 01/2023/TT-VPCP, Art. 26: at least
the dossier code, the procedure code, the applicant's identifier, the paper's name and the
appointment date), as a template an office may change, say into its province's look-up address."""

from string import Formatter
from urllib.parse import quote

from onestop.errors import DomainError
from onestop.i18n import _

DOSSIER_CODE = "ma_ho_so"
FIELDS = (DOSSIER_CODE, "ma_thu_tuc", "dinh_danh", "ten_giay", "hen_tra")
DEFAULT_TEMPLATE = "{ma_ho_so}|{ma_thu_tuc}|{dinh_danh}|{ten_giay}|{hen_tra}"


def check_template(template: str) -> str:
    """Only the known {placeholders}, plain, and the dossier code among them: a scanned paper
    must lead back to its dossier."""
    placeholders = ", ".join(f"{{{name}}}" for name in FIELDS)
    try:
        parts = list(Formatter().parse(template))
    except ValueError:
        raise DomainError(_("Mẫu nội dung mã QR có dấu ngoặc {{ }} không khớp. Các chỗ điền: "
                            "{placeholders}.").format(placeholders=placeholders),
                          field="slip.qr_template") from None
    for _literal, name, spec, conversion in parts:
        if name is not None and (name not in FIELDS or spec or conversion):
            raise DomainError(_("Mẫu nội dung mã QR không biết chỗ điền “{{{name}}}”. Các chỗ "
                                "điền: {placeholders}.").format(name=name, placeholders=placeholders),
                              field="slip.qr_template")
    if DOSSIER_CODE not in {name for _literal, name, _spec, _conv in parts}:
        raise DomainError(_("Mẫu nội dung mã QR phải có {{ma_ho_so}} để quét lại mở đúng hồ sơ."),
                          field="slip.qr_template")
    return template


def filled(template: str, values: dict[str, str]) -> str:
    """The template with its placeholders filled; in a web address each value is escaped."""
    web = template.startswith(("http://", "https://"))
    return template.format_map({name: quote(values.get(name, ""), safe="") if web
                                else values.get(name, "") for name in FIELDS})
