"""Opening the store (again, after a restore), the first admin of a new store, logging in,
unlocking, and the language each user keeps."""

from dataclasses import dataclass
from pathlib import Path

from onestop import users
from onestop.errors import DomainError
from onestop.i18n import _
from onestop.roles import Actor
from onestop.store.engine import Store, open_store
from ui.tasks import Work


@dataclass
class OpenStore:
    data_dir: Path | None
    database_url: str | None
    label: str = ""

    def run(self, work: Work) -> Store:
        return open_store(self.data_dir, self.database_url)


@dataclass
class ReopenStore:
    """After a restore: the old connections go, the restored data is opened."""

    old: Store
    data_dir: Path | None
    database_url: str | None
    label: str = ""

    def run(self, work: Work) -> Store:
        self.old.close()
        return open_store(self.data_dir, self.database_url)


@dataclass
class CheckFirstAdmin:
    label: str = ""

    def run(self, work: Work) -> bool:
        return users.first_admin_needed(work.store)


@dataclass(frozen=True)
class LoggedIn:
    actor: Actor
    language: str
    must_change_password: bool = False


@dataclass
class LogIn:
    username: str
    password: str
    label: str = ""

    def run(self, work: Work) -> LoggedIn:
        actor = users.login(work.store, self.username, self.password)
        record = users.get_user(work.store, actor.username)
        return LoggedIn(actor, record.language, record.must_change_password)


@dataclass
class SaveLanguage:
    actor: Actor
    language: str
    label: str = ""

    def run(self, work: Work) -> None:
        users.set_language(work.store, self.actor, self.language)


@dataclass
class CheckAccount:
    """Whether the account working at the window may still work: an admin may have disabled it
    meanwhile, and the window must not go on acting for it."""

    username: str
    label: str = ""

    def run(self, work: Work) -> bool:
        try:
            return users.get_user(work.store, self.username).active
        except DomainError:
            return False


@dataclass
class Unlock:
    """The locked screen opens again only for the user who was working at it."""

    username: str
    password: str
    label: str = ""

    def run(self, work: Work) -> Actor:
        actor = users.login(work.store, self.username, self.password)
        if actor.username != self.username:
            raise DomainError(_("Chỉ người đã khoá màn hình mới mở lại được."))
        return actor
