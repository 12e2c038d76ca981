"""Reading catalogue files: YAML whose every value remembers the line it was written on, so a
refusal can name the file, the line, the field and what was expected."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from joinedup.errors import InvalidInput

LARGEST_FILE = 256 * 1024


@dataclass(frozen=True)
class Located:
    """A value read from a file: a scalar, a list of ``Located`` or a dict of them."""

    value: Any
    line: int


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}, {self.field}: {self.message}"


class CatalogueProblems(InvalidInput):
    """Every problem found in a catalogue; nothing of it is loaded."""

    def __init__(self, problems: list[Problem]) -> None:
        order = {path: i for i, path in enumerate(dict.fromkeys(p.file for p in problems))}
        problems = sorted(problems, key=lambda p: (order[p.file], p.line))
        self.found = problems
        listed = "\n".join(f"  {p}" for p in problems)
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(
            {"catalogue": f"The indicator catalogue has {count}; nothing was loaded:\n{listed}"}
        )


def _located(loader: yaml.SafeLoader, node: yaml.Node) -> Located:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Located] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            mapping[str(key)] = _located(loader, value_node)
            # The line of a field is where its key is written.
            mapping[str(key)] = Located(mapping[str(key)].value, key_node.start_mark.line + 1)
        return Located(mapping, line)
    if isinstance(node, yaml.SequenceNode):
        return Located([_located(loader, item) for item in node.value], line)
    try:
        return Located(loader.construct_object(node, deep=True), line)
    except (ValueError, OverflowError, yaml.YAMLError):
        return Located(str(node.value), line)  # 2020-13-01: kept as written, refused later


def read(path: Path) -> Located:
    """The file's document; a file that is not one YAML mapping is refused at its line."""
    try:
        if path.stat().st_size > LARGEST_FILE:
            raise CatalogueProblems(
                [Problem(path, 1, "file", f"is larger than {LARGEST_FILE // 1024} KiB")]
            )
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CatalogueProblems([Problem(path, 1, "file", "is not UTF-8 text")]) from None
    except OSError as error:
        raise CatalogueProblems(
            [Problem(path, 1, "file", f"cannot be read ({error.strerror or error})")]
        ) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise CatalogueProblems([Problem(path, 1, "file", "is empty; expected an indicator")])
        document = _located(loader, node)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise CatalogueProblems(
            [Problem(path, line, "file", f"is not valid YAML ({problem})")]
        ) from None
    finally:
        loader.dispose()
    if not isinstance(document.value, dict):
        raise CatalogueProblems(
            [Problem(path, document.line, "file", "expected a mapping of field: value")]
        )
    return document


def plain(item: Located) -> Any:
    """The value without its lines (for equality between declarations)."""
    if isinstance(item.value, dict):
        return {k: plain(v) for k, v in item.value.items()}
    if isinstance(item.value, list):
        return [plain(v) for v in item.value]
    return item.value
