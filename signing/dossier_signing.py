"""Signing a dossier's digitised copies in one token session: the one way the command line and
the window sign them.

Each paper is signed in memory and stored with its signer in one transaction. A paper that
fails (the token pulled out part-way) keeps its unsigned copy and says why; the papers after it
are still tried, and each can be signed later."""

from collections.abc import Sequence
from dataclasses import dataclass

from onestop import digitised, settings
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.roles import Actor
from onestop.store.engine import Store
from signing.pades import sign_pdf
from signing.token_session import TokenSession, TokenSettings


@dataclass(frozen=True)
class SignedPaper:
    document_code: str
    signed: bool
    caption: str


@dataclass(frozen=True)
class OfficeToken:
    token: TokenSettings
    timestamp_url: str


def office_token(store: Store) -> OfficeToken:
    """The token, key and time-stamping service the technician set for this office."""
    values = settings.read_all(store)
    return OfficeToken(TokenSettings(str(values["signing.pkcs11_module"]), str(values["signing.token"]),
                                     str(values["signing.key"])),
                       str(values["signing.timestamp_url"]))


def sign_papers(store: Store, actor: Actor, token: TokenSession,
                papers: Sequence[digitised.CopyToSign], stamp_at: str = "") -> list[SignedPaper]:
    done = []
    for paper in papers:
        try:
            signed = sign_pdf(token, paper.path.read_bytes(),
                              _("Số hóa giấy tờ hồ sơ {0}").format(paper.dossier_code),
                              timestamp_url=stamp_at)
        except DomainError as error:
            digitised.record_signing_failure(store, actor, paper, str(error))
            done.append(SignedPaper(paper.document_code, False, str(error)))
            continue
        state = digitised.record_signature(
            store, actor, paper, signed.data, signed.signer.common_name, signed.signer.organisation,
            signed.signer.serial, signed.signed_at, signed.standard)
        done.append(SignedPaper(paper.document_code, True, digitised.caption(state)))
    return done


def sign_waiting(store: Store, actor: Actor, dossier_code: str, pin: str) -> list[SignedPaper]:
    """The dossier's copies that wait, signed with the office's token opened with `pin`, which
    goes to the token only. The token is opened even when no copy is ready (their reading not
    done yet), so that a wrong PIN or a missing token is told at once."""
    office = office_token(store)
    with TokenSession(office.token, pin) as token:
        waiting = digitised.copies_to_sign(store, actor, dossier_code)
        return sign_papers(store, actor, token, waiting, office.timestamp_url)
