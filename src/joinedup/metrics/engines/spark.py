"""The Spark engine: the same SQL as DuckDB, for national volumes on a cluster or ``local[*]``.

CSV files are read with every column as text and Parquet with its own types, then given the
contract's types by the same canonical expressions DuckDB uses, so both engines see the same
values.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyarrow as pa

from joinedup.metrics.contract import SourceFile, canonical_select
from joinedup.metrics.expressions import Dialect
from joinedup.settings import Settings, get_settings, spark_pairs


class SparkDialect:
    name = "spark"

    def iso_weekday(self, date_sql: str) -> str:
        # Spark's dayofweek counts from Sunday = 1; weekday() counts from Monday = 0.
        return f"(weekday({date_sql}) + 1)"

    def days_between(self, start_sql: str, end_sql: str) -> str:
        return f"datediff({end_sql}, {start_sql})"

    def month_start(self, date_sql: str) -> str:
        return f"trunc({date_sql}, 'MM')"


# Fit for one machine; a cluster keeps its own (they are only used for a local master).
LOCAL_DEFAULTS = {
    "spark.sql.shuffle.partitions": "8",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.memory": "2g",
}


def session_options(master: str, conf: Mapping[str, str]) -> dict[str, str]:
    """Everything the session is built with: the master, the local defaults (for a local
    master), then the deployment's configuration, which overrides them."""
    options = {"spark.app.name": "joinedup-metrics", "spark.sql.session.timeZone": "UTC"}
    if master.startswith("local"):
        options |= LOCAL_DEFAULTS
    options |= dict(conf)
    options["spark.master"] = master
    # Dates are counted by the day they were written, whatever the cluster's zone.
    options["spark.sql.session.timeZone"] = "UTC"
    return options


def configured_session(settings: Settings | None = None) -> Any:
    """The session the settings describe (``spark_master``, ``spark_conf``)."""
    settings = settings or get_settings()
    return build_session(settings.spark_master, spark_pairs(settings.spark_conf))


def build_session(master: str, conf: Mapping[str, str]) -> Any:
    from pyspark.sql import SparkSession

    builder = SparkSession.builder
    for key, value in session_options(master, conf).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def local_session(master: str = "local[2]", shuffle_partitions: int = 8) -> Any:
    """A local Spark session with settings fit for one machine (tests)."""
    return build_session(master, {"spark.sql.shuffle.partitions": str(shuffle_partitions)})


class SparkEngine:
    """Counts with Spark SQL; results come back to the driver as Arrow (they are small)."""

    dialect: Dialect = SparkDialect()

    def __init__(self, session: Any | None = None, *, folder_url: str | None = None) -> None:
        self.spark = session if session is not None else configured_session()
        self._owned = session is None
        self._cached: list[Any] = []
        # The folder as the cluster reads it (s3a://bucket/england, say) when the driver
        # checked it through another path (a mount or a copy); its files keep their names.
        self.folder_url = folder_url.rstrip("/") if folder_url else None

    def load(self, sources: dict[str, SourceFile]) -> None:
        for name, source in sources.items():
            path = str(source.path)
            if self.folder_url:
                path = f"{self.folder_url}/{source.path.name}"
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
