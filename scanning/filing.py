"""Filing arranged pages into a dossier: one PDF per checklist item, kept in the attachment store.

Everything that can be refused is checked before the first file is attached: the dossier, every
checklist item, every page's file. Attaching the same PDF twice adds nothing, so after a failure
part-way the same pages can simply be filed again.
"""

import contextlib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from onestop.attachments import Attached, attach, check_papers
from onestop.changes import StoreChanges
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.roles import Actor, require
from onestop.store.engine import Store
from scanning.arrangement import ArrangedPage
from scanning.dossier_pdf import DossierPdf, assemble
from scanning.page import Page

PDF = "application/pdf"
# beside the attachment folder, so pages survive a restart of the program until they are filed
_PAGES_FOLDER = "scanned-pages"
_OTHER_PAPERS = "giay-to-khac"


@dataclass(frozen=True)
class FiledDocument:
    # None for pages the officer did not assign to a checklist item
    document_code: str | None
    pages: int
    attached: Attached

    @property
    def changes(self) -> StoreChanges:
        return self.attached.changes


def _by_document(pages: Sequence[ArrangedPage]) -> dict[str | None, list[Page]]:
    """Pages grouped by checklist item, the items in the order their first page comes."""
    grouped: dict[str | None, list[Page]] = {}
    for placed in pages:
        grouped.setdefault(placed.document_code, []).append(placed.page)
    return grouped


def file_pages(
    store: Store, actor: Actor, dossier_code: str, pages: Sequence[ArrangedPage]
) -> list[FiledDocument]:
    """Attaches the given pages, in their order, as one PDF per checklist item."""
    require(actor, "dossier.attach")
    if not pages:
        raise DomainError(_("Không có trang nào để lưu vào hồ sơ."))
    grouped = _by_document(pages)
    check_papers(store, dossier_code, grouped)
    documents: list[tuple[str | None, DossierPdf]] = [
        (code, assemble(group)) for code, group in grouped.items()
    ]
    filed = []
    for code, pdf in documents:
        name = f"{code or _OTHER_PAPERS}.pdf"
        attached = attach(store, actor, dossier_code, pdf.data, name, PDF, code, pdf.pages)
        filed.append(FiledDocument(code, pdf.pages, attached))
    return filed


def new_pages_folder(store: Store) -> Path:
    """A folder of its own for one batch of pages the officer is arranging."""
    return store.attachments_dir.parent / _PAGES_FOLDER / uuid.uuid4().hex


def discard_pages(pages: Iterable[Page]) -> None:
    """Removes the pages' files once they are filed or thrown away; an empty folder goes too."""
    folders = set()
    for page in pages:
        page.path.unlink(missing_ok=True)
        folders.add(page.path.parent)
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()
