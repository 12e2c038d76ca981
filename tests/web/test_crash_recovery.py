"""Kill the server with SIGKILL in the middle of writes and start it again: the database is not
corrupted and every write the server acknowledged is there (on SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time

import httpx
from sqlalchemy import text

from joinedup.access import service as access
from joinedup.store.database import Database

LEAD = "lead@oxfordshire.demo.joinedup.test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(url: str, port: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, JOINEDUP_DATABASE_URL=url, JOINEDUP_SECRET_KEY="k" * 48)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "joinedup.web.app:create_app_from_env",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "2",
            "--log-level",
            "error",
        ],
        env=env,
        start_new_session=True,  # so the whole group (workers too) can be killed
    )


def _wait(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise AssertionError("server did not start")


def test_sigkill_mid_writes_loses_nothing_acknowledged(database: Database) -> None:
    with database.session() as session:
        lead = access.principal_for(access.get_user(session, LEAD))
        token = access.issue_token(session, actor=lead, email=LEAD)
        action_ids = list(
            session.execute(
                text(
                    "SELECT a.id FROM plan_actions a JOIN plan_workstreams w "
                    "ON a.workstream_id = w.id JOIN plans p ON w.plan_id = p.id "
                    "WHERE p.area_code = 'E10000025' AND a.status NOT IN ('complete', "
                    "'cancelled') ORDER BY a.id LIMIT 6"
                )
            ).scalars()
        )
    assert len(action_ids) == 6
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _serve(database.url, port)
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def write(action_id: int) -> None:
        headers = {"authorization": f"Bearer {token}"}
        with httpx.Client(base_url=base, headers=headers, timeout=5) as client:
            while not stop.is_set():
                try:
                    version = client.get(f"/api/v1/actions/{action_id}").json()["version"]
                    note = f"crash-{action_id}-{secrets.token_hex(6)}"
                    done = client.patch(
                        f"/api/v1/actions/{action_id}", json={"version": version, "note": note}
                    )
                except (httpx.HTTPError, KeyError, ValueError):
                    continue  # the server is gone: unacknowledged, so not counted
                if done.status_code == 200:
                    with lock:
                        acknowledged.append(note)

    try:
        _wait(base)
        writers = [threading.Thread(target=write, args=(a,)) for a in action_ids]
        for thread in writers:
            thread.start()
        while len(acknowledged) < 30:
            time.sleep(0.02)
        os.killpg(server.pid, signal.SIGKILL)  # writes are in flight on six threads
        server.wait(10)
        stop.set()
        for thread in writers:
            thread.join(10)
        server = _serve(database.url, port)
        _wait(base)
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(10)
    database.dispose()
    with database.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        stored = set(connection.execute(text("SELECT note FROM plan_action_updates")).scalars())
    missing = [n for n in acknowledged if n not in stored]
    assert len(acknowledged) >= 30
    assert missing == []
