"""The table of demo users printed when the demo starts names each system and role in words."""

from __future__ import annotations

import re
from io import StringIO

from rich.console import Console

from joinedup.access.demo import DEMO_USERS
from joinedup.demo import print_demo_users


def test_the_demo_users_table_names_systems_not_codes() -> None:
    out = StringIO()
    print_demo_users(DEMO_USERS, console=Console(file=out, width=200), url="http://127.0.0.1:8000")
    printed = out.getvalue()
    assert "Oxfordshire" in printed
    assert "Coventry" in printed
    assert "system lead" in printed
    assert not re.search(r"\b[EWSN]\d{8}\b", printed)
    assert "system_lead" not in printed
