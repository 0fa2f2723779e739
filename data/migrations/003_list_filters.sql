-- SPDX-License-Identifier: GPL-3.0-or-later
-- motcua schema, version 3: indexes for the list filters (step 9, scale).
--
-- The list screen filters by channel (the TUI's channel key, `list --channel`)
-- and the CLI by field (`list --field`); each page shows the total of the
-- filter, a count(*) that without these indexes reads every dossier (1M rows:
-- a full table scan, found by tests/unit/test_query_plans.c). With
-- (filter, received_at) the count is an index range and the newest-first page
-- walks the same index.
CREATE INDEX dossiers_channel_received ON dossiers (channel, received_at);
CREATE INDEX dossiers_field_received ON dossiers (field, received_at);
