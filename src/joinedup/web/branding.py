"""The deployment's identity on every page: the product's own name and wordmark, and the
organisation running it (name and optional logo from settings, checked when settings are read).
GOV.UK's crown, logotype and typeface are reserved for services on GOV.UK: none of them appears."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from joinedup.settings import Settings

PRODUCT_NAME = "Joined Up"
_LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg"}
_LOGO_TYPES[".jpeg"] = "image/jpeg"


@dataclass(frozen=True)
class Brand:
    product_name: str
    organisation_name: str
    # A data URI: the page's content security policy allows images only from itself or data.
    organisation_logo: str


@lru_cache(maxsize=8)
def _logo_data_uri(path: str) -> str:
    file = Path(path)
    kind = _LOGO_TYPES[file.suffix.lower()]
    return f"data:{kind};base64,{base64.b64encode(file.read_bytes()).decode()}"


def brand_for(settings: Settings) -> Brand:
    logo = settings.organisation_logo
    return Brand(
        product_name=PRODUCT_NAME,
        organisation_name=settings.organisation_name.strip(),
        organisation_logo=_logo_data_uri(logo) if logo else "",
    )
