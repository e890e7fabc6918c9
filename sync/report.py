"""What one sync run did, for the status bar, the log and `onestop sync --json`."""

from dataclasses import dataclass

DONE = "done"


@dataclass
class SyncReport:
    step: str = ""  # what the run is doing now; "done" at the end
    files_sent: int = 0
    dossiers_sent: int = 0
    progress_sent: int = 0
    conflicts: int = 0  # the province holds the same version with other content
    failed: int = 0  # refused by the province; sending again will not help
    postponed: int = 0  # kept for a later attempt
    procedures_pulled: int = 0
    changes_applied: int = 0
    changes_skipped: int = 0  # for dossiers this counter does not hold, or unreadable
    days_pulled: int = 0
    requeued: int = 0  # dossiers sent again because the province lacked them
    error: str = ""  # why the run stopped early, fit to show; empty when it did not

    @property
    def complete(self) -> bool:
        return self.step == DONE and not self.error
