import pytest

from tests.integration.accounts.memory_keyring import MemoryKeyring, use_memory_keyring


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    return use_memory_keyring(monkeypatch)
