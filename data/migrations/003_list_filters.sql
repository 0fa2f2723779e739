-- SPDX-License-Identifier: GPL-3.0-or-later
-- motcua schema, version 3: indexes found missing on 1,000,000 dossiers
-- (step 9, scale; measured by tests/bench/scale.sh, plans checked by
-- tests/unit/test_query_plans.c).
--
--   * channel (the list screen's channel key, `list --channel`) and field
--     (`list --field`): the total of the filter (count(*)) was a full table
--     scan; with (filter, received_at) it is an index range, and the
--     newest-first page walks the same index.
--   * the open dossiers of one unit (`list --unit`, a department's view):
--     through (unit_id, due_at) the page and its total read every dossier
--     that ever stayed at the unit (56 ms at 1M). A partial index holding
--     only the open dossiers, in due order, answers both from the open ones
--     (0.3 ms). Its WHERE is the open-status test of src/store/query.c,
--     written the same way (SQLite uses a partial index only when the query
--     repeats its condition).
--   * applicant_words by applicant: an intake (or an applicant update)
--     rewrites the applicant's words with DELETE ... WHERE applicant_id = ?,
--     a full scan of the word table without statistics (98 ms a durable
--     intake at 1M instead of a few ms).
CREATE INDEX dossiers_channel_received ON dossiers (channel, received_at);
CREATE INDEX dossiers_field_received ON dossiers (field, received_at);
CREATE INDEX dossiers_open_unit_due ON dossiers (unit_id, due_at)
	WHERE status IN ('received', 'processing', 'supplement');
CREATE INDEX applicant_words_applicant ON applicant_words (applicant_id);
