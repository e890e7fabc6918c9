"""A paper's pages made into its digitised copy and kept in the dossier: the one way the command
line and the window make a copy."""

from collections.abc import Sequence
from datetime import UTC, datetime

from onestop import digitised, settings
from onestop.roles import Actor
from onestop.store.engine import Store
from scanning.copy_metadata import CopyFacts
from scanning.digitised_copy import PaperPage, make_copy
from scanning.mixed_raster import CopyMode


def office_copy_mode(store: Store) -> CopyMode:
    return CopyMode(settings.get(store, "digitised.mode"))


def keep_paper_copy(store: Store, actor: Actor, dossier_code: str, document_code: str,
                    pages: Sequence[PaperPage], mode: CopyMode) -> digitised.CopyState:
    """The pages as the paper's PDF/A copy, with what it is a copy of, kept at once; its reading
    and its signature come later."""
    facts = digitised.paper_facts(store, actor, dossier_code, document_code)
    copy = make_copy(pages, mode, CopyFacts(
        facts.dossier_code, facts.procedure_code, facts.paper_code, facts.paper_name,
        facts.applicant_id_number, actor.username, datetime.now(UTC)))
    return digitised.keep_copy(store, actor, dossier_code, document_code, copy, len(pages))
