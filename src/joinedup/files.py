"""Files written whole or not at all: the one way every capability writes a file a person asked
for (a failure part-way leaves any earlier file as it was, never half of a new one)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from joinedup.errors import FORM, InvalidInput


@contextmanager
def replacing(path: Path, *, suffix: str = ".part", field: str = FORM) -> Iterator[Path]:
    """A temporary file beside ``path`` to write; it replaces ``path`` in one step when the block
    ends (flushed to disk first), and is removed if the block fails. A folder that cannot be
    written, or a folder named as the file, is refused as InvalidInput against ``field`` (the
    option or field naming the file)."""
    if path.is_dir():
        raise InvalidInput.of(
            field, f"That is a folder ({path}): name the file to write, e.g. {path / path.name}"
        )
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    except OSError as error:
        raise InvalidInput.of(
            field, f"Cannot write {path}: {error.strerror or error} (check the folder)"
        ) from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with temporary.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_atomically(path: Path, data: bytes | str, *, field: str = FORM) -> None:
    """Write ``data`` (text as UTF-8, line endings kept) to ``path``, all or nothing."""
    with replacing(path, field=field) as temporary:
        if isinstance(data, str):
            with temporary.open("w", encoding="utf-8", newline="") as stream:
                stream.write(data)
        else:
            temporary.write_bytes(data)
