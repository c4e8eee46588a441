"""The store's tables, the same on DuckDB and PostgreSQL.

    documents   one row per document, keyed by its id (given, or a hash of its text)
    sentences   one row per sentence of a document, with its span in the document text and
                the coder's explanations: the actors it found and, per predicate, why it was
                or was not coded (JSON lists of strings)
    mentions    one row per coded event record: (doc_id, ordinal) in coding order
    events      mentions merged into real-world events (see `dyad.store.merge`), each with
                the fields of its best mention and GDELT's NumMentions/NumSources/NumArticles,
                and `listing`: the event as a listing gives it (`dyad.store.query.
                LISTING_COLUMNS`), as JSON, so that a page of events reads one column
    event_words the words of the sentences of each event's mentions, one row per (word,
                event), with the event's first date, source, target, CAMEO root, QuadClass
                and Goldstein score: what a text search looks words up in (by words, dyad,
                actor and first date alone without reading the events) and what its facet
                counts and chart add up (version 7)
    event_days  per (source, target, day): how many events started that day, per QuadClass,
                and their summed Goldstein score: what dyad timelines add up
    country_days the same per country: the first three letters of the source and target
                codes (`RUS` for `RUSGOV`); what timelines of two three-letter codes add up
    knowledge   one row per agreement, institution or claim a document states, as the
                document states it (`dyad.store.knowledge`)
    knowledge_groups, knowledge_members, knowledge_tokens, knowledge_keys
                the knowledge merged across documents: one row per merged record, the
                cluster of records it was merged in, each stored record's cluster, each
                cluster's merge tokens and each merged record's look-up keys (the words,
                codes, countries, states, kind and documents of its summary)
                (`dyad.store.knowledge_groups`), updated with the `knowledge` rows in the
                same transaction
    ingest_failures  one row per document that the last ingest to try it could not code or
                store (its coder raised, or its coding process died), with the reason and how
                many runs have failed on it; the row goes when the document is stored
    meta        key/value pairs: the schema version

Where an event happened (`dyad.geo`) is a mention's `location` (its `Location` as JSON, NULL
when the text says nowhere) and an event's most precise mention location, with its country,
latitude and longitude in columns of their own for `--country` and `--near` (version 6).

`event_words`, `event_days` and `country_days` follow the events table:
`dyad.store.events.update_events` rewrites their rows for every event it rewrites, in the same
transaction.

On DuckDB the long or unique text columns of the events table (id, document id, sentence,
actor texts, spans, listing) are stored uncompressed: a page of events scattered over the table then
reads only its own rows of them, where a compressed column would decompress every vector of
2,048 values that holds one (about ten times the time for a page of 100).

Tables can join a schema version without a new version number when no reader needs them and
an ingest creates them: `create_schema` makes every missing table (`CREATE TABLE IF NOT
EXISTS`) at the start of each ingest, so a version-5 store made before `ingest_failures` existed
gets it at its next ingest, and `failed_documents` reads a store without it as having none. A
change to an existing table, or a table that readers need, takes a new version (older stores
are then refused with a hint to ingest again).

A mention belongs to the event of its (source, target, code) whose date range holds its date
(undated mentions of a key form one undated event); the `event_mentions` view spells that out.
"""

from __future__ import annotations

from dyad.errors import StoreError
from dyad.store.backend import Backend

SCHEMA_VERSION = "7"
#: The `meta` key whose value says the store keeps its merged knowledge up to date, and how.
KNOWLEDGE_GROUPS_MARK = "knowledge_groups"
#: The value of that key for this dyad: change it whenever what is kept for a merged record
#: changes (the merge, the status or standing derived for its summary, its look-up keys), so
#: that a store kept by another derivation is merged again at its next ingest (and merged on
#: load until then). "1": groups and summaries; "2": look-up keys (`knowledge_keys`).
KNOWLEDGE_GROUPS_VERSION = "2"

DOCUMENT_COLUMNS: tuple[str, ...] = (
    "doc_id", "content_hash", "date", "url", "source", "title", "origin", "outlet", "text",
    "n_sentences", "n_events", "ingested_at",
)
SENTENCE_COLUMNS: tuple[str, ...] = (
    "doc_id", "sentence_id", "text", "span_start", "span_end", "discarded", "actors", "reasons",
)
MENTION_COLUMNS: tuple[str, ...] = (
    "doc_id", "ordinal", "sentence_id", "source", "source_text", "target", "target_text",
    "code", "root", "plover", "goldstein", "quad_class", "mode", "date", "date_text",
    "attribution", "trigger", "spans", "outlet", "location",
)
EVENT_WORD_COLUMNS: tuple[str, ...] = (
    "word", "event_id", "date", "source", "target", "root", "quad_class", "goldstein",
)
EVENT_DAY_COLUMNS: tuple[str, ...] = (
    "source", "target", "day", "events", "quad1", "quad2", "quad3", "quad4", "goldstein",
)
FAILURE_COLUMNS: tuple[str, ...] = (
    "doc_id", "content_hash", "origin", "reason", "attempts", "failed_at",
)
KNOWLEDGE_COLUMNS: tuple[str, ...] = (
    "doc_id", "item_id", "type", "kind", "name", "codes", "data",
)
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id", "source", "target", "code", "root", "plover", "goldstein", "quad_class",
    "date", "last_date", "num_mentions", "num_sources", "num_articles", "doc_ids", "outlets",
    "doc_id", "ordinal", "sentence_id", "sentence", "source_text", "target_text", "mode",
    "date_text", "attribution", "trigger", "spans", "location", "location_country",
    "location_lat", "location_lon", "listing",
)

#: A table of sums per (source, target, day), EVENT_DAY_COLUMNS: `event_days` and
#: `country_days` have this shape.
_DAY_SUMS_TABLE = """CREATE TABLE IF NOT EXISTS {table} (
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        day DATE NOT NULL,
        events INTEGER NOT NULL,
        quad1 INTEGER NOT NULL,
        quad2 INTEGER NOT NULL,
        quad3 INTEGER NOT NULL,
        quad4 INTEGER NOT NULL,
        goldstein DOUBLE PRECISION NOT NULL
    )"""

TABLES: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS documents (
        doc_id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        date DATE,
        url TEXT NOT NULL,
        source TEXT NOT NULL,
        title TEXT NOT NULL,
        origin TEXT NOT NULL,
        outlet TEXT NOT NULL,
        text TEXT NOT NULL,
        n_sentences INTEGER NOT NULL,
        n_events INTEGER NOT NULL,
        ingested_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS sentences (
        doc_id TEXT NOT NULL,
        sentence_id INTEGER NOT NULL,
        text TEXT NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        discarded TEXT NOT NULL,
        actors TEXT NOT NULL,
        reasons TEXT NOT NULL,
        PRIMARY KEY (doc_id, sentence_id)
    )""",
    """CREATE TABLE IF NOT EXISTS mentions (
        doc_id TEXT NOT NULL,
        ordinal INTEGER NOT NULL,
        sentence_id INTEGER NOT NULL,
        source TEXT NOT NULL,
        source_text TEXT NOT NULL,
        target TEXT NOT NULL,
        target_text TEXT NOT NULL,
        code TEXT NOT NULL,
        root TEXT NOT NULL,
        plover TEXT NOT NULL,
        goldstein DOUBLE PRECISION NOT NULL,
        quad_class INTEGER NOT NULL,
        mode TEXT NOT NULL,
        date DATE,
        date_text TEXT NOT NULL,
        attribution TEXT NOT NULL,
        trigger TEXT NOT NULL,
        spans TEXT NOT NULL,
        outlet TEXT NOT NULL,
        location TEXT,
        PRIMARY KEY (doc_id, ordinal)
    )""",
    """CREATE TABLE IF NOT EXISTS events (
        event_id TEXT{point_read} PRIMARY KEY,
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        code TEXT NOT NULL,
        root TEXT NOT NULL,
        plover TEXT NOT NULL,
        goldstein DOUBLE PRECISION NOT NULL,
        quad_class INTEGER NOT NULL,
        date DATE,
        last_date DATE,
        num_mentions INTEGER NOT NULL,
        num_sources INTEGER NOT NULL,
        num_articles INTEGER NOT NULL,
        doc_ids TEXT NOT NULL,
        outlets TEXT NOT NULL,
        doc_id TEXT{point_read} NOT NULL,
        ordinal INTEGER NOT NULL,
        sentence_id INTEGER NOT NULL,
        sentence TEXT{point_read} NOT NULL,
        source_text TEXT{point_read} NOT NULL,
        target_text TEXT{point_read} NOT NULL,
        mode TEXT NOT NULL,
        date_text TEXT NOT NULL,
        attribution TEXT NOT NULL,
        trigger TEXT NOT NULL,
        spans TEXT{point_read} NOT NULL,
        location TEXT{point_read},
        location_country TEXT,
        location_lat DOUBLE PRECISION,
        location_lon DOUBLE PRECISION,
        listing TEXT{point_read} NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS event_words (
        word TEXT NOT NULL,
        event_id TEXT NOT NULL,
        date DATE,
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        root TEXT NOT NULL,
        quad_class INTEGER NOT NULL,
        goldstein DOUBLE PRECISION NOT NULL
    )""",
    _DAY_SUMS_TABLE.format(table="event_days"),
    _DAY_SUMS_TABLE.format(table="country_days"),
    """CREATE TABLE IF NOT EXISTS knowledge (
        doc_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        type TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        codes TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (doc_id, item_id)
    )""",
    """CREATE TABLE IF NOT EXISTS knowledge_groups (
        type TEXT NOT NULL,
        item_id TEXT NOT NULL,
        cluster TEXT NOT NULL,
        first_doc TEXT NOT NULL,
        first_sentence INTEGER NOT NULL,
        signed TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        codes TEXT NOT NULL,
        summary TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (type, item_id)
    )""",
    """CREATE TABLE IF NOT EXISTS knowledge_members (
        doc_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        type TEXT NOT NULL,
        cluster TEXT NOT NULL,
        group_id TEXT NOT NULL,
        PRIMARY KEY (doc_id, item_id)
    )""",
    """CREATE TABLE IF NOT EXISTS knowledge_tokens (
        type TEXT NOT NULL,
        token TEXT NOT NULL,
        cluster TEXT NOT NULL,
        PRIMARY KEY (type, token)
    )""",
    """CREATE TABLE IF NOT EXISTS knowledge_keys (
        type TEXT NOT NULL,
        cluster TEXT NOT NULL,
        item_id TEXT NOT NULL,
        key TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS ingest_failures (
        doc_id TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        origin TEXT NOT NULL,
        reason TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        failed_at TIMESTAMP NOT NULL
    )""",
    """CREATE OR REPLACE VIEW event_mentions AS
    SELECT e.event_id, m.doc_id, m.ordinal, m.sentence_id, s.text AS sentence,
           m.source, m.source_text, m.target, m.target_text, m.code, m.root, m.plover,
           m.goldstein, m.quad_class, m.mode, m.date, m.date_text, m.attribution, m.trigger,
           m.spans, m.outlet, m.location, s.span_start AS sentence_start
    FROM mentions m
    JOIN events e
      ON m.source = e.source AND m.target = e.target AND m.code = e.code
     AND ((m.date >= e.date AND m.date <= e.last_date) OR (m.date IS NULL AND e.date IS NULL))
    JOIN sentences s ON s.doc_id = m.doc_id AND s.sentence_id = m.sentence_id""",
)

#: Where TABLES says `{point_read}`: how DuckDB stores the column (PostgreSQL: as it likes).
POINT_READ = " USING COMPRESSION uncompressed"


def table_statements(dialect: str) -> tuple[str, ...]:
    """TABLES for a back end's SQL `dialect` ("duckdb" or "postgresql")."""
    storage = POINT_READ if dialect == "duckdb" else ""
    return tuple(statement.replace("{point_read}", storage) for statement in TABLES)


#: Secondary indexes, for PostgreSQL only: DuckDB scans columns faster than it keeps ART indexes.
POSTGRES_INDEXES: tuple[str, ...] = (
    "CREATE INDEX IF NOT EXISTS mentions_key ON mentions (source, target, code, date)",
    "CREATE INDEX IF NOT EXISTS events_key ON events (source, target, code, date)",
    "CREATE INDEX IF NOT EXISTS events_date ON events (date)",
    "CREATE INDEX IF NOT EXISTS events_pair ON events (source text_pattern_ops, "
    "target text_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS event_words_word ON event_words (word text_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS event_words_event ON event_words (event_id)",
    "CREATE INDEX IF NOT EXISTS event_days_pair ON event_days (source text_pattern_ops, "
    "target text_pattern_ops, day)",
    "CREATE INDEX IF NOT EXISTS country_days_pair ON country_days (source, target, day)",
    "CREATE INDEX IF NOT EXISTS knowledge_type ON knowledge (type)",
    "CREATE INDEX IF NOT EXISTS knowledge_groups_cluster ON knowledge_groups (type, cluster)",
    "CREATE INDEX IF NOT EXISTS knowledge_members_cluster ON knowledge_members (type, cluster)",
    "CREATE INDEX IF NOT EXISTS knowledge_members_item ON knowledge_members (item_id)",
    "CREATE INDEX IF NOT EXISTS knowledge_keys_key ON knowledge_keys (type, key)",
    "CREATE INDEX IF NOT EXISTS knowledge_keys_cluster ON knowledge_keys (type, cluster)",
)

#: The per-connection scratch table that lists (key, date window) pairs to look events up by.
PROBE_TABLE = "dyad_probe"
PROBE = f"""CREATE TEMP TABLE IF NOT EXISTS {PROBE_TABLE} (
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    code TEXT NOT NULL,
    lo DATE,
    hi DATE
)"""
#: The per-connection scratch table that lists the (source, target, day) whose `event_days`
#: row an update recomputes.
DAY_PROBE_TABLE = "dyad_day_probe"
DAY_PROBE = f"""CREATE TEMP TABLE IF NOT EXISTS {DAY_PROBE_TABLE} (
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    day DATE NOT NULL
)"""


def create_schema(backend: Backend) -> None:
    """Create the tables (and, on PostgreSQL, the indexes) a store needs, if they are missing."""
    with backend.transaction():
        backend.write_lock()
        for statement in table_statements(backend.dialect):
            backend.execute(statement)
        if backend.dialect == "postgresql":
            for statement in POSTGRES_INDEXES:
                backend.execute(statement)
        found = backend.rows("SELECT value FROM meta WHERE key = ?", ["schema_version"])
        if not found:
            backend.execute("INSERT INTO meta (key, value) VALUES (?, ?)",
                            ["schema_version", SCHEMA_VERSION])
            backend.execute("INSERT INTO meta (key, value) VALUES (?, ?)",
                            [KNOWLEDGE_GROUPS_MARK, KNOWLEDGE_GROUPS_VERSION])
        elif found[0][0] != SCHEMA_VERSION:
            raise _version_error(backend, str(found[0][0]))
    backend.execute(PROBE)
    backend.execute(DAY_PROBE)


def check_schema(backend: Backend) -> None:
    """Raise StoreError unless the store holds dyad's tables at this schema version."""
    try:
        found = backend.rows("SELECT value FROM meta WHERE key = ?", ["schema_version"])
    except StoreError:
        raise StoreError(f"{backend.location}: not a dyad event store",
                         hint="create one with: dyad ingest FILES --db PATH") from None
    if not found:
        raise StoreError(f"{backend.location}: not a dyad event store (no schema version)")
    if found[0][0] != SCHEMA_VERSION:
        raise _version_error(backend, str(found[0][0]))


def _version_error(backend: Backend, version: str) -> StoreError:
    return StoreError(f"{backend.location}: store schema version {version}, but this dyad "
                      f"reads version {SCHEMA_VERSION}",
                      hint="ingest into a new database with this version of dyad")
