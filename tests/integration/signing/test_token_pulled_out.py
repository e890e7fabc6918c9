"""A token pulled out while a dossier's papers are signed: the papers signed before it stay signed,
the rest keep their unsigned copies, say why, and are signed once the token is back."""

from datetime import date

from onestop import digitised, dossiers
from onestop.dossiers import ApplicantInput, Intake
from signing.dossier_signing import sign_papers
from signing.pades import check_signature
from signing.token_session import TokenSession, TokenSettings
from tests.conftest import Office
from tests.integration.signing.softhsm_token import SoftToken

PAPERS = ("000.00.00.G15-KQ003204", "000.00.00.G15-KQ004389")


def test_nothing_is_half_signed_and_the_rest_wait(office: Office, soft_token: SoftToken,
                                                  paper_pdf: bytes) -> None:
    person = ApplicantInput("Nguyễn Thị Hoà", "001190012345", birth_date=date(1990, 5, 12), sex="Nữ")
    code = dossiers.receive(office.store, office.officer, Intake("1.001193", person)).code
    for number, paper in enumerate(PAPERS):
        digitised.keep_copy(office.store, office.officer, code, paper, paper_pdf + b"%" + bytes([number]), 1)
        claim = digitised.claim_for_reading(office.store)
        assert claim is not None
        digitised.fail_reading(office.store, claim, "no text")
    # reading gave up on them: they may be signed without a text layer
    for _attempt in range(digitised.MAX_READING_ATTEMPTS - 1):
        while (claim := digitised.claim_for_reading(office.store)) is not None:
            digitised.fail_reading(office.store, claim, "no text")
    first, second = digitised.copies_to_sign(office.store, office.officer, code)
    settings = TokenSettings(soft_token.module, soft_token.token, soft_token.key)
    with TokenSession(settings, soft_token.pin) as token:
        assert [p.signed for p in sign_papers(office.store, office.officer, token, [first])] == [True]
        token._session.close()  # what the library reports when the token leaves the USB port
        (failed,) = sign_papers(office.store, office.officer, token, [second])
    assert not failed.signed and "rút ra" in failed.caption
    states = {s.document_code: s for s in digitised.dossier_copies(office.store, office.officer, code)}
    assert states[PAPERS[0]].sign_state == "signed"
    assert states[PAPERS[1]].sign_state == "failed" and states[PAPERS[1]].sha256 == second.sha256
    unsigned = digitised.copy_file(office.store, states[PAPERS[1]]).read_bytes()
    assert check_signature(unsigned) is None

    (waiting,) = digitised.copies_to_sign(office.store, office.officer, code)
    with TokenSession(settings, soft_token.pin) as token:
        assert [p.signed for p in sign_papers(office.store, office.officer, token, [waiting])] == [True]
    for state in digitised.dossier_copies(office.store, office.officer, code):
        check = check_signature(digitised.copy_file(office.store, state).read_bytes())
        assert state.sign_state == "signed" and check is not None and check.good
