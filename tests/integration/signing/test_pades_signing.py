"""Signing a paper through a real PKCS#11 token (SoftHSM2), checked by an independent tool."""

import subprocess
from pathlib import Path

import pytest

from onestop.errors import DomainError
from signing.pades import check_signature, sign_pdf
from signing.token_module import TokenError
from signing.token_session import TokenSession, TokenSettings
from tests.integration.signing.softhsm_token import AGENCY_NAME, SIGNER_NAME, SoftToken
from tests.integration.signing.timestamp_server import timestamp_service
from tests.machine import need_program


def settings_of(token: SoftToken) -> TokenSettings:
    return TokenSettings(token.module, token.token, token.key)


def pdfsig(path: Path) -> str:
    result = subprocess.run([need_program("pdfsig"), str(path)], capture_output=True, text=True)
    return result.stdout + result.stderr


def test_a_signed_paper_verifies_with_pdfsig_and_one_changed_byte_breaks_it(
        soft_token: SoftToken, paper_pdf: bytes, tmp_path: Path) -> None:
    with TokenSession(settings_of(soft_token), soft_token.pin) as token:
        signed = sign_pdf(token, paper_pdf, "Số hóa giấy tờ hồ sơ")
    assert signed.signer.common_name == SIGNER_NAME
    assert signed.signer.organisation == AGENCY_NAME
    assert int(signed.signer.serial, 16) == soft_token.serial
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed.data)
    report = pdfsig(path)
    assert "Signature is Valid" in report, report
    assert "PAdES" in report or "ETSI.CAdES.detached" in report, report

    # a byte of the page's image changed: the digest no longer matches
    changed = bytearray(signed.data)
    at = changed.index(b"stream") + 20
    changed[at] ^= 0xFF
    broken = tmp_path / "changed.pdf"
    broken.write_bytes(bytes(changed))
    assert "Signature is Valid" not in pdfsig(broken)

    check = check_signature(signed.data)
    assert check is not None and check.good
    assert check.signer.common_name == SIGNER_NAME
    broken_check = check_signature(bytes(changed))
    assert broken_check is not None and not broken_check.good


def test_a_wrong_pin_is_refused_before_anything_is_signed(soft_token: SoftToken) -> None:
    with pytest.raises(TokenError, match="PIN"):
        TokenSession(settings_of(soft_token), "000000")


def test_a_missing_library_or_token_is_said_plainly(soft_token: SoftToken, tmp_path: Path) -> None:
    gone = TokenSettings(str(tmp_path / "vendor-pkcs11.so"), soft_token.token, soft_token.key)
    with pytest.raises(TokenError, match="PKCS#11"):
        TokenSession(gone, soft_token.pin)
    other = TokenSettings(soft_token.module, "Token-khong-co", soft_token.key)
    with pytest.raises(TokenError, match="Token-khong-co"):
        TokenSession(other, soft_token.pin)
    no_key = TokenSettings(soft_token.module, soft_token.token, "khoa-khac")
    with pytest.raises(TokenError, match="khoa-khac"):
        TokenSession(no_key, soft_token.pin)


def test_a_token_pulled_out_mid_way_gives_no_half_signed_paper(
        soft_token: SoftToken, paper_pdf: bytes) -> None:
    with TokenSession(settings_of(soft_token), soft_token.pin) as token:
        first = sign_pdf(token, paper_pdf, "giấy 1")
        # the session ends as it does when the token leaves the USB port
        token._session.close()
        with pytest.raises(TokenError):
            sign_pdf(token, paper_pdf, "giấy 2")
    assert check_signature(first.data) is not None
    assert check_signature(paper_pdf) is None


def test_with_a_timestamp_service_the_signature_is_pades_b_t(
        soft_token: SoftToken, paper_pdf: bytes, tmp_path: Path) -> None:
    with timestamp_service() as url, TokenSession(settings_of(soft_token), soft_token.pin) as token:
        signed = sign_pdf(token, paper_pdf, "Số hóa", timestamp_url=url)
    assert signed.standard == "PAdES-B-T"
    check = check_signature(signed.data)
    assert check is not None and check.good and check.standard == "PAdES-B-T"
    assert check.signed_at is not None and abs((check.signed_at - signed.signed_at).total_seconds()) < 60
    path = tmp_path / "stamped.pdf"
    path.write_bytes(signed.data)
    report = pdfsig(path)
    assert "Signature is Valid" in report and "ETSI.CAdES.detached" in report, report


def test_a_timestamp_service_that_does_not_answer_leaves_the_paper_unsigned(
        soft_token: SoftToken, paper_pdf: bytes) -> None:
    with timestamp_service() as url:
        pass  # the service has stopped: nothing listens there any more
    with TokenSession(settings_of(soft_token), soft_token.pin) as token, pytest.raises(
            DomainError, match="dấu thời gian"):
        sign_pdf(token, paper_pdf, "Số hóa", timestamp_url=url)
