-- SPDX-License-Identifier: GPL-3.0-or-later
-- motcua schema, version 2: the manually entered PAR criteria.
--
-- Criteria of the PAR rubric that no dossier data can feed (publicity of
-- procedures, feedback handled, ...) are entered by hand per scorecard year
-- (`motcua par set`). Entries are append-only: the newest entry of a
-- (year, criterion) counts, earlier ones stay as the history of who entered
-- what and when.
--   value   thousandths: points when kind = 'points', a percentage (0..100000)
--           when kind = 'percent' (criteria scored by bands or proportionally)
--   at      business time (the clock, possibly frozen by --now)
--   recorded_at  real wall-clock time of the write
CREATE TABLE par_manual (
	id INTEGER PRIMARY KEY,
	year INTEGER NOT NULL CHECK (year BETWEEN 1901 AND 2200),
	criterion TEXT NOT NULL CHECK (length(criterion) BETWEEN 1 AND 31),
	kind TEXT NOT NULL CHECK (kind IN ('points', 'percent')),
	value INTEGER NOT NULL CHECK (value >= 0),
	note TEXT,
	actor TEXT NOT NULL,
	at INTEGER NOT NULL,
	recorded_at INTEGER NOT NULL,
	backdated INTEGER NOT NULL DEFAULT 0 CHECK (backdated IN (0, 1))
) STRICT;
CREATE INDEX par_manual_year ON par_manual (year, criterion, id);

CREATE TRIGGER par_manual_no_update BEFORE UPDATE ON par_manual
BEGIN
	SELECT RAISE(ABORT, 'PAR entries are append-only');
END;
CREATE TRIGGER par_manual_no_delete BEFORE DELETE ON par_manual
BEGIN
	SELECT RAISE(ABORT, 'PAR entries are append-only');
END;
