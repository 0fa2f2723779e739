-- SPDX-License-Identifier: GPL-3.0-or-later
-- motcua schema, version 4: users and roles, the log of access to personal
-- data, and the purge of personal data past the retention period (step 8).
--
-- Identity is the operating-system account by default (several clerks over
-- SSH on one machine); on a shared counter PC a password login (argon2id,
-- encoded with its salt and parameters) names the user instead. While the
-- users table is empty the database is open to every account (a database
-- made before users existed); `motcua init` makes its runner the first
-- administrator. Users are never deleted, only disabled, so history keeps
-- naming them.
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,            -- OS account / login name
	role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
	full_name TEXT,
	password_hash TEXT,                   -- argon2id encoded; NULL: no password login
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
) STRICT;

-- Who changed which user, append-only.
CREATE TABLE user_changes (
	id INTEGER PRIMARY KEY,
	user_name TEXT NOT NULL,
	change TEXT NOT NULL CHECK (change IN ('add', 'role', 'disable', 'enable', 'password')),
	role TEXT,
	actor TEXT NOT NULL,
	at INTEGER NOT NULL,
	recorded_at INTEGER NOT NULL,
	backdated INTEGER NOT NULL DEFAULT 0 CHECK (backdated IN (0, 1))
) STRICT;

-- Who opened a dossier's personal data (show, the detail screen, a letter).
CREATE TABLE access_log (
	id INTEGER PRIMARY KEY,
	dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
	actor TEXT NOT NULL,
	purpose TEXT NOT NULL CHECK (purpose IN ('show', 'detail', 'letter', 'export')),
	at INTEGER NOT NULL,                  -- business time (the clock)
	recorded_at INTEGER NOT NULL,         -- real time of the access
	backdated INTEGER NOT NULL DEFAULT 0 CHECK (backdated IN (0, 1))
) STRICT;
CREATE INDEX access_log_dossier ON access_log (dossier_id, id);
CREATE INDEX access_log_at ON access_log (at);

-- Each run of `motcua purge` (not --dry-run).
CREATE TABLE purges (
	id INTEGER PRIMARY KEY,
	actor TEXT NOT NULL,
	at INTEGER NOT NULL,
	recorded_at INTEGER NOT NULL,
	backdated INTEGER NOT NULL DEFAULT 0 CHECK (backdated IN (0, 1)),
	retention_years INTEGER NOT NULL,
	cutoff INTEGER NOT NULL,              -- dossiers ended before it were purged
	applicants INTEGER NOT NULL,
	dossiers INTEGER NOT NULL,
	counter_logs INTEGER NOT NULL
) STRICT;

-- When an applicant's personal fields were cleared; NULL = never.
ALTER TABLE applicants ADD COLUMN purged_at INTEGER;

CREATE TRIGGER user_changes_no_update BEFORE UPDATE ON user_changes
BEGIN
	SELECT RAISE(ABORT, 'user changes are append-only');
END;
CREATE TRIGGER user_changes_no_delete BEFORE DELETE ON user_changes
BEGIN
	SELECT RAISE(ABORT, 'user changes are append-only');
END;
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
	SELECT RAISE(ABORT, 'the access log is append-only');
END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN
	SELECT RAISE(ABORT, 'the access log is append-only');
END;
CREATE TRIGGER purges_no_update BEFORE UPDATE ON purges
BEGIN
	SELECT RAISE(ABORT, 'purges are append-only');
END;
CREATE TRIGGER purges_no_delete BEFORE DELETE ON purges
BEGIN
	SELECT RAISE(ABORT, 'purges are append-only');
END;
CREATE TRIGGER users_no_delete BEFORE DELETE ON users
BEGIN
	SELECT RAISE(ABORT, 'users are disabled, never deleted');
END;
