"""dyad: turn English news text into political event data (CAMEO, PLOVER, Goldstein)."""

from dyad.errors import DyadError
from dyad.record import EVENT_FIELDS, Document, EventRecord
from dyad.store.handle import open_store as open

__version__ = "0.1.0"

__all__ = ["EVENT_FIELDS", "Document", "DyadError", "EventRecord", "__version__", "open"]
