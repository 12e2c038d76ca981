"""`restore --force` refuses while a server is using the database (its heartbeat is recent),
unless the database is in maintenance, when servers refuse changes instead; a backup does not
carry which servers ran or whether it was in maintenance."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from joinedup.errors import InvalidInput
from joinedup.settings import Settings
from joinedup.store import presence
from joinedup.store.backup import backup, restore
from joinedup.store.database import Database
from joinedup.web.app import create_app
from tests.conftest import TEST_SECRET


@pytest.mark.parametrize("suffix", [".json", ".backup"])
def test_restore_refuses_while_a_server_is_using_the_database(
    database: Database, tmp_path: Path, suffix: str
) -> None:
    target = tmp_path / f"joinedup{suffix}"
    backup(database, target)
    server = presence.Heartbeat(database)
    server.start()
    try:
        with pytest.raises(InvalidInput, match=r"A server is using this database \(process \d+"):
            restore(database, target, force=True)
    finally:
        server.stop()
    restore(database, target, force=True)  # stopped: its row is gone


def test_in_maintenance_the_server_refuses_changes_and_the_restore_goes_ahead(
    database: Database, tmp_path: Path
) -> None:
    target = tmp_path / "joinedup.json"
    backup(database, target)
    settings = Settings(database_url=database.url, secret_key=TEST_SECRET)
    with TestClient(create_app(settings, database), base_url="http://127.0.0.1") as client:
        assert client.get("/").status_code in (200, 303)
        with database.session() as session:
            presence.set_maintenance(session, on=True, reason="restore")
        client.app.state.heartbeat.beat()  # as the next heartbeat would
        refused = client.post("/sign-in", data={"email": "a@b.test", "password": "x"})
        assert refused.status_code == 503
        assert "maintenance" in refused.text
        assert int(refused.headers["Retry-After"]) > 0
        assert client.get("/healthz").status_code == 200  # reading still served
        restore(database, target, force=True)
        with database.session() as session:
            assert presence.maintenance(session) is not None  # still in it, as it was
            presence.set_maintenance(session, on=False)
        client.app.state.heartbeat.beat()
        assert (
            client.post("/sign-in", data={"email": "a@b.test", "password": "x"}).status_code != 503
        )
