"""The one exception tree of dyad.

Library code raises these; only the CLI and HTTP edges translate them into messages.

    DyadError                      base of every error dyad raises on purpose
    ├── InputError                 a document or input file cannot be read or is unusable
    │   └── InputFormatError       a structured input (JSONL, XML) is malformed at a line
    ├── DictionaryError            a dictionary file cannot be used
    │   └── DictionaryLineError    one line of a dictionary is malformed
    ├── ValidationFileError        a PETRARCH validation file is unusable
    ├── ModelError                 the spaCy model is missing or broken
    ├── CodingFailed               a document could not be coded (the coder failed on it,
    │                              or the process coding it died)
    ├── CodingBusy                 too many texts wait to be coded (HTTP 503)
    └── StoreError                 the event store cannot be opened or written
        └── QueryError             a store query asks for something it cannot give
            ├── EventNotFoundError no stored event has the id asked for
            ├── KnowledgeNotFoundError  no stored agreement, institution or claim has that id
            └── DocumentNotFoundError   no stored document has the id asked for
"""

from __future__ import annotations


class DyadError(Exception):
    """Base of every error dyad raises on purpose; `hint` tells the user how to fix it."""

    status_code = 400

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class InputError(DyadError):
    """A document or input file cannot be read, or its content is unusable."""

    def __init__(self, path: str, message: str, *, line: int | None = None, hint: str = "") -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}", hint=hint)
        self.path = path
        self.line = line
        self.reason = message


class InputFormatError(InputError):
    """A structured input file (JSONL, XML) is malformed at a given line."""


class DictionaryError(DyadError):
    """A dictionary file cannot be used at all (missing, unreadable, empty)."""

    def __init__(self, path: str, message: str, *, hint: str = "") -> None:
        super().__init__(f"{path}: {message}", hint=hint)
        self.path = path
        self.reason = message


class DictionaryLineError(DictionaryError):
    """One line of a dictionary file is malformed."""

    def __init__(self, path: str, line: int, message: str, *, text: str = "") -> None:
        DyadError.__init__(self, f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.reason = message
        self.text = text


class ValidationFileError(DyadError):
    """A PETRARCH validation (unit-test) file is unusable."""


class ModelError(DyadError):
    """The spaCy model is missing or cannot be loaded."""

    status_code = 500


class CodingFailed(DyadError):
    """A document could not be coded: the coder failed on it, or its coding process died."""

    status_code = 500


class CodingBusy(DyadError):
    """Too many texts are being coded or waiting; the client should try again later."""

    status_code = 503


class StoreError(DyadError):
    """The event store cannot be opened, read or written."""

    status_code = 500


class QueryError(StoreError):
    """A store query is malformed (a bad filter) or asks for what the store does not hold."""

    status_code = 400


class EventNotFoundError(QueryError):
    """No stored event has the given id."""

    status_code = 404

    def __init__(self, event_id: str) -> None:
        super().__init__(f"no event with id {event_id!r}",
                         hint="list event ids with: dyad events")
        self.event_id = event_id


class KnowledgeNotFoundError(QueryError):
    """No stored agreement, institution or claim has the given id."""

    status_code = 404

    def __init__(self, item_id: str) -> None:
        super().__init__(f"no agreement, institution or claim with id {item_id!r}",
                         hint="list ids with: dyad agreements, dyad institutions, dyad claims")
        self.item_id = item_id


class DocumentNotFoundError(QueryError):
    """No stored document has the given id."""

    status_code = 404

    def __init__(self, doc_id: str) -> None:
        super().__init__(f"no document with id {doc_id!r}",
                         hint="event listings name their documents in doc_id")
        self.doc_id = doc_id
