"""The chip's files as the counter reads them: DG13's Vietnamese data, DG2's face, and what
passive authentication says about a security object that is not one."""

import pytest

from idcard.citizen_data import BadCitizenData, parse_dg13
from idcard.face_image import BadFace, parse_dg2
from idcard.passive_auth import check_authenticity
from tests.integration.idcard.chip_emulator import Citizen, dg2, dg13, tlv


def test_dg13_gives_every_field_in_nfc_and_its_dates() -> None:
    decomposed = Citizen(full_name="Nguye\u0302\u0303n Thi\u0323 Hoa\u0300")
    citizen = parse_dg13(dg13(decomposed))
    assert citizen.full_name == "Nguyễn Thị Hoà"
    assert citizen.home_town == "Xã Yên Thường, huyện Gia Lâm, Hà Nội"
    assert citizen.identifying_marks == "Nốt ruồi C:1cm trên trước mép trái"
    assert (citizen.ethnicity, citizen.religion, citizen.nationality) == ("Kinh", "Không", "Việt Nam")
    assert str(citizen.issue_date) == "2021-04-20" and str(citizen.expiry_date) == "2025-03-15"


def test_dg13_fields_wrapped_in_an_outer_sequence_are_found_too() -> None:
    plain = dg13(Citizen())
    inner = plain[2:] if plain[1] < 0x80 else plain[2 + (plain[1] & 0x7F):]
    wrapped = tlv(0x6D, tlv(0x30, inner))
    assert parse_dg13(wrapped) == parse_dg13(plain)


def test_a_card_without_expiry_has_none() -> None:
    assert parse_dg13(dg13(Citizen(expiry_date="Không thời hạn"))).expiry_date is None


def test_a_dg13_without_the_id_number_is_refused() -> None:
    with pytest.raises(BadCitizenData):
        parse_dg13(tlv(0x6D, tlv(0x30, tlv(0x02, b"\x02") + tlv(0x0C, "Tên".encode()))))


def test_dg2_gives_the_jpeg_inside_its_wrappers() -> None:
    jpeg = b"\xff\xd8\xff\xe0" + bytes(500) + b"\xff\xd9"
    photo = parse_dg2(dg2(jpeg))
    assert (photo.image, photo.mime_type) == (jpeg, "image/jpeg")


def test_dg2_without_a_face_record_is_refused() -> None:
    with pytest.raises(BadFace):
        parse_dg2(tlv(0x75, tlv(0x7F61, tlv(0x02, b"\x01"))))


def test_a_security_object_that_is_not_one_is_never_genuine() -> None:
    result = check_authenticity(tlv(0x77, b"\x30\x03\x02\x01\x00"), {13: b"x"}, [])
    assert not result.authentic and "EF.SOD" in result.message
