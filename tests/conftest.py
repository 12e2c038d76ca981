"""Fixtures shared by every test: one suite, run on SQLite and on PostgreSQL.

Each test that needs the application database gets a fresh copy of a template that is migrated
and holds the reference areas, a few systems and one user per role (the people of the demo).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from joinedup.access import demo as access_demo
from joinedup.demo import populate
from joinedup.settings import Settings
from joinedup.store.database import Database
from joinedup.web.app import create_app
from tests.postgres_server import PostgresUnavailable, running_postgres

BACKENDS = ["sqlite", "postgresql"]
STRICT = os.environ.get("JOINEDUP_TEST_STRICT") == "1"
TEST_SECRET = "test-secret-key-that-is-long-enough-0123456789"
PASSWORD = access_demo.DEMO_PASSWORD
_counter = itertools.count()


def missing_part(reason: str) -> None:
    """A part of the real stack is not on this machine: fail under `make test`, else skip."""
    if STRICT:
        pytest.fail(reason)
    pytest.skip(reason)


@dataclass
class Backend:
    name: str
    template_url: str
    server_url: str | None  # PostgreSQL server, for creating databases
    workdir: Path

    def fresh_url(self) -> str:
        n = next(_counter)
        if self.name == "sqlite":
            source = Path(self.template_url.removeprefix("sqlite:///"))
            target = self.workdir / f"test-{n}.db"
            shutil.copyfile(source, target)
            return f"sqlite:///{target}"
        assert self.server_url is not None
        name = f"test_{n}"
        admin = create_engine(f"{self.server_url}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {name} TEMPLATE world"))
        admin.dispose()
        return f"{self.server_url}/{name}"

    def drop(self, url: str) -> None:
        if self.name == "sqlite":
            Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
            return
        assert self.server_url is not None
        admin = create_engine(f"{self.server_url}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(
                text(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")
            )
        admin.dispose()

    def empty_url(self) -> str:
        n = next(_counter)
        if self.name == "sqlite":
            return f"sqlite:///{self.workdir / f'empty-{n}.db'}"
        assert self.server_url is not None
        admin = create_engine(f"{self.server_url}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE empty_{n}"))
        admin.dispose()
        return f"{self.server_url}/empty_{n}"


def upgrade_database(url: str) -> None:
    """Create the database at ``url`` as `joinedup db upgrade` does (other commands refuse to)."""
    database = Database(url)
    database.upgrade()
    database.dispose()


def build_world(url: str) -> None:
    """The demo world: what people see in `make demo` is what the tests check."""
    database = Database(url)
    database.upgrade()
    populate(database)
    database.dispose()


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    try:
        with running_postgres() as url:
            yield url
    except PostgresUnavailable as error:
        missing_part(str(error))


@pytest.fixture(scope="session", params=BACKENDS)
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Backend]:
    workdir = tmp_path_factory.mktemp(f"db-{request.param}")
    if request.param == "sqlite":
        url = f"sqlite:///{workdir / 'world.db'}"
        build_world(url)
        yield Backend("sqlite", url, None, workdir)
        return
    server = request.getfixturevalue("postgres_server_url")
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("CREATE DATABASE world"))
    admin.dispose()
    build_world(f"{server}/world")
    yield Backend("postgresql", f"{server}/world", server, workdir)


@pytest.fixture
def database(backend: Backend) -> Iterator[Database]:
    """A fresh application database holding the reference areas, systems and demo people."""
    url = backend.fresh_url()
    db = Database(url)
    yield db
    db.dispose()
    backend.drop(url)


@pytest.fixture
def empty_database(backend: Backend) -> Iterator[Database]:
    url = backend.empty_url()
    db = Database(url)
    yield db
    db.dispose()
    with contextlib.suppress(Exception):
        backend.drop(url)


@pytest.fixture
def session(database: Database) -> Iterator[Session]:
    with database.session() as s:
        yield s


@pytest.fixture
def settings(database: Database) -> Settings:
    return Settings(database_url=database.url, secret_key=TEST_SECRET)


@pytest.fixture
def client(settings: Settings, database: Database) -> Iterator[TestClient]:
    app = create_app(settings, database)
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1)


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> None:
    page = client.get("/sign-in")
    response = client.post(
        "/sign-in",
        data={"email": email, "password": password, "csrf_token": csrf_from(page.text)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


def demo_email(role: str, area_code: str | None = None) -> str:
    for user in access_demo.DEMO_USERS:
        if user.role == role and (area_code is None or user.area_code == area_code):
            return user.email
    raise LookupError(role)


OXFORDSHIRE = "E10000025"
COVENTRY = "E08000026"
