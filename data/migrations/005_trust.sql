-- SPDX-License-Identifier: GPL-3.0-or-later
-- motcua schema, version 5: the tamper-evident history and document numbers
-- (step 8, trust).
--
-- Hash chain (src/store/chain.c): every event written from this version on
-- stores in `hash` the SHA-256, as 64 lower-case hex digits, of the previous
-- event's hash (the event with the greatest id before it) followed by a
-- canonical, length-prefixed serialisation of every column of the new event,
-- `state` included. `state` is the SHA-256 of the key columns of the dossier
-- (or counter log) row as it stands right after the event, so that a dossier
-- row edited by another tool no longer matches the state recorded by its
-- latest event. `motcua verify` walks the chain in id order and compares the
-- states. Events written before this version keep hash = NULL: verify counts
-- them as recorded before the chain; they may only precede the chain.
ALTER TABLE events ADD COLUMN state TEXT;

-- The audit listing of back-dated writes without reading every event.
CREATE INDEX events_backdated ON events (id) WHERE backdated = 1;

-- Numbers of the letters the agency issues (form 04 apology, form 05 stop),
-- assigned once, when the apology or the stop is recorded, from a yearly
-- sequence per kind (sequences: name 'doc-apology' / 'doc-stop', period the
-- year); never reserved in advance, never changed. The letter's date is `at`,
-- the business moment of the recording.
CREATE TABLE documents (
	id INTEGER PRIMARY KEY,
	dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
	kind TEXT NOT NULL CHECK (kind IN ('apology', 'stop')),
	year INTEGER NOT NULL CHECK (year BETWEEN 1901 AND 2200),
	number INTEGER NOT NULL CHECK (number >= 1),
	at INTEGER NOT NULL,
	recorded_at INTEGER NOT NULL,
	UNIQUE (kind, year, number),
	UNIQUE (dossier_id, kind)
) STRICT;

CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
BEGIN
	SELECT RAISE(ABORT, 'document numbers are never changed');
END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN
	SELECT RAISE(ABORT, 'document numbers are never changed');
END;
