"""Figures' SVG made safe to inline: a snapshot is data, and data never carries script.

Charts come from our own chart code, but a snapshot is read back from the database, so the
renderers treat its SVG like any other stored text: scripts, foreign objects, event handlers and
`javascript:` links are removed before the markup is inlined.
"""

from __future__ import annotations

import re

_DROP_ELEMENTS = re.compile(
    r"<\s*(script|foreignObject|iframe|object|embed)\b.*?(</\s*\1\s*>|/>)",
    re.IGNORECASE | re.DOTALL,
)
_EVENT_ATTRIBUTES = re.compile(r"\s+on[a-z]+\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)
_SCRIPT_LINKS = re.compile(
    r"\s+(?:xlink:)?href\s*=\s*(\"\s*javascript:[^\"]*\"|'\s*javascript:[^']*'|javascript:[^\s>]*)",
    re.IGNORECASE,
)
_PROLOGUE = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>", re.IGNORECASE | re.DOTALL)
# A tag, quoted attribute values and all (a lone quote counts as a character); it runs to its
# ">", or up to the next "<" or the end when unclosed, so every "<" starts one and nothing
# escapes the clean-up. Attributes are only looked for inside tags: a chart's text that
# mentions "onerror=" (escaped, harmless) is left as written. No backtracking: possessive.
_TAG = re.compile(r"<(?>\"[^\"]*\"|'[^']*'|[^<>\"']|[\"'])*+(?:>|(?=<)|$)")


def _clean_tag(match: re.Match[str]) -> str:
    return _SCRIPT_LINKS.sub("", _EVENT_ATTRIBUTES.sub("", match.group(0)))


def safe_svg(svg: str) -> str:
    """The SVG without anything that could run; empty when it is not an SVG element at all."""
    text = _PROLOGUE.sub("", svg).strip()
    if not text.lower().startswith("<svg"):
        return ""
    text = _DROP_ELEMENTS.sub("", text)
    return _TAG.sub(_clean_tag, text)
