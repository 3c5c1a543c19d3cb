-- The event store: one schema for DuckDB and PostgreSQL (only types both understand).
-- newsevents/store/schema.py parses the column lists from this file; keep one column per line.
-- Offsets are character offsets into the document's raw text (see reading-format.md);
-- `start`/`end` are spelled start_char/end_char because END is an SQL keyword.
-- Dates are kept as the reading gives them (TEXT, ISO 8601) so both stores hold identical values.

CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,            -- sha256 of the input bytes + published date + format
    source TEXT,                    -- input path or feed id of the first input with this content
    title TEXT,
    published TEXT,
    published_from TEXT,
    page_header_date TEXT,
    dateline TEXT,
    dateline_place TEXT,
    url TEXT,
    source_format TEXT,
    body_start BIGINT,
    body_end BIGINT,
    n_events BIGINT,
    n_times BIGINT,
    n_places BIGINT,
    n_quotes BIGINT,
    n_actors BIGINT,
    model TEXT
);

-- Every input and the content hash it gave (two paths with the same bytes: one document, two rows
-- here). doc_id is a documents.id, or an errors.id when that content became an error row.
CREATE TABLE IF NOT EXISTS sources (
    doc_id TEXT,
    source TEXT,
    PRIMARY KEY (doc_id, source)
);

CREATE TABLE IF NOT EXISTS events (
    doc_id TEXT,
    event_id TEXT,
    source_text TEXT,
    source_start BIGINT,
    source_end BIGINT,
    source_country TEXT,
    source_agent TEXT,
    source_code TEXT,
    source_name TEXT,
    target_text TEXT,
    target_start BIGINT,
    target_end BIGINT,
    target_country TEXT,
    target_agent TEXT,
    target_code TEXT,
    target_name TEXT,
    trigger TEXT,
    cameo TEXT,
    cameo_root TEXT,
    quad_class BIGINT,
    goldstein DOUBLE PRECISION,
    plover TEXT,
    date TEXT,
    time TEXT,
    place_name TEXT,
    place_country TEXT,
    place_lat DOUBLE PRECISION,
    place_lon DOUBLE PRECISION,
    place_kind TEXT,
    modality TEXT,
    background BOOLEAN,
    from_caption BOOLEAN,
    in_lead BOOLEAN,                -- in the title or the first body paragraph (GDELT IsRootEvent)
    reported_by TEXT,               -- JSON list of names
    quantity_text TEXT,
    quantity_value DOUBLE PRECISION,
    quantity_unit TEXT,
    confidence DOUBLE PRECISION,
    evidence TEXT,
    start_char BIGINT,
    end_char BIGINT,
    n_mentions BIGINT,              -- 1 + the other mentions of the event in the same story
    mentions TEXT,                  -- JSON list of {evidence, start, end}
    PRIMARY KEY (doc_id, event_id)
);

CREATE TABLE IF NOT EXISTS times (
    doc_id TEXT,
    idx BIGINT,
    text TEXT,
    start_char BIGINT,
    end_char BIGINT,
    type TEXT,
    value TEXT,
    mod TEXT,
    begin_value TEXT,
    end_date TEXT,
    anchor TEXT,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE IF NOT EXISTS places (
    doc_id TEXT,
    idx BIGINT,
    text TEXT,
    start_char BIGINT,
    end_char BIGINT,
    name TEXT,
    kind TEXT,
    country TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    geonameid BIGINT,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE IF NOT EXISTS quotes (
    doc_id TEXT,
    idx BIGINT,
    text TEXT,
    start_char BIGINT,
    end_char BIGINT,
    kind TEXT,
    speaker TEXT,
    speaker_start BIGINT,
    speaker_end BIGINT,
    cue TEXT,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE IF NOT EXISTS errors (
    id TEXT PRIMARY KEY,            -- content hash, or a hash of source + message when there is no content
    source TEXT,
    stage TEXT,
    message TEXT
);

-- Cross-story dedup (newsevents/store/dedup.py rebuilds both): one row per real-world event.
CREATE TABLE IF NOT EXISTS events_dedup (
    dedup_id TEXT PRIMARY KEY,
    source_code TEXT,
    target_code TEXT,
    cameo TEXT,
    first_date TEXT,
    last_date TEXT,
    window_days BIGINT,
    n_events BIGINT,
    n_documents BIGINT,
    n_mentions BIGINT,
    doc_id TEXT,                    -- the representative event (earliest date, then smallest key)
    event_id TEXT,
    documents TEXT                  -- JSON list of document ids, sorted
);

CREATE TABLE IF NOT EXISTS events_dedup_members (
    dedup_id TEXT,
    doc_id TEXT,
    event_id TEXT,
    PRIMARY KEY (doc_id, event_id)
);
