-- SPDX-License-Identifier: GPL-3.0-or-later
-- motcua schema, version 1.
--
-- Applied by src/store/db.c in one transaction together with
-- `PRAGMA user_version = 1`. Conventions:
--   * every table is STRICT; foreign keys are on;
--   * times are INTEGER minutes since 1970-01-01 00:00 Vietnam local time
--     (mc_time), dates never stored alone; NULL = not (yet) happened;
--   * text is NFC UTF-8; every searched name has a *_fold twin written by the
--     application (mc_text_fold: no marks, lower case, đ -> d);
--   * enumerations are lower-case English words checked by CHECK clauses;
--   * events are append-only (triggers below); later migrations add, never
--     rename.

-- Units a dossier can be at: the desk, departments, leadership.
CREATE TABLE units (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	kind TEXT NOT NULL DEFAULT 'department'
		CHECK (kind IN ('desk', 'department', 'leadership', 'other')),
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	sort INTEGER NOT NULL DEFAULT 0
) STRICT;

INSERT INTO units (code, name, kind, sort) VALUES
	('MC', 'Bộ phận Một cửa', 'desk', 0),
	('VP', 'Văn phòng', 'department', 10),
	('PHC', 'Phòng Hành chính - Tổng hợp', 'department', 20),
	('PNV', 'Phòng Nghiệp vụ', 'department', 30),
	('PQL', 'Phòng Quản lý chuyên ngành', 'department', 40),
	('PTC', 'Phòng Kế hoạch - Tài chính', 'department', 50),
	('LD', 'Lãnh đạo Sở', 'leadership', 90);

-- The procedure catalogue. A re-import updates a row in place and bumps
-- `version`; dossiers copy what they need (limit, name, field) at intake and
-- keep the version they were received with, so nothing already received is
-- re-timed. Steps are kept per version (procedure_steps).
CREATE TABLE procedures (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,            -- national code, e.g. 1.001234
	name TEXT NOT NULL,
	name_fold TEXT NOT NULL,
	field TEXT NOT NULL,                  -- lĩnh vực
	level TEXT NOT NULL DEFAULT '',       -- province | commune | ...
	limit_unit TEXT NOT NULL
		CHECK (limit_unit IN ('days', 'hours', 'calendar-days', 'same-day')),
	limit_amount INTEGER NOT NULL CHECK (limit_amount >= 0),
	online_unit TEXT                      -- NULL: same limit online
		CHECK (online_unit IN ('days', 'hours', 'calendar-days', 'same-day')),
	online_amount INTEGER CHECK (online_amount >= 0),
	same_day_cutoff INTEGER               -- minute of day; NULL: configured default
		CHECK (same_day_cutoff BETWEEN 0 AND 1439),
	fee TEXT NOT NULL DEFAULT '',
	documents TEXT NOT NULL DEFAULT '',   -- required documents, one per line
	version INTEGER NOT NULL DEFAULT 1,
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX procedures_name_fold ON procedures (name_fold);
CREATE INDEX procedures_field ON procedures (field);

-- Internal steps of a procedure version (reception -> department -> leadership
-- -> return), each with a budget in working minutes (hours_per_day * 60 per day).
CREATE TABLE procedure_steps (
	procedure_id INTEGER NOT NULL REFERENCES procedures (id),
	version INTEGER NOT NULL,
	seq INTEGER NOT NULL,
	name TEXT NOT NULL DEFAULT '',
	unit_code TEXT NOT NULL,
	budget_minutes INTEGER NOT NULL CHECK (budget_minutes >= 0),
	PRIMARY KEY (procedure_id, version, seq)
) STRICT, WITHOUT ROWID;

-- Applicants, found again by ID number.
CREATE TABLE applicants (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'organisation')),
	name TEXT NOT NULL,
	name_fold TEXT NOT NULL,
	id_number TEXT UNIQUE,                -- CCCD (12) / CMND (9); NULL when unknown
	tax_code TEXT,
	phone TEXT,
	address TEXT,
	address_fold TEXT,
	email TEXT,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX applicants_name_fold ON applicants (name_fold);
CREATE INDEX applicants_tax_code ON applicants (tax_code) WHERE tax_code IS NOT NULL;

-- Every word of a folded applicant name, so "an" finds "Nguyễn Văn An" with an
-- index range instead of a scan.
CREATE TABLE applicant_words (
	word TEXT NOT NULL,
	applicant_id INTEGER NOT NULL REFERENCES applicants (id),
	PRIMARY KEY (word, applicant_id)
) STRICT, WITHOUT ROWID;

-- Dossiers. Procedure fields are copies taken at intake.
CREATE TABLE dossiers (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	register_year INTEGER NOT NULL,
	register_no INTEGER NOT NULL CHECK (register_no >= 1),
	procedure_id INTEGER NOT NULL REFERENCES procedures (id),
	procedure_version INTEGER NOT NULL,
	procedure_code TEXT NOT NULL,
	procedure_name TEXT NOT NULL,
	field TEXT NOT NULL,
	limit_unit TEXT NOT NULL
		CHECK (limit_unit IN ('days', 'hours', 'calendar-days', 'same-day')),
	limit_amount INTEGER NOT NULL,
	limit_cutoff INTEGER,                 -- same-day cut-off applied, NULL = default
	applicant_id INTEGER NOT NULL REFERENCES applicants (id),
	channel TEXT NOT NULL CHECK (channel IN ('direct', 'postal', 'online')),
	sets INTEGER NOT NULL DEFAULT 1 CHECK (sets >= 1),
	received_at INTEGER NOT NULL,
	due_at INTEGER NOT NULL,              -- current due (after restart / apology)
	original_due_at INTEGER NOT NULL,     -- due before any apology: judged against it
	due_trail TEXT NOT NULL DEFAULT '[]', -- JSON array of sentences
	status TEXT NOT NULL DEFAULT 'received'
		CHECK (status IN ('received', 'processing', 'supplement', 'ready',
		                  'returned', 'stopped', 'withdrawn')),
	unit_id INTEGER NOT NULL REFERENCES units (id),
	stage_started_at INTEGER NOT NULL,    -- when the current unit's step started
	step_seq INTEGER NOT NULL DEFAULT 0,  -- procedure step reached (0 = desk)
	result TEXT CHECK (result IN ('approved', 'refused')),
	outcome TEXT CHECK (outcome IN ('early', 'on_time', 'late')),
	finished_at INTEGER,                  -- result ready
	returned_at INTEGER,                  -- handed to the applicant
	closed_at INTEGER,                    -- stopped or withdrawn
	rating INTEGER CHECK (rating BETWEEN 1 AND 3),
	digitised INTEGER NOT NULL DEFAULT 0 CHECK (digitised IN (0, 1)),
	paid_online INTEGER NOT NULL DEFAULT 0 CHECK (paid_online IN (0, 1)),
	e_result INTEGER NOT NULL DEFAULT 0 CHECK (e_result IN (0, 1)),
	supplement_requested_at INTEGER,      -- open request, NULL when none
	supplement_count INTEGER NOT NULL DEFAULT 0,
	supplement_late INTEGER NOT NULL DEFAULT 0 CHECK (supplement_late IN (0, 1)),
	created_at INTEGER NOT NULL,          -- real recording time
	UNIQUE (register_year, register_no)
) STRICT;
CREATE INDEX dossiers_status_due ON dossiers (status, due_at);
CREATE INDEX dossiers_unit_due ON dossiers (unit_id, due_at);
CREATE INDEX dossiers_received ON dossiers (received_at);
CREATE INDEX dossiers_finished ON dossiers (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX dossiers_applicant ON dossiers (applicant_id);

-- At most one apology per dossier (UNIQUE), even by bug.
CREATE TABLE apologies (
	id INTEGER PRIMARY KEY,
	dossier_id INTEGER NOT NULL UNIQUE REFERENCES dossiers (id),
	reason TEXT NOT NULL,
	old_due INTEGER NOT NULL,
	new_due INTEGER NOT NULL CHECK (new_due > old_due),
	signer TEXT,
	notified_by TEXT CHECK (notified_by IN ('phone', 'sms', 'email', 'letter')),
	at INTEGER NOT NULL,
	actor TEXT NOT NULL,
	recorded_at INTEGER NOT NULL
) STRICT;

-- Counter outcomes that create no dossier: guidance (form 02), refusal (form 03).
CREATE TABLE counter_logs (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('guide', 'refuse')),
	at INTEGER NOT NULL,
	procedure_id INTEGER REFERENCES procedures (id),
	applicant_id INTEGER REFERENCES applicants (id),
	applicant_name TEXT NOT NULL,
	reason TEXT NOT NULL,                 -- missing items (02) or reasons (03)
	actor TEXT NOT NULL
) STRICT;
CREATE INDEX counter_logs_at ON counter_logs (at);

-- The event history (control slip and audit trail). Append-only.
--   at          business time (the clock, possibly frozen by --now)
--   recorded_at real wall-clock time of the write
--   backdated   1 when written under a frozen clock
--   hash        reserved for the tamper-evident chain (step 8), NULL until then
CREATE TABLE events (
	id INTEGER PRIMARY KEY,
	dossier_id INTEGER REFERENCES dossiers (id),
	counter_log_id INTEGER REFERENCES counter_logs (id),
	kind TEXT NOT NULL CHECK (kind IN ('intake', 'transfer', 'supplement', 'resume',
		'finish', 'handover', 'stop', 'withdraw', 'apology', 'guide', 'refuse', 'note')),
	at INTEGER NOT NULL,
	recorded_at INTEGER NOT NULL,
	backdated INTEGER NOT NULL DEFAULT 0 CHECK (backdated IN (0, 1)),
	actor TEXT NOT NULL,
	from_unit TEXT,
	to_unit TEXT,
	note TEXT,
	effective_at INTEGER,                 -- hand-over moment (15:00 rule)
	step_budget INTEGER,                  -- working minutes of the step judged
	step_outcome TEXT CHECK (step_outcome IN ('early', 'on_time', 'late')),
	hash TEXT,
	CHECK (dossier_id IS NOT NULL OR counter_log_id IS NOT NULL)
) STRICT;
CREATE INDEX events_dossier ON events (dossier_id, id);
CREATE INDEX events_at ON events (at);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
	SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
	SELECT RAISE(ABORT, 'events are append-only');
END;

-- Counters allocated inside the write transaction that uses them, so codes
-- and register numbers are unique and gapless with several writers.
--   name 'code'     period: the part of the code pattern's date (day, month...)
--   name 'register' period: the year
CREATE TABLE sequences (
	name TEXT NOT NULL,
	period TEXT NOT NULL,
	value INTEGER NOT NULL,
	PRIMARY KEY (name, period)
) STRICT, WITHOUT ROWID;
