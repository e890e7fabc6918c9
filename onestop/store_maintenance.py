"""What a store does for itself once a day: check its file, and empty what the province no
longer needs."""

from dataclasses import dataclass
from datetime import date

from onestop.outbox_pruning import prune_acknowledged
from onestop.store.engine import Store, check_health


@dataclass(frozen=True)
class Maintained:
    sound: bool
    emptied_payloads: int


def daily_maintenance(store: Store, today: date) -> Maintained | None:
    """Once per local day per open store; None when today's was done already."""
    if store.maintained_on == today:
        return None
    store.maintained_on = today
    if not check_health(store):
        return Maintained(False, 0)
    return Maintained(True, prune_acknowledged(store))
