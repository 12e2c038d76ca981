"""The door of each capability: what the web, the command line and other capabilities take from
a service is a use case or a schema, never a table (an ORM model) or a whole module re-exported.

import-linter proves which modules are imported; this proves what is reached through them."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import joinedup

CAPABILITIES = ("metrics", "ranking", "reviews", "plans", "monitoring", "reports")
SRC = Path(joinedup.__file__).parent


def _modules() -> list[str]:
    return [m.name for m in pkgutil.walk_packages([str(SRC)], "joinedup.")]


def _outsiders(capability: str) -> list[str]:
    """Modules that must go through the capability's door."""
    return [
        name
        for name in _modules()
        if not name.startswith(f"joinedup.{capability}.") or name.endswith(".cli")
    ]


def _reached(module_name: str, capability: str) -> set[str]:
    """Names taken from ``joinedup.<capability>.service`` by ``module_name``."""
    spec = importlib.util.find_spec(module_name)
    assert spec
    assert spec.origin
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    service = f"joinedup.{capability}.service"
    aliases: set[str] = set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == f"joinedup.{capability}":
            aliases |= {a.asname or a.name for a in node.names if a.name == "service"}
        elif isinstance(node, ast.ImportFrom) and node.module == service:
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.Import):
            aliases |= {a.asname for a in node.names if a.name == service and a.asname}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
        ):
            names.add(node.attr)
    return names


@pytest.mark.parametrize("capability", CAPABILITIES)
def test_services_hand_out_use_cases_and_schemas_not_tables_or_modules(capability: str) -> None:
    service = importlib.import_module(f"joinedup.{capability}.service")
    wrong: list[str] = []
    for module_name in _outsiders(capability):
        for name in sorted(_reached(module_name, capability)):
            thing = getattr(service, name, None)
            if thing is None:
                continue  # mypy reports a missing name
            if hasattr(thing, "__mapper__") or hasattr(thing, "__table__"):
                wrong.append(f"{module_name} takes the table {name} from {service.__name__}")
            elif isinstance(thing, type(service)):
                wrong.append(f"{module_name} takes the module {name} from {service.__name__}")
    assert not wrong, "\n".join(wrong)
