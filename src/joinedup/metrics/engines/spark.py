"""The Spark engine: the same SQL as DuckDB, for national volumes on a cluster or ``local[*]``.

CSV files are read with every column as text and Parquet with its own types, then given the
contract's types by the same canonical expressions DuckDB uses, so both engines see the same
values.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from joinedup.metrics.contract import SourceFile, canonical_select
from joinedup.metrics.expressions import Dialect


class SparkDialect:
    name = "spark"

    def iso_weekday(self, date_sql: str) -> str:
        # Spark's dayofweek counts from Sunday = 1; weekday() counts from Monday = 0.
        return f"(weekday({date_sql}) + 1)"

    def days_between(self, start_sql: str, end_sql: str) -> str:
        return f"datediff({end_sql}, {start_sql})"

    def month_start(self, date_sql: str) -> str:
        return f"trunc({date_sql}, 'MM')"


def local_session(master: str = "local[2]", shuffle_partitions: int = 8) -> Any:
    """A local Spark session with settings fit for one machine."""
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master(master)
        .appName("joinedup-metrics")
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


class SparkEngine:
    """Counts with Spark SQL; results come back to the driver as Arrow (they are small)."""

    dialect: Dialect = SparkDialect()

    def __init__(self, session: Any | None = None) -> None:
        self.spark = session if session is not None else local_session()
        self._owned = session is None
        self._cached: list[Any] = []

    def load(self, sources: dict[str, SourceFile]) -> None:
        for name, source in sources.items():
            path = str(source.path)
            if source.format == "parquet":
                raw = self.spark.read.parquet(path)
            else:
                raw = self.spark.read.option("header", True).option("inferSchema", False).csv(path)
            raw.createOrReplaceTempView(f"raw_{name}")
            select = f"SELECT {canonical_select(source)} FROM raw_{name}"  # noqa: S608
            self.spark.sql(select).createOrReplaceTempView(name)

    def register(self, name: str, table: pa.Table) -> None:
        self.spark.createDataFrame(table).createOrReplaceTempView(name)

    def materialise(self, name: str, sql: str) -> None:
        frame = self.spark.sql(sql).cache()
        frame.count()
        frame.createOrReplaceTempView(name)
        self._cached.append(frame)

    def query(self, sql: str) -> pa.Table:
        return self.spark.sql(sql).toArrow()

    def close(self) -> None:
        for frame in self._cached:
            frame.unpersist()
        self._cached.clear()
        if self._owned:
            self.spark.stop()
