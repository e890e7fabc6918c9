"""The key that opens the chip, from the MRZ typed at the counter or from the card's QR."""

from datetime import date

import pytest

from idcard.access_key import expiry_by_rules, key_from_card_number, key_from_mrz
from onestop.errors import DomainError

# The back of a card of someone born 15/03/1985, valid until 15/03/2025 (fields as ICAO TD1).
MRZ = ("IDVNM1850123459001185012345<<<\n"
       "8503150F2503158VNM<<<<<<<<<<<0\n"
       "NGUYEN<<THI<HOA<<<<<<<<<<<<<<<")


def test_the_mrz_of_the_cards_back_gives_number_birth_and_expiry() -> None:
    key = key_from_mrz(MRZ)
    assert (key.document_number, key.birth_date, key.expiry_date) == (
        "185012345", date(1985, 3, 15), date(2025, 3, 15))


def test_an_mrz_misread_by_one_character_is_refused_with_what_to_fix() -> None:
    with pytest.raises(DomainError, match="chữ số kiểm tra của “850316”"):
        key_from_mrz(MRZ.replace("8503150", "8503160"))


def test_an_mrz_of_the_wrong_length_says_what_is_expected() -> None:
    with pytest.raises(DomainError, match="3 dòng 30 ký tự"):
        key_from_mrz(MRZ[:-3])


@pytest.mark.parametrize(("birth", "issued", "expiry"), [
    (date(1985, 3, 15), date(2021, 4, 20), date(2025, 3, 15)),   # issued at 36: until 40
    (date(1985, 3, 15), date(2023, 6, 1), date(2045, 3, 15)),    # within 2 years of 40: until 60
    (date(2000, 1, 2), date(2016, 5, 5), date(2025, 1, 2)),      # issued at 16: until 25
    (date(2012, 2, 29), date(2023, 8, 1), date(2026, 3, 1)),     # 29 February: 1 March
])
def test_the_validity_rules_give_the_cards_expiry(birth: date, issued: date, expiry: date) -> None:
    assert expiry_by_rules(birth, issued) == expiry


def test_a_card_issued_near_sixty_has_no_expiry_and_its_key_needs_the_mrz() -> None:
    assert expiry_by_rules(date(1960, 1, 1), date(2019, 6, 1)) is None
    with pytest.raises(DomainError, match="MRZ"):
        key_from_card_number("001160012345", date(1960, 1, 1), date(2019, 6, 1))


def test_the_qr_gives_the_last_nine_digits_and_the_expiry_by_the_rules() -> None:
    key = key_from_card_number("001185012345", date(1985, 3, 15), date(2021, 4, 20))
    assert key.mrz_information() == key_from_mrz(MRZ).mrz_information()
