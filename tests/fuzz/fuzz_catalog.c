/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for the procedure catalogue CSV parser (src/core/catalog.c,
 * the CSV import): any bytes are either parsed into records whose fields keep
 * their documented invariants, or refused with one sentence; never a crash,
 * an out-of-bounds access, undefined behaviour or a leak. The step list and
 * document list of each record are also round-tripped through their own
 * parsers (mc_steps_parse, mc_documents_split).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/catalog.h"
#include "fuzz_util.h"

static void roundtrip(const mc_procedure *p)
{
	mc_err e;
	char buf[4096];
	mc_steps_format(p->steps, p->n_steps, buf, sizeof buf);
	mc_step *steps = NULL;
	size_t n = 0;
	mc_err_clear(&e);
	if (strlen(buf) + 1 < sizeof buf) {
		mc_status st = mc_steps_parse(buf, &steps, &n, &e);
		/* What the parser accepted, formatted, must parse back the same. */
		if (st != MC_OK || n != p->n_steps)
			__builtin_trap();
		for (size_t i = 0; i < n; i++)
			if (strcmp(steps[i].unit, p->steps[i].unit) != 0)
				__builtin_trap();
		free(steps);
	}
	char *joined = mc_documents_join(p->documents, p->n_documents);
	if (!joined)
		return;
	char **docs = NULL;
	n = 0;
	mc_err_clear(&e);
	if (mc_documents_split(joined, &docs, &n, &e) == MC_OK) {
		if (n != p->n_documents)
			__builtin_trap();
		mc_documents_free(docs, n);
	}
	free(joined);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 64 * 1024)
		return 0;
	char *text = fuzz_cstr(data, size);
	mc_procedure *procs = NULL;
	size_t n = 0;
	mc_err e;
	mc_err_clear(&e);
	mc_status st = mc_catalog_parse(text, "fuzz.csv", &procs, &n, &e);
	fuzz_check_refusal(st, &e);
	if (st != MC_OK) {
		if (procs || n)
			__builtin_trap(); /* all or nothing */
	} else {
		for (size_t i = 0; i < n; i++) {
			const mc_procedure *p = &procs[i];
			if (!p->name || !p->name[0] || !p->field || !p->field[0] || !p->fee ||
			    !memchr(p->code, '\0', sizeof p->code))
				__builtin_trap();
			roundtrip(p);
		}
		mc_catalog_free(procs, n);
	}

	/* The step-list parser on its own, fed the same text. */
	mc_step *steps = NULL;
	size_t ns = 0;
	mc_err_clear(&e);
	st = mc_steps_parse(text, &steps, &ns, &e);
	fuzz_check_refusal(st, &e);
	if (st == MC_OK)
		free(steps);
	free(text);
	return 0;
}
