"""Listed events with names beside their codes: `code_name` (the CAMEO description),
`source_name` and `target_name` (country or kind of actor, and roles; `dyad.names`).

The names are added when an event is shown, never stored: a better name table changes every
answer at once. `named_json` adds them to the stored JSON text of a listing record without
parsing it (the record is compact JSON with these keys, whose codes hold no quotes).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from dyad.names import actor_name, code_name
from dyad.store.query import LISTING_COLUMNS

#: The names added to a listed event, in order.
NAME_COLUMNS: tuple[str, ...] = ("code_name", "source_name", "target_name")
#: The columns of a listed event with its names (CSV, JSON Lines, the API).
NAMED_COLUMNS: tuple[str, ...] = (*LISTING_COLUMNS, *NAME_COLUMNS)

# In JSON text a quote that is not escaped ends or starts a string, so `,"source":"` can only
# be the key itself, never part of a sentence.
_CODES = re.compile(r',"(source|target|code)":"([^"\\]*)"')


def names_of(values: Mapping[str, Any]) -> dict[str, str]:
    """The names of an event's code, source and target."""
    return {"code_name": code_name(str(values.get("code") or "")),
            "source_name": actor_name(str(values.get("source") or "")),
            "target_name": actor_name(str(values.get("target") or ""))}


def with_names(record: Mapping[str, Any]) -> dict[str, Any]:
    """A listed event (a dict) with its names added."""
    return {**record, **names_of(record)}


def named_json(listing: str) -> str:
    """The JSON text of a listing record with its names added (same text, three more keys)."""
    found = dict(_CODES.findall(listing))
    if len(found) != 3 or not listing.endswith("}"):
        return json.dumps(with_names(json.loads(listing)), ensure_ascii=False,
                          separators=(",", ":"))
    names = names_of(found)
    extra = ",".join(f'"{key}":{json.dumps(names[key], ensure_ascii=False)}'
                     for key in NAME_COLUMNS)
    return f"{listing[:-1]},{extra}}}"
