/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Glue between dossiers and printed forms (forms.h): every field of the
 * templates (assets/templates/README.md) comes from the dossier, its events,
 * the unit list and the configuration. The words printed around the values
 * live in the templates; the few words built here (time limit units, step
 * results) are the fixed Vietnamese of the official forms, which are printed
 * in Vietnamese whatever the interface language.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mc_build_config.h"
#include "motcua/audit.h"
#include "motcua/catalog.h"
#include "motcua/docdate.h"
#include "motcua/forms.h"
#include "motcua/i18n.h"
#include "motcua/print.h"
#include "motcua/query.h"
#include "motcua/text.h"
#include "motcua/users.h"

static const struct {
	const char *name, *label;
} kinds[MC_FORM_KIND_COUNT] = {
	{"receipt", N_("Receipt and appointment slip (form 01)")},
	{"supplement", N_("Request to complete the dossier (form 02)")},
	{"refusal", N_("Refusal to receive the dossier (form 03)")},
	{"apology", N_("Apology and extension letter (form 04)")},
	{"stop", N_("Notice of stopped processing (form 05)")},
	{"control", N_("Control slip (form 06)")},
	{"register", N_("Dossier register (form 07)")},
};

/* A dotted line left to be filled in by hand. */
static const char dots[] = "……………………………………";

const char *mc_form_kind_name(mc_form_kind k)
{
	return (unsigned)k < MC_FORM_KIND_COUNT ? kinds[k].name : "?";
}

const char *mc_form_kind_label(mc_form_kind k)
{
	return (unsigned)k < MC_FORM_KIND_COUNT ? _(kinds[k].label) : "?";
}

mc_status mc_form_kind_parse(const char *s, mc_form_kind *out, mc_err *e)
{
	for (int i = 0; i < MC_FORM_KIND_COUNT; i++)
		if (s && strcmp(s, kinds[i].name) == 0) {
			*out = (mc_form_kind)i;
			return MC_OK;
		}
	return mc_err_set(e, MC_ERR_INVALID,
	                  _("Unknown form \"%s\": use receipt, supplement, refusal, apology, stop, control or register."),
	                  s ? s : "");
}

void mc_form_template_path(const mc_config *cfg, mc_form_kind k, char *buf, size_t n)
{
	const char *dir = cfg && cfg->templates_dir[0] ? cfg->templates_dir
	                                                 : MC_SOURCE_ASSETSDIR "/templates";
	snprintf(buf, n, "%s/%s.tpl", dir, mc_form_kind_name(k));
}

/* ---- helpers ------------------------------------------------------------------ */

typedef struct filler {
	mc_form_data *d;
	mc_status st;
} filler;

static void put(filler *f, const char *name, const char *value)
{
	if (f->st == MC_OK)
		f->st = mc_form_set(f->d, name, value ? value : "");
}

/* prefix_hh, _mi, _dd, _mm, _yyyy of a moment; dots when it did not happen. */
static void put_time(filler *f, const char *prefix, mc_time t)
{
	static const char *const parts[] = {"hh", "mi", "dd", "mm", "yyyy"};
	mc_docdate p;
	const char *vals[5] = {"…", "…", "…", "…", "…"};
	if (t != MC_TIME_NONE) {
		mc_docdate_from_time(t, &p);
		vals[0] = p.hour;
		vals[1] = p.minute;
		vals[2] = p.day;
		vals[3] = p.month;
		vals[4] = p.year;
	}
	for (int i = 0; i < 5; i++) {
		char name[64];
		snprintf(name, sizeof name, "%s_%s", prefix, parts[i]);
		put(f, name, vals[i]);
	}
}

static void row_time_text(mc_time t, char buf[32])
{
	if (t == MC_TIME_NONE) {
		buf[0] = '\0';
		return;
	}
	/* the register uses dd/mm/yyyy hh:mm with two-digit months */
	int y, m, d;
	mc_date_to_ymd(mc_time_date(t), &y, &m, &d);
	int mod = mc_time_minute_of_day(t);
	snprintf(buf, 32, "%02d/%02d/%04d %02d:%02d", d % 100, m % 100, y % 10000, (mod / 60) % 100,
	         mod % 60);
}

static const char *outcome_vi(mc_outcome o)
{
	switch (o) {
	case MC_OUTCOME_EARLY: return "Trước hạn";
	case MC_OUTCOME_ON_TIME: return "Đúng hạn";
	case MC_OUTCOME_LATE: return "Quá hạn";
	default: return "";
	}
}

static void limit_vi(const mc_limit *l, char *buf, size_t n)
{
	switch (l->unit) {
	case MC_UNIT_DAYS: snprintf(buf, n, "%d ngày làm việc", l->amount); break;
	case MC_UNIT_HOURS: snprintf(buf, n, "%d giờ làm việc", l->amount); break;
	case MC_UNIT_CALENDAR_DAYS: snprintf(buf, n, "%d ngày", l->amount); break;
	default: snprintf(buf, n, "%s", "trong ngày"); break;
	}
}

static void put_agency(filler *f, const mc_config *cfg, mc_time now, const mc_form_options *o)
{
	put(f, "superior_name", cfg->superior_name);
	put(f, "agency_name", cfg->agency_name);
	put(f, "agency_short", cfg->agency_short);
	put(f, "unit_short", cfg->agency_short);
	put(f, "desk_name", cfg->desk_name);
	put(f, "desk_phone", cfg->agency_phone[0] ? cfg->agency_phone : dots);
	put(f, "agency_address", cfg->agency_address);
	put(f, "place_name", cfg->place_name);
	char num[16];
	if (o && o->doc_number > 0)
		mc_docnum_format(o->doc_number, num);
	else
		snprintf(num, sizeof num, "%s", "      "); /* written by hand */
	put(f, "doc_no", num);
	mc_docdate p;
	mc_docdate_from_time(now, &p);
	put(f, "issue_day", p.day);
	put(f, "issue_month", p.month);
	put(f, "issue_year", p.year);
	/* the signature block of letters: "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC", or the head */
	char titles[2 * MC_CFG_STR + 32];
	if (cfg->apology_authority[0]) {
		snprintf(titles, sizeof titles, "%s %s\n%s", cfg->apology_authority, cfg->head_title,
		         cfg->deputy_title);
		put(f, "signer_name", cfg->deputy_name[0] ? cfg->deputy_name : "");
	} else {
		snprintf(titles, sizeof titles, "%s", cfg->head_title);
		put(f, "signer_name", cfg->head_name[0] ? cfg->head_name : "");
	}
	put(f, "signer_titles", titles);
}

static const mc_unit *unit_find(const mc_unit *u, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(u[i].code, code) == 0)
			return &u[i];
	return NULL;
}

static const char *unit_name(const mc_unit *u, size_t n, const char *code)
{
	const mc_unit *x = unit_find(u, n, code);
	return x ? x->name : code;
}

/* Last event of a kind, or NULL. */
static const mc_event *last_event(const mc_event *ev, size_t n, const char *kind)
{
	for (size_t i = n; i > 0; i--)
		if (strcmp(ev[i - 1].kind, kind) == 0)
			return &ev[i - 1];
	return NULL;
}

/*
 * The next item of text (strtok_r on ";" and new lines: s the text the first time, NULL
 * after), without leading spaces and dashes nor trailing spaces and dots; empty items
 * skipped; NULL at the end.
 */
static char *next_item(char *s, char **save)
{
	for (char *it = strtok_r(s, ";\n", save); it; it = strtok_r(NULL, ";\n", save)) {
		while (*it == ' ' || *it == '-')
			it++;
		size_t l = strlen(it);
		while (l > 0 && (it[l - 1] == ' ' || it[l - 1] == '.'))
			it[--l] = '\0';
		if (*it)
			return it;
	}
	return NULL;
}

mc_status mc_form_add_items(mc_form_data *d, const char *list, const char *text)
{
	mc_status st = mc_form_list(d, list);
	char *copy = strdup(text ? text : "");
	if (!copy)
		return MC_ERR_NOMEM;
	char *save = NULL;
	for (char *it = next_item(copy, &save); it && st == MC_OK; it = next_item(NULL, &save)) {
		mc_form_row *r = mc_form_add_row(d, list);
		if (!r) {
			st = MC_ERR_NOMEM;
			break;
		}
		static const char *const cols[] = {"form", "originals", "certified", "copies"};
		st = mc_form_row_set(r, "name", it);
		for (size_t i = 0; i < sizeof cols / sizeof cols[0] && st == MC_OK; i++)
			st = mc_form_row_set(r, cols[i], "");
	}
	free(copy);
	return st;
}

/* A catalogue document: its folded display name and its copies. */
typedef struct cat_doc {
	char *key;
	mc_doc_item it;
} cat_doc;

static void cat_docs_free(cat_doc *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(c[i].key);
	free(c);
}

/* The catalogue's documents (one per line) parsed; bad items (none after an import) skipped. */
static mc_status cat_docs_load(const char *catalogue, cat_doc **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!catalogue || !*catalogue)
		return MC_OK;
	char *copy = strdup(catalogue);
	size_t cap = 1;
	for (const char *p = catalogue; *p; p++)
		cap += *p == '\n';
	cat_doc *c = calloc(cap, sizeof *c);
	if (!copy || !c) {
		free(copy);
		free(c);
		return MC_ERR_NOMEM;
	}
	char *save = NULL;
	mc_status st = MC_OK;
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		mc_err e;
		mc_err_clear(&e);
		if (mc_doc_item_parse(line, &c[*n].it, &e) != MC_OK)
			continue;
		line[c[*n].it.name_len] = '\0';
		c[*n].key = mc_text_fold(line);
		if (!c[*n].key) {
			st = MC_ERR_NOMEM;
			break;
		}
		(*n)++;
	}
	free(copy);
	if (st != MC_OK) {
		cat_docs_free(c, *n);
		*n = 0;
		return st;
	}
	*out = c;
	return MC_OK;
}

mc_status mc_form_add_documents(mc_form_data *d, const char *list, const char *text,
                                const char *catalogue)
{
	cat_doc *cat = NULL;
	size_t ncat = 0;
	mc_status st = cat_docs_load(catalogue, &cat, &ncat);
	if (st != MC_OK)
		return st;
	st = mc_form_list(d, list);
	char *copy = strdup(text ? text : "");
	if (!copy) {
		cat_docs_free(cat, ncat);
		return MC_ERR_NOMEM;
	}
	char *save = NULL;
	for (char *it = next_item(copy, &save); it && st == MC_OK; it = next_item(NULL, &save)) {
		mc_err e;
		mc_err_clear(&e);
		mc_doc_item own;
		bool has_own = mc_doc_item_parse(it, &own, &e) == MC_OK;
		if (has_own)
			it[own.name_len] = '\0'; /* the display name */
		const mc_doc_item *req = has_own && own.stated ? &own : NULL;
		char *key = mc_text_fold(it);
		for (size_t i = 0; key && i < ncat; i++)
			if (strcmp(cat[i].key, key) == 0) {
				req = &cat[i].it;
				break;
			}
		free(key);
		mc_form_row *r = mc_form_add_row(d, list);
		if (!r) {
			st = MC_ERR_NOMEM;
			break;
		}
		char words[160] = "";
		if (req)
			mc_doc_item_words(req, true, words, sizeof words);
		st = mc_form_row_set(r, "name", it);
		if (st == MC_OK)
			st = mc_form_row_set(r, "form", words);
		const int counts[] = {req ? req->originals : 0, req ? req->certified : 0,
		                      req ? req->copies : 0};
		static const char *const cols[] = {"originals", "certified", "copies"};
		for (size_t i = 0; i < 3 && st == MC_OK; i++)
			st = counts[i] > 0 ? mc_form_row_setf(r, cols[i], "%d", counts[i])
			                   : mc_form_row_set(r, cols[i], "");
	}
	free(copy);
	cat_docs_free(cat, ncat);
	return st;
}

/* ---- register (07) -------------------------------------------------------------- */

static mc_status fill_register(const mc_ctx *ctx, const mc_form_options *o, filler *f,
                               const mc_unit *units, size_t nunits, mc_err *e)
{
	if (!o || o->from > o->to)
		return mc_err_set(e, MC_ERR_INVALID, "%s", _("The register needs a period (--period)."));
	char buf[16];
	mc_date_format_vn(o->from, buf);
	put(f, "from_date", buf);
	mc_date_format_vn(o->to, buf);
	put(f, "to_date", buf);
	if (f->st == MC_OK)
		f->st = mc_form_list(f->d, "entries");
	mc_query q;
	mc_query_init(&q);
	q.received_from = mc_time_make(o->from, 0);
	q.received_to = mc_time_make(o->to + 1, 0);
	q.limit = 200;
	mc_dossier *page = malloc((size_t)q.limit * sizeof *page);
	if (!page)
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("Out of memory."));
	mc_status st = MC_OK;
	for (;;) {
		size_t n = 0;
		mc_cursor next;
		st = mc_dossier_list(ctx, &q, page, &n, &next, e);
		if (st != MC_OK)
			break;
		for (size_t i = 0; i < n && f->st == MC_OK; i++) {
			const mc_dossier *d = &page[i];
			mc_event *ev = NULL;
			size_t nev = 0;
			st = mc_dossier_events(ctx, d->code, &ev, &nev, e);
			if (st != MC_OK)
				break;
			mc_form_row *r = mc_form_add_row(f->d, "entries");
			if (!r) {
				free(ev);
				f->st = MC_ERR_NOMEM;
				break;
			}
			char t[32];
			const mc_event *tr = NULL, *lead = NULL;
			for (size_t k = 0; k < nev; k++)
				if (strcmp(ev[k].kind, "transfer") == 0) {
					const mc_unit *u = unit_find(units, nunits, ev[k].to_unit);
					if (!tr)
						tr = &ev[k];
					if (!u || strcmp(u->kind, "desk") != 0)
						lead = lead ? lead : &ev[k];
				}
			mc_form_row_setf(r, "register_no", "%d", d->register_no);
			mc_form_row_set(r, "dossier_code", d->code);
			mc_form_row_set(r, "procedure_name", d->procedure_name);
			mc_form_row_setf(r, "sets", "%02d", d->sets);
			mc_form_row_set(r, "applicant_name", d->applicant_name);
			mc_form_row_set(r, "applicant_address", d->address);
			mc_form_row_set(r, "applicant_phone", d->phone);
			mc_form_row_set(r, "lead_unit", lead ? unit_name(units, nunits, lead->to_unit) : "");
			row_time_text(d->received, t);
			mc_form_row_set(r, "received", t);
			row_time_text(d->original_due != MC_TIME_NONE ? d->original_due : d->due, t);
			mc_form_row_set(r, "due", t);
			row_time_text(tr ? (tr->effective != MC_TIME_NONE ? tr->effective : tr->at) : MC_TIME_NONE, t);
			mc_form_row_set(r, "sent", t);
			row_time_text(d->finished, t);
			mc_form_row_set(r, "back", t);
			row_time_text(d->returned, t);
			mc_form_row_set(r, "returned", t);
			mc_form_row_set(r, "note", d->has_apology ? "Có văn bản xin lỗi" :
			                d->status == MC_STATUS_STOPPED ? "Dừng giải quyết" :
			                d->status == MC_STATUS_WITHDRAWN ? "Rút hồ sơ" : "");
			free(ev);
		}
		if (st != MC_OK || f->st != MC_OK || !next.set)
			break;
		q.after = next;
	}
	free(page);
	if (st == MC_OK && f->st == MC_OK)
		f->st = mc_form_list_reverse(f->d, "entries"); /* oldest (lowest number) first */
	return st;
}

/* ---- dossier forms ---------------------------------------------------------------- */

/*
 * Letters 04 and 05 carry the number and date given when the apology or the
 * stop was recorded (never reserved in advance); --number only fills a
 * record made before numbering and may not contradict a given number.
 */
static mc_status put_document(const mc_ctx *ctx, filler *f, const char *code, const char *kind,
                              const mc_form_options *o, mc_err *e)
{
	mc_document doc;
	mc_status st = mc_document_get(ctx, code, kind, &doc, e);
	if (st == MC_ERR_NOT_FOUND)
		return MC_OK;
	if (st != MC_OK)
		return st;
	if (o && o->doc_number > 0 && o->doc_number != doc.number)
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("Dossier %s's letter already has number %d of %d, given when it was "
		                    "recorded; --number cannot change it."),
		                  code, doc.number, doc.year);
	char num[16];
	mc_docnum_format(doc.number, num);
	put(f, "doc_no", num);
	mc_docdate p;
	mc_docdate_from_time(doc.at, &p);
	put(f, "issue_day", p.day);
	put(f, "issue_month", p.month);
	put(f, "issue_year", p.year);
	return MC_OK;
}

mc_status mc_form_fill(const mc_ctx *ctx, mc_form_kind k, const char *code,
                       const mc_form_options *o, mc_form_data *d, mc_err *e)
{
	filler f = {d, MC_OK};
	const mc_config *cfg = ctx->cfg;
	mc_time now = mc_clock_now(ctx->clock);
	put_agency(&f, cfg, now, o);

	mc_unit *units = NULL;
	size_t nunits = 0;
	mc_status st = mc_unit_list(ctx, &units, &nunits, e);
	if (st != MC_OK)
		return st;
	if (k == MC_FORM_REGISTER) {
		st = fill_register(ctx, o, &f, units, nunits, e);
		free(units);
		if (st == MC_OK && f.st != MC_OK)
			st = mc_err_set(e, f.st, "%s", mc_status_str(f.st));
		return st;
	}

	mc_dossier *ds = malloc(sizeof *ds);
	mc_event *ev = NULL;
	size_t nev = 0;
	char *docs = NULL;
	if (!ds) {
		free(units);
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("Out of memory."));
	}
	st = mc_dossier_get(ctx, code, ds, e);
	if (st == MC_OK)
		st = mc_dossier_events(ctx, ds->code, &ev, &nev, e);
	if (st != MC_OK)
		goto out;

	put(&f, "dossier_code", ds->code);
	char buf[MC_TEXT_MAX + 64];
	snprintf(buf, sizeof buf, "%d", ds->register_no);
	put(&f, "register_no", buf);
	snprintf(buf, sizeof buf, "%d", ds->register_year);
	put(&f, "register_book", buf);
	put(&f, "procedure_name", ds->procedure_name);
	put(&f, "procedure_code", ds->procedure_code);
	put(&f, "applicant_name", ds->applicant_name);
	put(&f, "applicant_address", ds->address[0] ? ds->address : dots);
	put(&f, "applicant_phone", ds->phone[0] ? ds->phone : dots);
	put(&f, "applicant_email", ds->email[0] ? ds->email : dots);
	snprintf(buf, sizeof buf, "%02d", ds->sets > 0 ? ds->sets : 1);
	put(&f, "sets", buf);
	limit_vi(&ds->limit, buf, sizeof buf);
	put(&f, "time_limit", buf);
	snprintf(buf, sizeof buf, "%s, %s", cfg->desk_name, cfg->agency_name);
	put(&f, "result_place", ds->channel == MC_CHANNEL_POSTAL && ds->address[0] ? ds->address : buf);
	put_time(&f, "received", ds->received);
	put_time(&f, "due", ds->original_due != MC_TIME_NONE ? ds->original_due : ds->due);
	put_time(&f, "new_due", ds->has_apology ? ds->apology.new_due : MC_TIME_NONE);

	const mc_event *intake = last_event(ev, nev, "intake");
	const mc_event *lead = NULL;
	for (size_t i = 0; i < nev; i++) {
		const mc_unit *u = unit_find(units, nunits, ev[i].to_unit);
		if (strcmp(ev[i].kind, "transfer") == 0 && u && strcmp(u->kind, "desk") != 0)
			lead = &ev[i];
	}
	put(&f, "lead_unit", lead ? unit_name(units, nunits, lead->to_unit) : ds->unit_name);
	if (lead)
		put(&f, "unit_short", lead->to_unit);
	put(&f, "clerk_name", intake ? intake->actor : "");
	put(&f, "legal_basis", o && o->legal_basis ? o->legal_basis : dots);

	const char *reason = o && o->reason ? o->reason : NULL;
	const mc_event *rev = NULL;
	switch (k) {
	case MC_FORM_RECEIPT: {
		if (f.st == MC_OK)
			f.st = mc_form_list(d, "documents");
		free(docs);
		docs = mc_procedure_documents(ctx, ds->procedure_code, NULL);
		if (f.st == MC_OK)
			f.st = mc_form_add_documents(d, "documents", docs, docs);
		break;
	}
	case MC_FORM_SUPPLEMENT:
		rev = last_event(ev, nev, "supplement");
		if (!reason && !rev) {
			st = mc_err_set(e, MC_ERR_STATE, _("Dossier %s has no supplement request to print."), ds->code);
			goto out;
		}
		if (rev) {
			put(&f, "clerk_name", rev->actor);
			mc_docdate p;
			mc_docdate_from_time(rev->at, &p);
			put(&f, "issue_day", p.day);
			put(&f, "issue_month", p.month);
			put(&f, "issue_year", p.year);
		}
		reason = reason ? reason : rev->note;
		free(docs);
		docs = mc_procedure_documents(ctx, ds->procedure_code, NULL);
		if (f.st == MC_OK)
			f.st = mc_form_add_documents(d, "missing", reason, docs);
		break;
	case MC_FORM_REFUSAL:
		rev = last_event(ev, nev, "finish");
		if (!reason && !(rev && ds->result == MC_RESULT_REFUSED && rev->note[0])) {
			st = mc_err_set(e, MC_ERR_STATE,
			                _("Dossier %s has no recorded refusal reason: give one with --reason."), ds->code);
			goto out;
		}
		reason = reason ? reason : rev->note;
		break;
	case MC_FORM_APOLOGY:
		if (!ds->has_apology) {
			st = mc_err_set(e, MC_ERR_STATE,
			                _("Dossier %s has no apology recorded: record it with \"motcua apologize\" first."), ds->code);
			goto out;
		}
		reason = ds->apology.reason;
		put_time(&f, "due", ds->apology.old_due);
		if (ds->apology.signer[0])
			put(&f, "signer_name", ds->apology.signer);
		{
			mc_docdate p;
			mc_docdate_from_time(ds->apology.at, &p);
			put(&f, "issue_day", p.day);
			put(&f, "issue_month", p.month);
			put(&f, "issue_year", p.year);
		}
		if ((st = put_document(ctx, &f, ds->code, "apology", o, e)) != MC_OK)
			goto out;
		break;
	case MC_FORM_STOP:
		rev = last_event(ev, nev, "stop");
		if (!rev) {
			st = mc_err_set(e, MC_ERR_STATE, _("Dossier %s has not been stopped."), ds->code);
			goto out;
		}
		reason = reason ? reason : rev->note;
		if ((st = put_document(ctx, &f, ds->code, "stop", o, e)) != MC_OK)
			goto out;
		break;
	case MC_FORM_CONTROL:
		if (f.st == MC_OK)
			f.st = mc_form_list(d, "handovers");
		for (size_t i = 0; i < nev && f.st == MC_OK; i++) {
			const mc_event *x = &ev[i];
			if (strcmp(x->kind, "transfer") != 0)
				continue;
			mc_form_row *r = mc_form_add_row(d, "handovers");
			if (!r) {
				f.st = MC_ERR_NOMEM;
				break;
			}
			mc_docdate p;
			mc_docdate_from_time(x->effective != MC_TIME_NONE ? x->effective : x->at, &p);
			mc_form_row_set(r, "from_unit", unit_name(units, nunits, x->from_unit));
			mc_form_row_set(r, "to_unit", unit_name(units, nunits, x->to_unit));
			mc_form_row_set(r, "at_hh", p.hour);
			mc_form_row_set(r, "at_mi", p.minute);
			mc_form_row_set(r, "at_dd", p.day);
			mc_form_row_set(r, "at_mm", p.month);
			mc_form_row_set(r, "at_yyyy", p.year);
			mc_form_row_set(r, "giver", x->actor);
			mc_form_row_set(r, "receiver", "");
			mc_form_row_set(r, "result", outcome_vi(x->step_outcome));
			f.st = mc_form_row_set(r, "note", x->note);
		}
		break;
	default:
		break;
	}
	put(&f, "reason", reason && *reason ? reason : dots);
	if (f.st != MC_OK)
		st = mc_err_set(e, f.st, "%s", mc_status_str(f.st));
out:
	free(docs);
	free(ev);
	free(ds);
	free(units);
	return st;
}

/* mkdir -p for the output folder. */
mc_status mc_form_make_dirs(const char *dir, mc_err *e)
{
	char p[MC_CFG_PATH];
	snprintf(p, sizeof p, "%s", dir);
	for (char *s = p + 1;; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0700) != 0 && errno != EEXIST)
				return mc_err_set(e, MC_ERR_IO, _("Cannot create the folder %s: %s."), p,
				                  strerror(errno));
			*s = c;
			if (!c)
				break;
		}
	}
	return MC_OK;
}

mc_status mc_form_output(const mc_ctx *ctx, mc_form_kind k, const mc_form_data *d,
                         const char *out_pdf, bool to_printer, char *written, size_t wn,
                         mc_err *e)
{
	char tpl[MC_CFG_PATH + 32];
	mc_form_template_path(ctx->cfg, k, tpl, sizeof tpl);
	mc_status st = mc_print_render(tpl, d, NULL, out_pdf, NULL, e);
	if (st == MC_OK && written)
		snprintf(written, wn, "%s", out_pdf);
	if (st == MC_OK && to_printer)
		st = mc_print_send(ctx->cfg->printer_command, out_pdf, e);
	return st;
}

mc_status mc_form_print(const mc_ctx *ctx, mc_form_kind k, const char *code,
                        const mc_form_options *o, const char *out_pdf, bool to_printer,
                        char *written, size_t wn, mc_err *e)
{
	char path[MC_CFG_PATH + 128];
	if (!out_pdf) {
		const char *dir = ctx->cfg->output_dir[0] ? ctx->cfg->output_dir : ".";
		mc_status st = mc_form_make_dirs(dir, e);
		if (st != MC_OK)
			return st;
		if (k == MC_FORM_REGISTER) {
			char a[11], b[11];
			mc_date_format(o ? o->from : 0, a);
			mc_date_format(o ? o->to : 0, b);
			snprintf(path, sizeof path, "%s/register-%s-%s.pdf", dir, a, b);
		} else {
			snprintf(path, sizeof path, "%s/%s-%s.pdf", dir, mc_form_kind_name(k), code);
		}
		out_pdf = path;
	}
	mc_form_data *d = mc_form_data_new();
	if (!d)
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("Out of memory."));
	mc_status st = mc_form_fill(ctx, k, code, o, d, e);
	/*
	 * A dossier's letter carries the applicant's personal data: log who
	 * wrote it before the file exists (users.h; nothing is written when the
	 * log cannot be). The register (form 07) lists many dossiers and is not
	 * one dossier's letter.
	 */
	if (st == MC_OK && k != MC_FORM_REGISTER)
		st = mc_access_record(ctx, code, MC_ACCESS_LETTER, e);
	if (st == MC_OK)
		st = mc_form_output(ctx, k, d, out_pdf, to_printer, written, wn, e);
	mc_form_data_free(d);
	return st;
}
