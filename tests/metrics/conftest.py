"""Fixtures of the measure tests: one local Spark session for the whole run."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """A ``local[2]`` Spark session (about 10 s to start), shared by every Spark test."""
    pytest.importorskip("pyspark")
    from joinedup.metrics.engines.spark import local_session

    session = local_session("local[2]", shuffle_partitions=2)
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
