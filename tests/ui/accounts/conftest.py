"""The account screens run their work through the window's task manager."""

from collections.abc import Callable, Iterator

import pytest

from onestop.store.engine import Store
from tests.ui.conftest import release
from ui.tasks import TaskManager

TasksFor = Callable[[Store], TaskManager]


@pytest.fixture
def tasks_for() -> Iterator[TasksFor]:
    """Task managers on given stores, shut down before the stores close."""
    made: list[TaskManager] = []

    def make(store: Store) -> TaskManager:
        manager = TaskManager()
        manager.use_store(store)
        made.append(manager)
        return manager

    yield make
    for manager in made:
        manager.shut_down()
        release(manager)
