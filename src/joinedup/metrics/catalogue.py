"""The indicator catalogue: indicators declared in YAML files, one indicator a file.

The package's own folder (``catalogue/``) holds the indicators Joined Up ships; a deployment adds
its own folder (the ``catalogue_dir`` setting). Files are read in name order (a number first
sets it). A file says what is counted (tallies of contract tables by area and the month of a
date, filtered), how the value follows (statistic, multiplier, percentile, interval method,
polarity) and what it is (id, title, definition in words, source, citation, version, valid
from and to); ``docs/methods.md`` describes the vocabulary. Every problem of every file is
reported with its file, line and field, and a catalogue with any problem is refused whole.
"""

from __future__ import annotations

from pathlib import Path

from joinedup.metrics.catalogue_files import CatalogueProblems, Problem, read
from joinedup.metrics.catalogue_reader import Reader
from joinedup.metrics.indicators import Indicator, Tally

PACKAGE_FOLDER = Path(__file__).with_name("catalogue")
# Today's discharge and Better Care Fund measures: in force when the setting names "current".
CURRENT_FOLDER = PACKAGE_FOLDER / "current"


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def catalogue_files(folders: list[Path]) -> list[Path]:
    """The catalogue files of the folders, in order (those that exist)."""
    return [p for folder in folders if folder.is_dir() for p in _files(folder)]


def read_files(paths: list[Path]) -> tuple[Indicator, ...]:
    """The indicators declared in ``paths``; every problem of every file refuses them all."""
    problems: list[Problem] = []
    found: list[Indicator] = []
    seen: dict[str, Path] = {}
    tallies: dict[str, tuple[Tally, Path]] = {}
    for path in paths:
        try:
            document = read(path)
        except CatalogueProblems as error:
            problems.extend(error.found)
            continue
        reader = Reader(path, problems)
        made = reader.indicator(document)
        if made is None:
            continue
        if made.id in seen:
            problems.append(
                Problem(
                    path,
                    document.value["id"].line,
                    "id",
                    f"{made.id!r} is already declared in {seen[made.id]}",
                )
            )
            continue
        for part, field in ((made.numerator, "numerator"), (made.denominator, "denominator")):
            if isinstance(part, Tally):
                earlier = tallies.setdefault(part.name, (part, path))
                if earlier[0] != part:
                    line = document.value[field].value["tally"].line
                    problems.append(
                        Problem(
                            path,
                            line,
                            f"{field}.tally",
                            f"{part.name!r} is declared differently in {earlier[1]}; "
                            "expected a new name or the same declaration",
                        )
                    )
        seen[made.id] = path
        found.append(made)
    if problems:
        raise CatalogueProblems(problems)
    return tuple(found)


def read_folders(folders: list[Path]) -> tuple[Indicator, ...]:
    """Every indicator of the folders, the package's first."""
    paths: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            raise CatalogueProblems(
                [Problem(folder, 1, "folder", "is not a folder of catalogue files")]
            )
        paths.extend(_files(folder))
    return read_files(paths)
