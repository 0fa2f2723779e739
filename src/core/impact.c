/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Impact preview of a calendar change (product.md §2, administration): the
 * open dossiers whose due moment would move. Nothing is written: the caller
 * decides what to do with the rows.
 */
#include <stdlib.h>

#include "motcua/i18n.h"
#include "motcua/impact.h"

mc_status mc_impact_preview(const mc_calendar *old_cal, const mc_calendar *new_cal,
                            const mc_impact_item *items, size_t n_items, mc_impact_row **rows,
                            size_t *n_rows, size_t *n_manual, mc_err *e)
{
	*rows = NULL;
	*n_rows = 0;
	if (n_manual)
		*n_manual = 0;
	mc_impact_row *out = NULL;
	size_t n = 0, cap = 0, manual = 0;
	for (size_t i = 0; i < n_items; i++) {
		const mc_impact_item *it = &items[i];
		mc_time old_calc, new_calc;
		mc_err sub;
		if (mc_due_compute(old_cal, it->start, &it->limit, &old_calc, NULL, &sub) != MC_OK ||
		    mc_due_compute(new_cal, it->start, &it->limit, &new_calc, NULL, &sub) != MC_OK) {
			free(out);
			return mc_err_set(e, sub.code, _("Dossier %s: %s"), it->code ? it->code : "?",
			                  sub.msg);
		}
		mc_time old_due = it->due == MC_TIME_NONE ? old_calc : it->due;
		if (old_due != old_calc) {
			manual++;
			continue;
		}
		if (new_calc == old_due)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			mc_impact_row *p = realloc(out, cap * sizeof *p);
			if (!p) {
				free(out);
				return mc_err_set(e, MC_ERR_NOMEM, _("Out of memory while previewing the "
				                                     "calendar change."));
			}
			out = p;
		}
		mc_impact_row *r = &out[n++];
		r->index = i;
		r->code = it->code;
		r->old_due = old_due;
		r->new_due = new_calc;
		r->working_days = mc_calendar_working_days_between(new_cal, mc_time_date(old_due),
		                                                   mc_time_date(new_calc));
	}
	*rows = out;
	*n_rows = n;
	if (n_manual)
		*n_manual = manual;
	return MC_OK;
}
