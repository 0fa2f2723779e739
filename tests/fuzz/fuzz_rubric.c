/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for the PAR rubric parser (src/core/par.c): any bytes must
 * either parse into a rubric whose criteria can be scored, or be refused with
 * a message; never crash, leak or read out of bounds.
 * Build and run: tests/fuzz/run.sh rubric (see README.md in this folder).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "motcua/par.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mc_rubric *r = NULL;
	mc_err e;
	mc_err_clear(&e);
	if (mc_rubric_parse((const char *)data, size, "fuzz.tsv", &r, &e) != MC_OK) {
		if (r || !e.msg[0])
			__builtin_trap();
		return 0;
	}
	mc_par_scorecard sc = {.n = mc_rubric_count(r)};
	mc_par_result items[64];
	if (sc.n <= 64) {
		sc.items = items;
		for (size_t i = 0; i < sc.n; i++) {
			const mc_par_criterion *c = mc_rubric_criterion(r, i);
			if (c->metric == MC_PAR_MANUAL)
				mc_par_score_manual(c, true, c->scoring == MC_PAR_SCORE_POINTS ? c->max : 95000,
				                    &items[i], &e);
			else
				mc_par_score_ratio(c, mc_rubric_empty(r), 19, 20, &items[i], &e);
			if (items[i].points < 0 || items[i].points > c->max)
				__builtin_trap();
		}
		mc_par_total(r, &sc);
		if (!sc.band[0])
			__builtin_trap(); /* the lowest band starts at 0 */
	}
	mc_rubric_free(r);
	return 0;
}
