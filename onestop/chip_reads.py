"""Reading a citizen's ID card chip is access to personal data (Decree 13/2023): only those who
may see citizens' data read it, and each read leaves an audit row naming the card, never its
photo."""

from onestop import audit
from onestop.roles import Actor, require
from onestop.store.engine import Store


def require_chip_reader(actor: Actor) -> None:
    require(actor, "dossier.read")


def note_chip_read(store: Store, actor: Actor, id_number: str, authentic: bool) -> None:
    require_chip_reader(actor)
    with store.write() as session:
        audit.record(session, actor, "idcard.read", id_number, {"authentic": authentic})
