import pytest

from tests.integration.signing.softhsm_token import SoftToken, token_of_this_run


@pytest.fixture(scope="session")
def soft_token(tmp_path_factory: pytest.TempPathFactory) -> SoftToken:
    return token_of_this_run(tmp_path_factory)
