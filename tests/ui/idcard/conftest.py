"""The virtual PC/SC reader the emulated cards are laid on, for the window's pieces."""

from collections.abc import Iterator

import pytest

from tests.integration.idcard.virtual_reader import VirtualReader, virtual_reader_session


@pytest.fixture(scope="session")
def virtual_reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtualReader]:
    yield from virtual_reader_session(tmp_path_factory)
