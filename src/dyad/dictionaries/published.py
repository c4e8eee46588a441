"""PETRARCH's published dictionary files, recognised by their content wherever they lie.

PETRARCH-2's dictionaries (`CAMEO.2.0.txt`, the `Phoenix.*` files) and its unit-test
dictionaries (`PETR.Validate.*.txt`) hold a few lines PETRARCH itself reads without
complaint but dyad cannot use (`- * DIPLXMATIC [###]`, where `#` starts a comment; dates of 7
or 10 digits; names without a code). Those files are loaded with a warning for each skipped
line, never refused, whether they are dyad's packaged copies or a user's copy from PETRARCH's
repository: they are recognised by the SHA-256 of their text (as `read_text` gives it, so a
copy with Windows line endings or a byte-order mark is the same file), not by their path.
`dyad dict check` still lists their lines as problems.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from dyad.dictionaries._lines import read_text

#: SHA-256 of the text of each published file (the commits are in `dyad/data/*/SOURCES.md`).
PUBLISHED: dict[str, str] = {
    "4a442ee42f7574651ec1c594f127353cdffbf18fa97b207ad5d8298a3cfaa08f": "CAMEO.2.0.txt",
    "3f47bf80213b5e86f765552a4acdff1f46c23daaeb55e3690de1193320f78293":
        "Phoenix.Countries.actors.txt",
    "6fafbbe39bc47858edb9262411ab005b97977818237f85f3808fd11701a3ad2c":
        "Phoenix.International.actors.txt",
    "78496d642ceb3501137f12a3d8af7820b139319200b5ecffa05f0f91a2508f3b":
        "Phoenix.MilNonState.actors.txt",
    "336330de3ae91cb7daeeb50a7320ff4c9f11e5e69b6dd3a4ebedc522751a95c6": "Phoenix.agents.txt",
    "862e66f907e520906142fff15a2be58c540c11f2ebdc0610e97fe45c36ed067a": "Phoenix.discards.txt",
    "b639368a72efd96253810ef16e03779647f0a34898356e629d3e716666bf3fd3":
        "PETR.Validate.actors.txt",
    "4c0567d4278b961d25caa777787ceb93821fd2885cd37c3f3e9211d120ee27c6":
        "PETR.Validate.agents.txt",
    "7f5af582c457808071ecd9f164baec22322bb5db026ff1a3d953a17de5b0edbb":
        "PETR.Validate.discards.txt",
    "f2bfea5ae46d34d7f1d1bfa22d9f782ad4898e76b27933cb614addb2053cbb37":
        "PETR.Validate.verbs.txt",
}


def text_digest(text: str) -> str:
    """The SHA-256 (hex) of a dictionary's text as `read_text` returns it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def published_name(path: Path) -> str | None:
    """The name of the PETRARCH file whose text `path` holds, or None for any other file."""
    return PUBLISHED.get(text_digest(read_text(path)))
