"""Settings: declared once, validated at start-up, secrets masked, all documented."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from joinedup.settings import Settings, mask_url_password
from joinedup.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]


def test_defaults_use_the_embedded_sqlite_database() -> None:
    assert Settings(_env_file=None).database_url == "sqlite:///joinedup.db"  # type: ignore[call-arg]


@pytest.mark.parametrize("key", ["changeme", "secret", "too-short-a-key"])
def test_placeholder_or_short_secret_is_refused(key: str) -> None:
    with pytest.raises(ValidationError, match="JOINEDUP_SECRET_KEY"):
        Settings(secret_key=key)  # type: ignore[arg-type]


def test_the_web_app_refuses_to_start_without_a_secret() -> None:
    with pytest.raises(ValueError, match="JOINEDUP_SECRET_KEY is missing"):
        create_app(Settings(_env_file=None))  # type: ignore[call-arg]


def test_demo_mode_gets_a_random_secret() -> None:
    first = Settings(demo_mode=True).secret_key.get_secret_value()
    second = Settings(demo_mode=True).secret_key.get_secret_value()
    assert len(first) >= 32
    assert first != second


def test_malformed_values_name_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOINEDUP_PORT", "eighty")
    with pytest.raises(ValidationError) as error:
        Settings()
    assert error.value.errors()[0]["loc"] == ("port",)


def test_database_passwords_are_masked() -> None:
    url = "postgresql+psycopg://joinedup:s3cret@db.internal:5432/joinedup"
    assert mask_url_password(url) == "postgresql+psycopg://joinedup:***@db.internal:5432/joinedup"
    assert mask_url_password("sqlite:///joinedup.db") == "sqlite:///joinedup.db"


def test_every_setting_is_documented_in_the_user_guide() -> None:
    guide = (ROOT / "docs" / "user-guide.md").read_text()
    missing = [
        f"JOINEDUP_{n.upper()}"
        for n in Settings.model_fields
        if f"JOINEDUP_{n.upper()}" not in guide
    ]
    assert not missing, f"settings missing from docs/user-guide.md: {missing}"
