"""The window's work on digitised copies, across the scanning and signing rooms: the papers
filed at the counter made into copies, copies read one by one in the background, a dossier's
waiting copies signed with the PIN given once, and each copy's signature checked as the dossier
is opened."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from onestop import digitised
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.roles import Actor
from scanning.arrangement import ArrangedPage
from scanning.copy_reading import read_claimed
from scanning.digitised_copy import stored_pages
from scanning.filing import discard_pages
from scanning.paper_copies import keep_paper_copy, office_copy_mode
from signing.dossier_signing import SignedPaper, office_token, sign_waiting
from signing.pades import SignatureCheck, check_signature
from signing.token_module import TokenError
from signing.token_session import check_chosen
from ui.tasks import Work

_NOT_READ_YET = (digitised.WAITING, digitised.READING)


@dataclass(frozen=True)
class MadeCopies:
    dossier_code: str
    copies: list[digitised.CopyState]
    # papers whose copy could not be made, each with why
    failures: list[str]


@dataclass
class DigitisePapers:
    """The filed pages of each checklist paper made into its copy; the pages' files go after."""

    actor: Actor
    dossier_code: str
    pages: Sequence[ArrangedPage]
    label: str = ""

    def run(self, work: Work) -> MadeCopies:
        by_paper: dict[str, list[ArrangedPage]] = {}
        for arranged in self.pages:
            if arranged.document_code is not None:
                by_paper.setdefault(arranged.document_code, []).append(arranged)
        made, failures = [], []
        try:
            mode = office_copy_mode(work.store)
            for code, placed in by_paper.items():
                try:
                    made.append(keep_paper_copy(work.store, self.actor, self.dossier_code, code,
                                                stored_pages([p.page for p in placed]), mode))
                except (DomainError, OSError) as error:
                    failures.append(str(error))
        finally:
            discard_pages(p.page for p in self.pages)
        return MadeCopies(self.dossier_code, made, failures)


@dataclass(frozen=True)
class ReadingTurn:
    """One copy read (or not) and how much waits now; no copy when nothing waited."""

    copy: digitised.CopyToRead | None
    failure: str | None
    progress: digitised.ReadingProgress


@dataclass
class ReadNextCopy:
    """The oldest copy waiting for OCR, read and stored; `skip` leaves out copies this reader
    already failed on since the program started."""

    skip: frozenset[int]
    label: str = ""

    def run(self, work: Work) -> ReadingTurn:
        claim = digitised.claim_for_reading(work.store, self.skip)
        failure = None
        if claim is not None:
            failure = read_claimed(work.store, claim)
            if failure is not None:
                digitised.fail_reading(work.store, claim, failure)
        return ReadingTurn(claim, failure, digitised.reading_progress(work.store))


@dataclass(frozen=True)
class SigningTurn:
    dossier_code: str
    signed: list[SignedPaper]
    # copies of the dossier still waiting for their reading before they can be signed
    waiting: int
    # why the token could not be opened (wrong PIN, not plugged in); nothing was signed then
    refused: str = ""


@dataclass
class SignWaitingCopies:
    actor: Actor
    dossier_code: str
    # kept out of any text made of the operation: the PIN goes to the token only
    pin: str = field(repr=False)
    label: str = ""

    def run(self, work: Work) -> SigningTurn:
        refused = ""
        try:
            signed = sign_waiting(work.store, self.actor, self.dossier_code, self.pin)
        except DomainError as error:
            signed, refused = [], str(error)
        copies = digitised.dossier_copies(work.store, self.actor, self.dossier_code)
        waiting = sum(1 for c in copies if c.sign_state != digitised.SIGNED and c.ocr_state in _NOT_READ_YET)
        return SigningTurn(self.dossier_code, signed, waiting, refused)


@dataclass(frozen=True)
class TokenChosen:
    dossier_code: str
    # why the office's token cannot be asked for a PIN yet (none chosen); "" when it can
    missing: str


@dataclass
class CheckTokenChosen:
    dossier_code: str
    label: str = ""

    def run(self, work: Work) -> TokenChosen:
        try:
            check_chosen(office_token(work.store).token)
        except TokenError as error:
            return TokenChosen(self.dossier_code, str(error))
        return TokenChosen(self.dossier_code, "")


@dataclass(frozen=True)
class PaperLine:
    """What the dossier shows for a paper's copy, its signature checked on the file itself."""

    document_code: str
    text: str
    may_sign: bool


def paper_line(state: digitised.CopyState, check: SignatureCheck | None) -> PaperLine:
    if check is not None or state.sign_state == digitised.SIGNED:
        if check is not None and check.good and check.signed_at is not None:
            return PaperLine(state.document_code,
                             digitised.signed_caption(check.signer.common_name, check.signed_at), False)
        return PaperLine(state.document_code, _("Chữ ký số không hợp lệ: bản số hóa đã bị thay đổi "
                                                "sau khi ký. Hãy số hóa lại giấy tờ này."), False)
    text = digitised.caption(state)
    if state.sign_state != digitised.SIGNING_FAILED and state.ocr_state in _NOT_READ_YET:
        text = _("{caption} — đang chờ nhận dạng chữ, sẽ ký ngay khi xong").format(caption=text)
    return PaperLine(state.document_code, text, True)


@dataclass
class CheckPapers:
    """The dossier's copies, each file's signature checked."""

    actor: Actor
    dossier_code: str
    label: str = ""

    def run(self, work: Work) -> list[PaperLine]:
        return [paper_line(state, check_signature(digitised.copy_file(work.store, state).read_bytes()))
                for state in digitised.dossier_copies(work.store, self.actor, self.dossier_code)]
