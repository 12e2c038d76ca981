"""When the database cannot be reached people get a clear "service unavailable" answer, and
the app recovers by itself when the database returns."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from joinedup import clock
from joinedup.access import demo as access_demo
from joinedup.areas import demo as areas_demo
from joinedup.settings import Settings
from joinedup.store.database import Database
from joinedup.timeline import Timeline
from joinedup.web.app import create_app
from tests.conftest import TEST_SECRET, missing_part, sign_in
from tests.postgres_server import PostgresUnavailable, postgres_server


def test_unreachable_database_gives_503_then_recovers() -> None:
    try:
        context = postgres_server()
        server = context.__enter__()
    except PostgresUnavailable as error:
        missing_part(str(error))
        return
    try:
        admin = create_engine(f"{server.url}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text("CREATE DATABASE joinedup"))
        admin.dispose()
        database = Database(f"{server.url}/joinedup")
        database.upgrade()
        with database.session() as session:  # people and systems are all this test needs
            areas_demo.build(session, Timeline.as_at(clock.today()))
            access_demo.build(session, Timeline.as_at(clock.today()))
        app = create_app(Settings(database_url=database.url, secret_key=TEST_SECRET), database)
        with TestClient(app, base_url="http://127.0.0.1") as client:
            sign_in(client, "board@oxfordshire.demo.joinedup.test")
            assert client.get("/").status_code == 200

            server.stop()
            page = client.get("/")
            assert page.status_code == 503
            assert "Sorry, the service is unavailable" in page.text
            assert "Nothing you entered has been lost" in page.text
            api = client.get("/api/v1/systems")
            assert api.status_code == 503
            assert api.json()["detail"].startswith("The database is unavailable")
            assert client.get("/healthz").status_code == 503

            server.start()
            assert client.get("/healthz").status_code == 200
            assert client.get("/").status_code == 200  # the same session works again
        database.dispose()
    finally:
        context.__exit__(None, None, None)
