"""Every setting of Joined Up, declared once.

Each setting is read from the environment with the prefix ``JOINEDUP_`` (for example
``JOINEDUP_DATABASE_URL``) or from a ``.env`` file in the working directory. ``joinedup settings``
prints them; ``docs/user-guide.md`` documents them (a test keeps the two in step).
"""

from __future__ import annotations

import secrets
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = frozenset({"", "changeme", "change-me", "secret", "placeholder", "dev"})
MIN_SECRET_LENGTH = 32
LOGO_SUFFIXES = frozenset({".svg", ".png", ".jpg", ".jpeg"})
LOGO_MAX_BYTES = 200 * 1024


_SECRET_HELP = (
    "JOINEDUP_SECRET_KEY is missing, a placeholder or shorter than "
    f"{MIN_SECRET_LENGTH} characters; set it to a long random value, for example the output of "
    'python -c "import secrets; print(secrets.token_urlsafe(48))"'
)


class InsecureSettingsError(ValueError):
    """Raised when a setting would make a deployment unsafe."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="JOINEDUP_", env_file=".env", extra="ignore")

    database_url: Annotated[
        str, Field(description="SQLAlchemy URL of the application database.")
    ] = "sqlite:///joinedup.db"
    secret_key: Annotated[
        SecretStr,
        Field(description="Key that signs session and CSRF tokens; 32 characters or more."),
    ] = SecretStr("")
    demo_mode: Annotated[
        bool, Field(description="Demo mode: allows a generated secret key. Never in production.")
    ] = False
    host: Annotated[str, Field(description="Address the web server listens on.")] = "127.0.0.1"
    port: Annotated[int, Field(ge=1, le=65535, description="Port the web server listens on.")] = (
        8000
    )
    upload_max_bytes: Annotated[
        int, Field(ge=1024, description="Largest file accepted by an upload or import, in bytes.")
    ] = 20 * 1024 * 1024
    behind_tls: Annotated[
        bool,
        Field(description="Served over HTTPS: cookies are Secure and HSTS is sent."),
    ] = False
    session_hours: Annotated[
        int, Field(ge=1, le=24 * 30, description="Hours a sign-in lasts without activity.")
    ] = 12
    signin_max_failures: Annotated[
        int, Field(ge=1, description="Failed sign-ins for one email before it is throttled.")
    ] = 5
    signin_window_minutes: Annotated[
        int, Field(ge=1, description="Minutes over which failed sign-ins are counted.")
    ] = 15
    today: Annotated[
        date | None,
        Field(
            description="Pin the clock to this day (YYYY-MM-DD), for a demo or training world; "
            "empty: the real date."
        ),
    ] = None
    api_token_days: Annotated[
        int, Field(ge=1, le=3660, description="Days a new personal API token lasts.")
    ] = 90
    data_dir: Annotated[
        str, Field(description="Folder for uploaded evidence files and generated reports.")
    ] = "joinedup-data"
    catalogue_dir: Annotated[
        str,
        Field(
            description="Folders of this deployment's own indicator catalogue files (YAML), "
            "separated by ':', added to those Joined Up ships; 'current' adds today's discharge "
            "and Better Care Fund measures; empty: none."
        ),
    ] = ""
    spark_master: Annotated[
        str,
        Field(
            description="Spark master URL for the Spark engine: local[N] (N cores of this "
            "machine) or an existing cluster's, e.g. spark://host:7077, yarn, k8s://https://host."
        ),
    ] = "local[2]"
    spark_conf: Annotated[
        str,
        Field(
            description="Spark configuration for the Spark engine, key=value pairs separated by "
            "';', e.g. spark.executor.memory=8g;spark.sql.shuffle.partitions=400; empty: "
            "defaults fit for one machine."
        ),
    ] = ""
    disclosure_control: Annotated[
        bool,
        Field(
            description="Apply the NHS rule for Hospital Episode Statistics to figures shown "
            "outside the national roles, in papers and in publication exports: small counts "
            "suppressed, other counts rounded; false: every figure unrounded."
        ),
    ] = True
    disclosure_suppress_from: Annotated[
        int, Field(ge=1, description="Smallest count suppressed by disclosure control.")
    ] = 1
    disclosure_suppress_to: Annotated[
        int, Field(ge=1, description="Largest count suppressed by disclosure control.")
    ] = 7
    disclosure_rounding_base: Annotated[
        int,
        Field(
            ge=1,
            description="Other counts are rounded to the nearest multiple of this; 1: not rounded.",
        ),
    ] = 5
    organisation_name: Annotated[
        str,
        Field(
            max_length=120,
            description="Name of the organisation running this deployment, shown in the header "
            "and footer; empty: none shown.",
        ),
    ] = ""
    organisation_logo: Annotated[
        str,
        Field(
            description="Path to the organisation's logo (SVG, PNG or JPEG, 200 KB or less), "
            "shown in the header beside its name; empty: no logo.",
        ),
    ] = ""

    site_url: Annotated[
        str,
        Field(
            description="Address people open Joined Up at, for links in reminder emails and "
            "calendar feeds, e.g. https://joinedup.example.org.",
        ),
    ] = "http://127.0.0.1:8000"
    smtp_host: Annotated[
        str, Field(description="Mail server for reminder emails; empty: no email is sent.")
    ] = ""
    smtp_port: Annotated[
        int, Field(ge=1, le=65535, description="Port of the mail server (587 for STARTTLS).")
    ] = 587
    smtp_tls: Annotated[
        Literal["starttls", "ssl", "none"],
        Field(description="How the mail connection is encrypted: starttls, ssl or none."),
    ] = "starttls"
    smtp_username: Annotated[
        str, Field(description="User name for the mail server; empty: no sign-in.")
    ] = ""
    smtp_password: Annotated[SecretStr, Field(description="Password for the mail server.")] = (
        SecretStr("")
    )
    smtp_sender: Annotated[
        str,
        Field(description="The From address of reminder emails, e.g. joinedup@example.org."),
    ] = ""
    reminder_days: Annotated[
        int,
        Field(ge=0, le=60, description="Days ahead that actions and milestones are reminded."),
    ] = 7
    paper_deadline_days: Annotated[
        int,
        Field(ge=0, le=60, description="Days before a board meeting that its papers are due."),
    ] = 10

    @field_validator("organisation_logo")
    @classmethod
    def _logo_must_be_an_image_file(cls, value: str) -> str:
        """Refused at start-up rather than on every page: a missing or unsuitable logo file."""
        value = value.strip()
        if not value:
            return value
        logo = Path(value)
        if logo.suffix.lower() not in LOGO_SUFFIXES:
            raise ValueError("the organisation logo must be an SVG, PNG or JPEG file")
        if not logo.is_file():
            raise ValueError(f"there is no file at {value}")
        if logo.stat().st_size > LOGO_MAX_BYTES:
            raise ValueError(f"the organisation logo must be {LOGO_MAX_BYTES // 1024} KB or less")
        return value

    @field_validator("spark_conf")
    @classmethod
    def _spark_conf_is_key_value_pairs(cls, value: str) -> str:
        spark_pairs(value)
        return value

    @model_validator(mode="after")
    def _suppression_range_in_order(self) -> Settings:
        if self.disclosure_suppress_from > self.disclosure_suppress_to:
            raise ValueError(
                "JOINEDUP_DISCLOSURE_SUPPRESS_FROM must not be above "
                "JOINEDUP_DISCLOSURE_SUPPRESS_TO"
            )
        return self

    @model_validator(mode="after")
    def _refuse_placeholder_secret(self) -> Settings:
        key = self.secret_key.get_secret_value()
        if self.demo_mode and key.strip().lower() in PLACEHOLDER_SECRETS:
            # A demo gets a fresh random key: its sessions end when the demo stops, which is fine.
            self.secret_key = SecretStr(secrets.token_urlsafe(48))
        elif key and (key.strip().lower() in PLACEHOLDER_SECRETS or len(key) < MIN_SECRET_LENGTH):
            raise InsecureSettingsError(_SECRET_HELP)
        return self

    def signing_key(self) -> bytes:
        """The secret key, refused when missing: the web app cannot run without one."""
        key = self.secret_key.get_secret_value()
        if not key:
            raise InsecureSettingsError(_SECRET_HELP)
        return key.encode()

    @property
    def mail_configured(self) -> bool:
        """Reminder emails are off until a mail server and a sender are set."""
        return bool(self.smtp_host.strip() and self.smtp_sender.strip())

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def described(self) -> list[tuple[str, str, str]]:
        """Each setting as (environment variable, value shown to people, description)."""
        rows = []
        for name, field in type(self).model_fields.items():
            value = getattr(self, name)
            shown = "********" if isinstance(value, SecretStr) else str(value)
            if name == "database_url":
                shown = mask_url_password(str(value))
            rows.append((f"JOINEDUP_{name.upper()}", shown, field.description or ""))
        return rows


def spark_pairs(text: str) -> dict[str, str]:
    """``spark.a=1;spark.b=x`` as a mapping; a pair without ``=`` or a key not starting with
    ``spark.`` is refused (Spark ignores such keys without a word)."""
    pairs: dict[str, str] = {}
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        key, equals, value = (s.strip() for s in part.partition("="))
        if not equals or not key.startswith("spark.") or not value:
            raise ValueError(
                f"JOINEDUP_SPARK_CONF: {part!r} is not key=value with a key starting 'spark.'"
            )
        pairs[key] = value
    return pairs


def mask_url_password(url: str) -> str:
    """Hide the password in a database URL: ``postgresql://u:pw@h/db`` -> ``u:***@h``."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    credentials, _, location = rest.rpartition("@")
    user, colon, _ = credentials.partition(":")
    return f"{scheme}://{user}{':***' if colon else ''}@{location}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
