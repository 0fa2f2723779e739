-- SPDX-License-Identifier: GPL-3.0-or-later
-- motcua schema, version 3: indexes for the list filters (step 9, scale).
--
-- Each list page shows the total of its filter, a count(*) that must not
-- read every dossier of the database (measured on 1,000,000 dossiers by
-- tests/bench/scale.sh; plans checked by tests/unit/test_query_plans.c):
--   * channel (the list screen's channel key, `list --channel`) and field
--     (`list --field`): without an index the total was a full table scan;
--     with (filter, received_at) it is an index range, and the newest-first
--     page walks the same index;
--   * the open dossiers of one unit (`list --unit`, the department's view):
--     through (unit_id, due_at) the total read every dossier that ever
--     stayed at the unit (114 ms at 1M); (unit_id, status, due_at) reads
--     only the open ones (11 ms).
CREATE INDEX dossiers_channel_received ON dossiers (channel, received_at);
CREATE INDEX dossiers_field_received ON dossiers (field, received_at);
CREATE INDEX dossiers_unit_status_due ON dossiers (unit_id, status, due_at);
