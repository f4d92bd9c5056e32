"""The small state file beside the index: which version of each person it holds.

For each person folder slug, the SHA-256 of the case file and of
``out/contents.json`` as they were when last indexed. It is rewritten
atomically after the index commit; if a run is killed in between, the next run
sees old digests and reads those people again, which is harmless because their
entries are replaced, never added twice.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

STATE_FILE = "rehab-state.json"
FORMAT = 3
"""Version of the index's fields and analysis; an index of another version is
rebuilt by the next update and refused by ``search`` until then.

1: bigrams and jieba words; 2: bigrams only, Chinese fields cut by
:func:`indexer.analysis.index_terms`; 3: as 2, plus jieba's words of the title
and text in a ``words`` field."""


@dataclass
class State:
    """Digests of what was indexed, by person folder slug."""

    format: int = FORMAT
    office: str = ""
    people: dict[str, dict[str, str]] = field(default_factory=dict)


def digest(path: Path | None) -> str:
    """SHA-256 of a file's bytes, or ``""`` when there is no file."""
    if path is None or not path.is_file():
        return ""
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 16), b""):
            sha.update(block)
    return sha.hexdigest()


def load(folder: Path) -> State:
    """The state of the index in ``folder``; an empty state if none is readable.

    Without a state file the format is unknown (0): an index found beside no
    state file is rebuilt rather than trusted.
    """
    path = folder / STATE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return State(format=0)
    except (OSError, ValueError) as exc:
        log.warning("index state unreadable (%s); every person is read again", exc)
        return State()
    people = data.get("people") if isinstance(data, dict) else None
    if not isinstance(people, dict):
        return State()
    clean = {
        slug: {k: v for k, v in entry.items() if isinstance(v, str)}
        for slug, entry in people.items()
        if isinstance(slug, str) and isinstance(entry, dict)
    }
    return State(
        format=data.get("format", 0),
        office=str(data.get("office", "")),
        people=clean,
    )


def save(folder: Path, state: State) -> None:
    """Write the state atomically: a temporary file in ``folder``, then rename."""
    text = json.dumps(
        {"format": state.format, "office": state.office, "people": state.people},
        ensure_ascii=False,
        indent=1,
        sort_keys=True,
    )
    handle, temp = tempfile.mkstemp(prefix=".state-", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, folder / STATE_FILE)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
