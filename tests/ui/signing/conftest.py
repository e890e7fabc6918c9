from tests.integration.signing.conftest import soft_token  # noqa: F401 - the fixture
