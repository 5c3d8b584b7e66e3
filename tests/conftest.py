"""Test-wide settings: the proof cache of the commands run here lives in a folder of this
session (never the user's own cache), shared by the session's subprocesses."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("proof-cache")
    old = os.environ.get("QEDSHEET_CACHE_DIR")
    os.environ["QEDSHEET_CACHE_DIR"] = str(folder)
    yield
    if old is None:
        os.environ.pop("QEDSHEET_CACHE_DIR", None)
    else:
        os.environ["QEDSHEET_CACHE_DIR"] = old
