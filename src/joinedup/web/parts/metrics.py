"""Measure's page parts: the link from a system's page to its area's indicator profile."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup


def indicators_section(area_code: str) -> dict[str, Any]:
    """The system overview's link to the area's indicator profile."""
    return {
        "title": "Interface indicators",
        # Fixed text; format() escapes the area code.
        "html": Markup(
            '<p class="govuk-body">The six indicators of the Social Care Interface Dashboard '
            "over time, with England alongside: "
            '<a class="govuk-link" href="/areas/{}">see the area profile</a>.</p>'
        ).format(area_code),
    }
