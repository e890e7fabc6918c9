from onestop.text import clean, fold, nfc


def test_both_tone_placements_and_d_fold_alike() -> None:
    assert fold("Nguyễn Thị Hoà") == fold("nguyen thi hoa") == fold("NGUYỄN THỊ HÒA")
    assert fold("Đặng Đức") == "dang duc"


def test_decomposed_input_is_stored_composed() -> None:
    decomposed = "Nguye\u0302\u0303n"
    assert nfc(decomposed) == "Nguyễn"
    assert clean("  Nguye\u0302\u0303n   Văn\tAn ") == "Nguyễn Văn An"
