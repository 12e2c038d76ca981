"""A report document as HTML: one template for the screen, the print stylesheet and the PDF.

Jinja autoescapes every string of the document; only figures' SVG is inlined as markup, and only
after `safe_svg` has removed anything that could run.
"""

from __future__ import annotations

import base64
from datetime import date
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from joinedup.reports.document import Document, SignOffRole, walk
from joinedup.reports.svg import safe_svg


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("joinedup.reports", "templates"),
        autoescape=select_autoescape(["html"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["svg"] = lambda text: Markup(safe_svg(text))  # noqa: S704 - sanitised above
    env.filters["long_date"] = long_date
    env.filters["svg_uri"] = svg_data_uri
    return env


@cache
def report_css() -> str:
    """The report's stylesheet (screen and print), scoped to `.jr-report`."""
    return (resources.files("joinedup.reports") / "templates" / "report.css").read_text("utf-8")


def svg_data_uri(text: str) -> str:
    """The SVG as a data address for an <img>: print pictures parse faster this way, since
    the page's HTML parser and style cascade never see the chart's hundreds of elements."""
    return "data:image/svg+xml;base64," + base64.b64encode(safe_svg(text).encode()).decode()


def long_date(iso: str) -> str:
    """`2019-06-13` as `13 June 2019`, the way board papers write dates; other text unchanged."""
    try:
        day = date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    return f"{day.day} {day:%B %Y}"


def short_date(iso: str) -> str:
    """`2018-05-15` as `15.05.18`, as seed 001's sign-off table writes them."""
    try:
        day = date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    return f"{day:%d.%m.%y}"


def render_html(
    document: Document,
    *,
    standalone: bool = True,
    heading_offset: int = 0,
    for_print: bool = False,
) -> str:
    """The report as HTML: a whole page (`standalone`) or a fragment to place in another page.

    `heading_offset` moves every heading down, so that a fragment sits under its page's `h1`;
    `for_print` leaves out what only makes sense on screen (collapsible data tables).
    """
    template = _environment().get_template("report.html")
    return template.render(
        doc=document,
        sections=walk(document.sections),
        standalone=standalone,
        offset=heading_offset,
        for_print=for_print,
        css=Markup(report_css()),  # noqa: S704 - our own stylesheet, not user text
        contributors=[e for e in document.sign_off if e.role is SignOffRole.CONTRIBUTOR],
        approvers=[e for e in document.sign_off if e.role is SignOffRole.APPROVER],
        short_date=short_date,
    )
