"""The catalogue in force: the package's indicator files and a deployment's folders, put in
force or checked all or nothing (a catalogue with any problem is refused whole, naming each
file, line and field)."""

from __future__ import annotations

from pathlib import Path

from joinedup.errors import InvalidInput
from joinedup.metrics.indicators import INDICATORS, Indicator


def catalogue() -> tuple[Indicator, ...]:
    """The indicators in force (the package's catalogue files, then the deployment's folder);
    a catalogue with a problem is refused whole, naming each file, line and field."""
    return tuple(INDICATORS)


def use_catalogue(folders: str | Path | None) -> tuple[Indicator, ...]:
    """Put the package's catalogue and a deployment's folders in force (a folder, or a setting's
    text: folders separated by the path separator, ``current`` for today's measures; None: the
    package's alone), all or nothing: a catalogue with any problem is refused and the one in
    force stays as it was."""
    from joinedup.metrics.catalogue import PACKAGE_FOLDER, read_folders
    from joinedup.metrics.indicators import configured_folders

    extra = [folders] if isinstance(folders, Path) else configured_folders(folders or "")
    read_folders([PACKAGE_FOLDER, *extra])  # refused here if wrong
    INDICATORS.use(extra)
    return tuple(INDICATORS)


def check_deployment_catalogue(setting: str) -> tuple[Indicator, ...]:
    """Read the catalogue a deployment's ``catalogue_dir`` setting names (the package's files,
    then the setting's folders) without putting it in force: the web app checks it when it
    starts, so a bad file stops the start with its file, line and field, not a later error."""
    from joinedup.metrics.catalogue import PACKAGE_FOLDER, read_folders
    from joinedup.metrics.indicators import configured_folders

    return read_folders([PACKAGE_FOLDER, *configured_folders(setting)])


def check_catalogue_file(path: Path) -> tuple[Indicator, ...]:
    """Check one catalogue file on its own and beside the catalogue in force (its id and tally
    names must not clash); returns what it declares."""
    from joinedup.metrics.catalogue import catalogue_files, read_files

    if not path.is_file():
        raise InvalidInput.of("file", f"{path}: no such file")
    others = [p for p in catalogue_files(INDICATORS.folders()) if p.resolve() != path.resolve()]
    found = read_files([*others, path])
    return tuple(i for i in found if Path(i.declared_in) == path)
