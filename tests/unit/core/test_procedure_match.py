"""How well a procedure fits what the officer typed."""

from onestop.procedure_match import EXACT, PHRASE, SCATTERED, STARTS, by_fit, fit

BIRTH = ("1.001193", "Thủ tục đăng ký khai sinh")
BIRTH_AGAIN = ("1.004884", "Thủ tục đăng ký lại khai sinh")
BIRTH_AND_PARENT = ("1.000689", "Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con")
COPY = ("2.000635", "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh")


def test_the_exact_code_or_name_fits_best_whatever_the_diacritics() -> None:
    assert fit(*BIRTH, "1.001193") == EXACT
    assert fit(*BIRTH, "ĐĂNG KÝ KHAI SINH") == EXACT
    assert fit(*BIRTH, "thu tuc dang ky khai sinh") == EXACT
    assert fit(*COPY, "cấp bản sao trích lục hộ tịch, bản sao giấy khai sinh") == EXACT


def test_then_a_start_then_a_phrase_then_scattered_words() -> None:
    assert fit(*BIRTH_AND_PARENT, "dang ky khai sinh") == STARTS
    assert fit(*COPY, "cap ban") == STARTS
    assert fit(*BIRTH, "1.0011") == STARTS
    assert fit(*BIRTH_AGAIN, "khai sinh") == PHRASE
    assert fit(*BIRTH_AGAIN, "dang ky khai sinh") == SCATTERED
    assert fit(*BIRTH, "kết hôn") is None


def test_among_equal_fits_the_shorter_name_comes_first() -> None:
    typed = "khai sinh"
    order = sorted([COPY, BIRTH_AND_PARENT, BIRTH_AGAIN, BIRTH], key=lambda p: by_fit(*p, typed))
    assert order == [BIRTH, BIRTH_AGAIN, COPY, BIRTH_AND_PARENT]
