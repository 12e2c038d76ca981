"""Engines that count: DuckDB (embedded, the default) and Spark (for national volumes)."""

from __future__ import annotations

from typing import Protocol

import pyarrow as pa

from joinedup.metrics.contract import SourceFile
from joinedup.metrics.expressions import Dialect


class Engine(Protocol):
    """What the counting steps need from an engine; everything else is shared."""

    dialect: Dialect

    def load(self, sources: dict[str, SourceFile]) -> None:
        """Expose each contract table under its own name, in the contract's types."""
        ...

    def register(self, name: str, table: pa.Table) -> None:
        """Expose a small Arrow table under ``name``."""
        ...

    def materialise(self, name: str, sql: str) -> None:
        """Run ``sql`` once and keep its result under ``name``."""
        ...

    def query(self, sql: str) -> pa.Table: ...

    def close(self) -> None: ...
