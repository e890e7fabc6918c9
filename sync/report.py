"""What one sync run did, for the status bar, the log and `onestop sync --json`."""

from dataclasses import dataclass, field

from onestop.changes import NOTHING, StoreChanges

DONE = "done"


@dataclass
class SyncReport:
    step: str = ""  # what the run is doing now; "done" at the end
    files_sent: int = 0
    dossiers_sent: int = 0
    progress_sent: int = 0
    records_sent: int = 0  # ratings and queue visits
    conflicts: int = 0  # the province holds the same version with other content
    failed: int = 0  # refused by the province; sending again will not help
    postponed: int = 0  # kept for a later attempt
    procedures_pulled: int = 0
    changes_applied: int = 0
    changes_set_aside: int = 0  # changes the counter could not apply, kept with their reason
    days_pulled: int = 0
    requeued: int = 0  # dossiers sent again because the province lacked them
    anchored: bool = False  # the audit trail's head went to the province
    not_taken: list[str] = field(default_factory=list)  # services the province does not know yet
    problems: list[str] = field(default_factory=list)  # "step: reason" of every step that failed
    notes: list[str] = field(default_factory=list)  # what was left for the next run, and why
    error: str = ""  # why steps failed, in one line fit to show; empty when none did
    pulled: StoreChanges = NOTHING  # the dossiers and the catalogue the pulls changed

    @property
    def complete(self) -> bool:
        return self.step == DONE and not self.error

    @property
    def pushed(self) -> bool:
        return bool(self.files_sent or self.dossiers_sent or self.progress_sent
                    or self.records_sent)

    @property
    def changes(self) -> StoreChanges:
        """What the run changed in the store: what it pulled, and the outbox when rows left it
        or went back to it."""
        return self.pulled | StoreChanges(outbox=self.pushed or bool(self.failed or self.requeued))

    @property
    def troubled(self) -> bool:
        """Something failed: a step, a record the province refused or disputes, or a change
        from the province set aside."""
        return bool(self.error or self.failed or self.conflicts or self.changes_set_aside)
