"""A throwaway PostgreSQL server for the tests, started from the Debian server binaries.

PostgreSQL refuses to run as root, so when the tests run as root the server runs as the
``postgres`` user (``runuser``), in a data directory owned by that user.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    pass


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise PostgresUnavailable("PostgreSQL server binaries (initdb, pg_ctl) not found")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def running_postgres() -> Iterator[str]:
    """Yield a SQLAlchemy URL (without database name) of a fresh server on loopback."""
    bin_dir = _bin_dir()
    as_root = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="joinedup-pg-"))
    base.chmod(0o755)
    data, run = base / "data", base / "run"
    run.mkdir()
    prefix: list[str] = []
    if as_root:
        prefix = ["runuser", "-u", "postgres", "--"]
        shutil.chown(base, "postgres")
        shutil.chown(run, "postgres")
    port = _free_port()

    def pg(*args: str) -> None:
        subprocess.run([*prefix, *args], check=True, capture_output=True, timeout=120)

    try:
        pg(str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        pg(
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(base / "server.log"),
            "-w",
            "-o",
            f"-p {port} -k {run} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            "start",
        )
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        with contextlib.suppress(Exception):
            pg(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        time.sleep(0.1)
        shutil.rmtree(base, ignore_errors=True)
