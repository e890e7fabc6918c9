"""The font of the invisible text layer: every character is one empty glyph half an em wide.

The text is drawn in rendering mode 3 (neither filled nor stroked), so no glyph shape is needed;
the font is embedded all the same, as PDF/A readers expect. Character codes are Unicode code points
(two bytes, Identity-H) mapped back to text by the ToUnicode map, which is what `pdftotext` and a
reader's search use.
"""

import functools
import io

import pikepdf
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

UNITS_PER_EM = 1000
ADVANCE = 500  # every glyph, in font units
_FIXED_TIME = 0  # the font's dates, so that the same page always makes the same bytes
_GLYPH = 1  # the one glyph every code maps to


@functools.cache
def _font_program() -> bytes:
    builder = FontBuilder(UNITS_PER_EM, isTTF=True)
    builder.setupGlyphOrder([".notdef", "blank"])
    builder.setupCharacterMap({})
    empty = TTGlyphPen(None).glyph()
    builder.setupGlyf({".notdef": empty, "blank": empty})
    builder.setupHorizontalMetrics({".notdef": (ADVANCE, 0), "blank": (ADVANCE, 0)})
    builder.setupHorizontalHeader(ascent=UNITS_PER_EM, descent=0)
    builder.setupNameTable({"familyName": "GlyphLess", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=UNITS_PER_EM, usWinAscent=UNITS_PER_EM, usWinDescent=0)
    builder.setupPost()
    builder.font["head"].created = _FIXED_TIME
    builder.font["head"].modified = _FIXED_TIME
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()


def _to_unicode() -> bytes:
    # a range may only vary in its last byte: one range per high byte
    ranges = [f"<{high:02X}00> <{high:02X}FF> <{high:02X}00>" for high in range(256)]
    blocks = []
    for start in range(0, len(ranges), 100):
        chunk = ranges[start:start + 100]
        blocks.append(f"{len(chunk)} beginbfrange\n" + "\n".join(chunk) + "\nendbfrange")
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")


def glyphless_font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """The font as an indirect object of `pdf`, to put in a page's /Font resources."""
    program = pikepdf.Stream(pdf, _font_program())
    descriptor = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name.GlyphLess, Flags=5,
        FontBBox=[0, 0, ADVANCE, UNITS_PER_EM], ItalicAngle=0, Ascent=UNITS_PER_EM, Descent=0,
        CapHeight=UNITS_PER_EM, StemV=80, FontFile2=program,
    ))
    cid_to_gid = pikepdf.Stream(pdf, _GLYPH.to_bytes(2, "big") * 65536)
    descendant = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.CIDFontType2, BaseFont=pikepdf.Name.GlyphLess,
        CIDSystemInfo=pikepdf.Dictionary(Registry=pikepdf.String("Adobe"),
                                         Ordering=pikepdf.String("Identity"), Supplement=0),
        FontDescriptor=descriptor, DW=ADVANCE, CIDToGIDMap=cid_to_gid,
    ))
    return pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0, BaseFont=pikepdf.Name.GlyphLess,
        Encoding=pikepdf.Name("/Identity-H"), DescendantFonts=[descendant],
        ToUnicode=pikepdf.Stream(pdf, _to_unicode()),
    ))
