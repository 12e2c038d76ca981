""" "Today" comes from one clock: no other module asks the system for the date."""

from __future__ import annotations

import re
from pathlib import Path

import joinedup

SRC = Path(joinedup.__file__).parent
# The clock itself, and the UTC timestamp of records (when a row was written, not "today").
ALLOWED = {SRC / "clock.py"}
ASKS_THE_SYSTEM = re.compile(r"\b(date\.today|datetime\.now|datetime\.utcnow|time\.localtime)\(")


def test_no_module_but_the_clock_reads_today() -> None:
    found = [
        f"{path.relative_to(SRC)}:{number}: {line.strip()}"
        for path in sorted(SRC.rglob("*.py"))
        if path not in ALLOWED
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ASKS_THE_SYSTEM.search(line)
    ]
    assert not found, "read today from joinedup.clock:\n" + "\n".join(found)


def test_no_template_reads_today() -> None:
    templates = [p for p in SRC.rglob("*.html") if re.search(r"\bnow\(\)|today\(\)", p.read_text())]
    assert not templates
