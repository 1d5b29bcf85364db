"""The job jar is what spark-submit needs: our code and Delta, nothing that Spark's own jars/ already has."""

from __future__ import annotations

import zipfile

from conftest import SPARK_HOME, job_jar


def _classes(jar) -> set[str]:
    with zipfile.ZipFile(jar) as z:
        return {n for n in z.namelist()
                if n.endswith(".class") and not n.startswith("META-INF/") and not n.endswith("module-info.class")}


def test_the_job_jar_adds_no_class_that_spark_ships():
    ours = _classes(job_jar())
    assert "io/glengarry/cli/Main.class" in ours
    spark_jars = sorted((SPARK_HOME / "jars").glob("*.jar"))
    assert len(spark_jars) > 100, f"no Spark installation in {SPARK_HOME}"
    twice = {jar.name: sorted(ours & _classes(jar))[:3] for jar in spark_jars}
    assert {name: classes for name, classes in twice.items() if classes} == {}


def test_delta_is_registered_and_main_is_the_entry_point():
    with zipfile.ZipFile(job_jar()) as z:
        services = z.read("META-INF/services/org.apache.spark.sql.sources.DataSourceRegister").decode()
        manifest = z.read("META-INF/MANIFEST.MF").decode()
    assert "org.apache.spark.sql.delta.sources.DeltaDataSource" in services.split()
    assert "Main-Class: io.glengarry.cli.Main" in manifest
