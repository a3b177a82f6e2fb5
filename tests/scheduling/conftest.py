import pytest

from scheduling import registry


@pytest.fixture
def jobs(monkeypatch):
    """The registry, emptied for this test: register only the jobs the test is about."""
    monkeypatch.setattr(registry, "_jobs", {})
    return registry
