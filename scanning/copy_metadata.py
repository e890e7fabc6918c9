"""The XMP metadata of a digitised copy: PDF/A-2b identification, and what the copy is a copy of
(dossier, procedure, paper, applicant's ID number, who digitised it and when).

The counter's own properties are described in the packet itself (a PDF/A extension schema), as
PDF/A asks of any property outside the standard schemas. Field names follow the province's protocol.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from xml.sax.saxutils import escape

NAMESPACE = "urn:onestop:so-hoa:1.0/"
PREFIX = "soHoa"
PRODUCER = "OneStop"

_FIELDS = (
    ("MaHoSo", "dossier_code", "Mã hồ sơ"),
    ("MaTTHC", "procedure_code", "Mã thủ tục hành chính"),
    ("MaThanhPhanHoSo", "paper_code", "Mã giấy tờ trong thành phần hồ sơ"),
    ("SoDinhDanh", "applicant_id_number", "Số định danh cá nhân của người nộp"),
    ("NguoiSoHoa", "digitised_by", "Người số hóa"),
    ("ThoiDiemSoHoa", "digitised_at", "Thời điểm số hóa"),
)


@dataclass(frozen=True)
class CopyFacts:
    dossier_code: str
    procedure_code: str
    paper_code: str
    paper_name: str
    applicant_id_number: str
    digitised_by: str
    digitised_at: datetime


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _property_description(name: str, description: str) -> str:
    kind = "Date" if name == "ThoiDiemSoHoa" else "Text"
    return (f"<rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>{name}</pdfaProperty:name>"
            f"<pdfaProperty:valueType>{kind}</pdfaProperty:valueType>"
            "<pdfaProperty:category>external</pdfaProperty:category>"
            f"<pdfaProperty:description>{escape(description)}</pdfaProperty:description></rdf:li>")


def xmp_packet(facts: CopyFacts) -> bytes:
    values = {
        "dossier_code": facts.dossier_code, "procedure_code": facts.procedure_code,
        "paper_code": facts.paper_code, "applicant_id_number": facts.applicant_id_number,
        "digitised_by": facts.digitised_by, "digitised_at": _when(facts.digitised_at),
    }
    own = "".join(f"<{PREFIX}:{name}>{escape(values[attribute])}</{PREFIX}:{name}>"
                  for name, attribute, _label in _FIELDS)
    described = "".join(_property_description(name, label) for name, _attribute, label in _FIELDS)
    when = _when(facts.digitised_at)
    title = escape(facts.paper_name or facts.paper_code)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"
 xmlns:{PREFIX}="{NAMESPACE}">
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:identifier>{escape(facts.dossier_code)}/{escape(facts.paper_code)}</dc:identifier>
<xmp:CreateDate>{when}</xmp:CreateDate>
<xmp:ModifyDate>{when}</xmp:ModifyDate>
<xmp:MetadataDate>{when}</xmp:MetadataDate>
<xmp:CreatorTool>{PRODUCER}</xmp:CreatorTool>
<pdf:Producer>{PRODUCER}</pdf:Producer>
{own}
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>OneStop digitised copy</pdfaSchema:schema>
<pdfaSchema:namespaceURI>{NAMESPACE}</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>{PREFIX}</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq>{described}</rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()

