"""DG2, the face: a CBEFF biometric template (7F61 / 7F60 / 5F2E) holding an ISO 19794-5 record
whose image is a JPEG or JPEG 2000."""

from dataclasses import dataclass

from idcard.tlv import children, read_tlv

_GROUP, _TEMPLATE, _DATA_BLOCKS = 0x7F61, 0x7F60, (0x5F2E, 0x7F2E)
_GENERAL_HEADER, _FACE_INFO, _FEATURE_POINT, _IMAGE_INFO = 14, 20, 8, 12


@dataclass(frozen=True)
class FacePhoto:
    image: bytes
    mime_type: str


class BadFace(ValueError):
    """DG2 holds no face image that can be shown."""


def _data_block(content: bytes) -> bytes:
    outer = read_tlv(content)
    for group in children(outer.value):
        if group.tag != _GROUP:
            continue
        for template in children(group.value):
            if template.tag != _TEMPLATE:
                continue
            for block in children(template.value):
                if block.tag in _DATA_BLOCKS:
                    return block.value
    raise BadFace("no biometric data block")


def parse_dg2(content: bytes) -> FacePhoto:
    try:
        record = _data_block(content)
    except ValueError as error:
        raise BadFace(str(error)) from None
    if record[:4] != b"FAC\x00":
        raise BadFace("not an ISO 19794-5 face record")
    face = _GENERAL_HEADER
    points = int.from_bytes(record[face + 4:face + 6], "big")
    image_info = face + _FACE_INFO + points * _FEATURE_POINT
    image_type = record[image_info + 1] if len(record) > image_info + 1 else -1
    image = record[image_info + _IMAGE_INFO:]
    if image_type == 0 and image.startswith(b"\xff\xd8"):
        return FacePhoto(image, "image/jpeg")
    if image_type == 1:
        return FacePhoto(image, "image/jp2")
    raise BadFace("the face record holds no JPEG image")
