"""Reading a citizen's ID card chip is access to personal data (Decree 13/2023): only those who
may see citizens' data read it, and each read leaves an audit row naming the card, never its
photo."""

from pathlib import Path

from onestop import audit, settings
from onestop.private_files import private_folder, write_private
from onestop.roles import Actor, require
from onestop.store.engine import Store


def require_chip_reader(actor: Actor) -> None:
    require(actor, "dossier.read")


def note_chip_read(store: Store, actor: Actor, id_number: str, authentic: bool) -> None:
    require_chip_reader(actor)
    with store.write() as session:
        audit.record(session, actor, "idcard.read", id_number, {"authentic": authentic})


PHOTO_FOLDER = "chip-photos"


def photo_path(store: Store, dossier_code: str) -> Path:
    return store.attachments_dir.parent / PHOTO_FOLDER / f"{dossier_code}.jpg"


def keep_photo(store: Store, actor: Actor, dossier_code: str, jpeg: bytes) -> Path | None:
    """The face photo a chip gave, kept beside the dossier only where the office chose so
    (`idcard.keep_photo`): readable by the program's account alone, never an attachment, so it
    never goes to the province. None when the office keeps no photos."""
    require_chip_reader(actor)
    with store.read() as session:
        if not settings.get_in(session, "idcard.keep_photo"):
            return None
    path = photo_path(store, dossier_code)
    private_folder(path.parent)
    write_private(path, jpeg)
    with store.write() as session:
        audit.record(session, actor, "idcard.photo_kept", dossier_code, {"bytes": len(jpeg)})
    return path
