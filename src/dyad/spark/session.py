"""Start a SparkSession for dyad's jobs: check Java and PySpark, quiet logs, local-mode setup.

In local mode (`local`, `local[N]`, `local[*]`) the Python workers run this interpreter, and
Spark binds to the loopback address. On a cluster the submitter sets the workers' Python
(see the README: a packed virtualenv shipped with `--archives`).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from dyad.errors import DyadError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

#: Spark's own log output: warnings and errors only (its INFO lines would bury the report).
_LOG4J = """\
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n
logger.utils.name = org.apache.spark.util.Utils
logger.utils.level = error
logger.native.name = org.apache.hadoop.util.NativeCodeLoader
logger.native.level = error
"""


#: The master URLs Spark accepts (see Spark's "Master URLs" documentation).
_MASTER = re.compile(
    r"local(\[(\*|[1-9][0-9]*)(,[1-9][0-9]*)?\])?|local-cluster\[[0-9]+, *[0-9]+, *[0-9]+\]"
    r"|spark://[^\s/]+(:[0-9]+)?(,[^\s/]+(:[0-9]+)?)*|yarn|k8s://\S+")


def check_master(master: str) -> str:
    """The master URL, or a DyadError if Spark would not take it."""
    if not _MASTER.fullmatch(master.strip()):
        raise DyadError(f"{master!r} is not a Spark master URL",
                        hint="masters look like local[2], local[*], spark://host:7077, yarn, "
                             "k8s://https://host:443")
    return master.strip()


#: JVM options in local mode, where the JVM shares the machine with the Python workers that do
#: the coding: its work is light (shuffles, Parquet), so quick compilation and a single-threaded
#: collector leave the cores to the coders (half the JVM's CPU time on a 2-core machine).
_LOCAL_JVM = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


def is_local(master: str) -> bool:
    """Whether a master URL runs everything in this machine's one JVM."""
    return master == "local" or master.startswith("local[")


def find_java() -> str:
    """The `java` program Spark will start, or a DyadError saying how to get Java 17."""
    home = os.environ.get("JAVA_HOME", "")
    candidate = os.path.join(home, "bin", "java") if home else shutil.which("java")
    if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
        return candidate
    where = f"JAVA_HOME={home} has no bin/java" if home else "no `java` on PATH"
    raise DyadError(f"Spark needs Java 17, but {where}",
                    hint="install it (Debian: apt-get install openjdk-17-jre-headless) "
                         "or set JAVA_HOME")


def _check_pyspark() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise DyadError("PySpark is not installed",
                        hint="install dyad with the spark extra: pip install 'dyad[spark]'"
                        ) from None


def _log_config() -> Path:
    path = Path(tempfile.gettempdir()) / "dyad-spark-log4j2.properties"
    if not path.exists() or path.read_text(encoding="utf-8") != _LOG4J:
        scratch = path.with_name(f"{path.name}.{os.getpid()}")
        scratch.write_text(_LOG4J, encoding="utf-8")
        os.replace(scratch, path)  # whole, even with several jobs starting at once
    return path


def submitted() -> bool:
    """Whether this process was started by spark-submit (its JVM is running already)."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


def build_session(master: str | None, *, app_name: str = "dyad") -> SparkSession:
    """A SparkSession on `master`; None means spark-submit's master, or local[*] without it."""
    _check_pyspark()
    if master is not None:
        master = check_master(master)
    if master is None and not submitted():
        master = "local[*]"
    if not submitted():
        find_java()
    local = master is not None and is_local(master)
    if local:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    warnings.filterwarnings("ignore", category=FutureWarning, module=r"pyspark\..*")
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master is not None:
        builder = builder.master(master)
    builder = (builder
               .config("spark.python.worker.reuse", "true")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.ui.showConsoleProgress", str(sys.stderr.isatty()).lower())
               .config("spark.driver.extraJavaOptions",
                       " ".join([f"-Dlog4j2.configurationFile=file:{_log_config()}",
                                 *(_LOCAL_JVM if local else ())])))
    if local:
        builder = builder.config("spark.ui.enabled", "false")
    try:
        session = builder.getOrCreate()
    except Exception as exc:
        raise DyadError(f"cannot start Spark on master {master!r}: {_first_line(exc)}",
                        hint="masters look like local[2], spark://host:7077, yarn") from None
    session.sparkContext.setLogLevel("WARN")
    return session


@contextmanager
def spark_session(master: str | None, *, app_name: str = "dyad") -> Iterator[SparkSession]:
    """A SparkSession for one job, stopped afterwards unless it was running already."""
    _check_pyspark()
    from pyspark.sql import SparkSession

    if master is not None:
        check_master(master)
    running = SparkSession.getActiveSession()
    session = running or build_session(master, app_name=app_name)
    try:
        yield session
    finally:
        if running is None:
            session.stop()


def _first_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split("\n", 1)[0].split())
    return text or type(exc).__name__
