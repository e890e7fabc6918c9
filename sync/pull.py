"""Pulling from the province: the catalogue and the changes by cursor, the days off by year.

Each page goes into the store with its cursor (`onestop.province_pulls`). A pull takes at most
the run's page limit, and a province that promises more pages without moving its cursor is off
the protocol: neither can keep a run going for ever.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from functools import partial
from typing import Any, TypeVar

from onestop import province_pulls
from onestop.i18n import _
from onestop.province_pulls import CATALOGUE, CHANGES, PageTaken
from onestop.store.engine import Store
from sync.errors import off_protocol
from sync.replies import Page
from sync.running import Running

T = TypeVar("T")
Take = Callable[[Store, str, str, Sequence[T], datetime], PageTaken]


def pull_procedures(run: Running) -> Iterator[None]:
    for taken in _pages(run, CATALOGUE, run.client.pull_procedures,
                        province_pulls.take_procedures):
        run.report.procedures_pulled += taken.applied
        run.report.notes += taken.refused
        run.report.pulled |= taken.changes
        yield


def pull_changes(run: Running) -> Iterator[None]:
    for taken in _pages(run, CHANGES, run.client.pull_changes, province_pulls.take_changes):
        run.report.changes_applied += taken.applied
        run.report.changes_set_aside += taken.set_aside
        run.report.pulled |= taken.changes
        yield


def _pages(run: Running, name: str, fetch: Callable[[str], Page[Any]],
           take: Take[Any]) -> Iterator[PageTaken]:
    for _page in range(run.limits.pages):
        asked_from = province_pulls.cursor(run.store, name)
        page = run.call(partial(fetch, asked_from))
        if page.more and page.cursor == asked_from:
            raise off_protocol(f"{name}: more pages promised from the same cursor {asked_from!r}")
        yield take(run.store, asked_from, page.cursor, page.items, run.now)
        if not page.more:
            return
    run.report.notes.append(_("Hệ thống tỉnh còn trang chưa nhận ({name}); lượt sau nhận tiếp")
                            .format(name=name))


def pull_days_off(run: Running, years: Iterable[int]) -> Iterator[None]:
    """Days off and swapped working days declared by the province."""
    for year in years:
        days = run.call(partial(run.client.pull_days_off, year))
        run.report.days_pulled += province_pulls.take_days_off(
            run.store, [(day.day, day.kind.value, day.note) for day in days])
        yield
