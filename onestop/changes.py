"""What a write changed in the store, told with its result, so that each screen refreshes only
what it shows: the dossiers by code, the print jobs by id, whether the outbox (what waits for the
province), the catalogue or the queue moved, and which settings keys were saved."""

from dataclasses import dataclass


@dataclass(frozen=True)
class StoreChanges:
    dossiers: frozenset[str] = frozenset()
    print_jobs: frozenset[int] = frozenset()
    outbox: bool = False
    catalogue: bool = False
    queue: bool = False
    settings: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.dossiers or self.print_jobs or self.outbox or self.catalogue
                    or self.queue or self.settings)

    def __or__(self, other: "StoreChanges") -> "StoreChanges":
        return StoreChanges(self.dossiers | other.dossiers, self.print_jobs | other.print_jobs,
                            self.outbox or other.outbox, self.catalogue or other.catalogue,
                            self.queue or other.queue, self.settings | other.settings)


NOTHING = StoreChanges()


def of_dossier(code: str, *, print_job: int | None = None) -> StoreChanges:
    """A dossier's own write: its row, its history and the outbox row that takes it to the
    province; with the print job of its slip when one was queued with it."""
    return StoreChanges(dossiers=frozenset({code}), outbox=True,
                        print_jobs=frozenset() if print_job is None else frozenset({print_job}))


def of_print_job(job_id: int) -> StoreChanges:
    return StoreChanges(print_jobs=frozenset({job_id}))
