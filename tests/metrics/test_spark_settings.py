"""The Spark engine on an existing cluster: its master URL and configuration come from the
settings, and the cluster may read the folder at its own address (s3a://, hdfs://)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from joinedup.metrics.periods import PeriodKind
from joinedup.metrics.service import compute
from joinedup.metrics.synth import synth
from joinedup.settings import Settings

from .test_engines_agree import assert_same


def test_a_cluster_master_keeps_its_own_defaults_and_the_configuration_wins() -> None:
    from joinedup.metrics.engines.spark import session_options

    local = session_options("local[4]", {"spark.driver.memory": "6g"})
    assert local["spark.master"] == "local[4]"
    assert local["spark.driver.memory"] == "6g"  # the deployment's, over the local default
    assert local["spark.ui.enabled"] == "false"
    cluster = session_options(
        "spark://cluster:7077",
        {"spark.executor.memory": "8g", "spark.sql.session.timeZone": "Europe/London"},
    )
    assert cluster["spark.master"] == "spark://cluster:7077"
    assert cluster["spark.executor.memory"] == "8g"
    assert "spark.driver.memory" not in cluster
    assert "spark.ui.enabled" not in cluster
    assert cluster["spark.sql.session.timeZone"] == "UTC"  # days are counted as written


@pytest.mark.parametrize(
    "conf", ["executor.memory=8g", "spark.executor.memory", "spark.executor.memory="]
)
def test_a_configuration_that_is_not_spark_key_value_pairs_is_refused(conf: str) -> None:
    with pytest.raises(ValidationError, match=r"JOINEDUP_SPARK_CONF: .* is not key=value"):
        Settings(spark_conf=conf)


def test_the_settings_reach_the_session_builder(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession

    from joinedup.metrics.engines.spark import configured_session

    given: dict[str, str] = {}

    class Recording:
        def config(self, key: str, value: str) -> Recording:
            given[key] = value
            return self

        def getOrCreate(self) -> Any:  # noqa: N802 (Spark's name)
            class Context:
                def setLogLevel(self, level: str) -> None:  # noqa: N802
                    pass

            class Session:
                sparkContext = Context()  # noqa: N815

            return Session()

    monkeypatch.setattr(SparkSession, "builder", Recording())
    configured_session(
        Settings(
            spark_master="spark://cluster:7077",
            spark_conf="spark.executor.memory=8g; spark.hadoop.fs.s3a.path.style.access=true",
        )
    )
    assert given["spark.master"] == "spark://cluster:7077"
    assert given["spark.executor.memory"] == "8g"
    assert given["spark.hadoop.fs.s3a.path.style.access"] == "true"


@pytest.mark.spark
def test_a_harmless_configuration_reaches_a_local_session(spark: Any) -> None:
    from joinedup.metrics.engines.spark import configured_session

    before = spark.conf.get("spark.sql.shuffle.partitions")
    try:
        session = configured_session(
            Settings(spark_master="local[2]", spark_conf="spark.sql.shuffle.partitions=3")
        )
        assert session.conf.get("spark.sql.shuffle.partitions") == "3"
    finally:
        spark.conf.set("spark.sql.shuffle.partitions", before)


@pytest.mark.spark
def test_the_cluster_reads_the_folder_at_its_own_address(tmp_path: Path, spark: Any) -> None:
    # The driver checks one folder; the cluster's address names another with other records:
    # the figures are those of the folder the cluster reads.
    checked, read = tmp_path / "driver-copy", tmp_path / "cluster"
    synth(checked, spells=3_000, seed=1, start="2019-01", months=3)
    synth(read, spells=3_000, seed=2, start="2019-01", months=3)
    sparked = compute(
        checked,
        PeriodKind.MONTH,
        engine="spark",
        spark_session=spark,
        spark_folder=f"file://{read}/",
    )
    assert_same(compute(read, PeriodKind.MONTH), sparked)
