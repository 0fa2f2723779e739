/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Demo data generator (include/motcua/demo.h). Bulk path: all dossiers are
 * planned in memory in receipt order, then written with prepared statements
 * in large transactions (synchronous off only for the duration), so a
 * million dossiers take well under a minute.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/demo.h"
#include "motcua/i18n.h"
#include "motcua/text.h"
#include "motcua/users.h"
#include "motcua/validate.h"
#include "store/chain.h"
#include "store/store_internal.h"

/* ---- deterministic random numbers (xorshift64*) ------------------------- */

typedef struct rng {
	uint64_t s;
} rng;

static uint64_t rnext(rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 2685821657736338717ULL;
}

/* Uniform in [0, n). */
static uint64_t rbelow(rng *r, uint64_t n)
{
	return n ? (rnext(r) >> 11) % n : 0;
}

/* Uniform in [0, 1). */
static double runit(rng *r)
{
	return (double)(rnext(r) >> 11) / 9007199254740992.0;
}

#define PICK(r, a) ((a)[rbelow((r), sizeof(a) / sizeof((a)[0]))])

/* ---- people ------------------------------------------------------------- */

static const char *const surnames[] = {
    "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần",
    "Trần",   "Trần",   "Lê",     "Lê",     "Lê",     "Phạm",   "Phạm",   "Hoàng",  "Huỳnh",
    "Phan",   "Vũ",     "Võ",     "Đặng",   "Bùi",    "Đỗ",     "Hồ",     "Ngô",    "Dương",
    "Lý",     "Đinh",   "Trương", "Lâm",    "Mai",    "Tô",     "Hà",     "Cao",    "Lương",
};
static const char *const middle_m[] = {"Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc",
                                       "Thành", "Công", "Xuân", "Ngọc", "Hoàng", "Quang", "Thanh"};
static const char *const middle_f[] = {"Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim",
                                       "Mỹ", "Hồng", "Phương", "Bảo", "Minh", "Khánh", "Diệu"};
static const char *const given_m[] = {
    "An",   "Bình", "Cường", "Dũng", "Đạt",  "Đức",  "Hải",  "Hiếu", "Hoàng", "Hùng",
    "Huy",  "Khang", "Khoa", "Kiên", "Lâm",  "Long", "Minh", "Nam",  "Nghĩa", "Phong",
    "Phúc", "Quân", "Sơn",  "Tài",  "Thắng", "Thịnh", "Toàn", "Trung", "Tuấn", "Vinh"};
static const char *const given_f[] = {
    "Anh", "Châu", "Chi",   "Dung", "Giang", "Hà",   "Hạnh", "Hoa",  "Hương", "Huyền",
    "Lan", "Liên", "Linh",  "Loan", "Mai",   "My",   "Nga",  "Ngân", "Nhung", "Oanh",
    "Phương", "Quyên", "Tâm", "Thảo", "Thủy", "Trang", "Trinh", "Uyên", "Vân", "Yến"};
static const char *const streets[] = {
    "Phạm Văn Thuận", "Võ Thị Sáu", "Nguyễn Ái Quốc", "Đồng Khởi", "Hà Huy Giáp",
    "Cách Mạng Tháng Tám", "Phan Trung", "Huỳnh Văn Nghệ", "Bùi Văn Hòa", "Nguyễn Văn Trị",
    "Lê Duẩn", "Trần Phú", "Hùng Vương", "Lý Thái Tổ", "Quốc lộ 1A", "Quốc lộ 51"};
static const char *const communes[] = {
    "phường Trấn Biên", "phường Biên Hòa", "phường Tam Hiệp", "phường Long Bình",
    "phường Hố Nai",    "phường Tân Triều", "phường Long Hưng", "phường Phước Tân",
    "phường Bình Phước", "phường Đồng Xoài", "xã Long Thành", "xã Nhơn Trạch",
    "xã Đại Phước", "xã Phước An", "xã An Phước", "xã Trảng Bom", "xã Bàu Hàm",
    "xã Thống Nhất", "xã Xuân Lộc", "xã Định Quán", "xã Tân Phú", "xã Vĩnh Cửu"};
/* Birth-registration provinces of the CCCD (domain.md §7), weighted to the south-east. */
static const char *const cccd_provinces[] = {"075", "075", "075", "075", "079", "079", "001",
                                             "038", "040", "042", "052", "070", "072", "074",
                                             "077", "080", "083", "087", "089", "092", "094"};
static const char *const phone_prefixes[] = {"032", "033", "034", "035", "036", "037", "038",
                                             "039", "056", "058", "070", "076", "077", "078",
                                             "079", "081", "082", "083", "084", "085", "086",
                                             "088", "089", "090", "091", "093", "094", "096",
                                             "097", "098"};

typedef struct person {
	char name[96], name_fold[96];
	char id_number[13];
	char phone[11];
	char address[512], address_fold[256];
} person;

/* Folded twins of the name lists, computed once. */
typedef struct folds {
	char **sur, **mm, **mf, **gm, **gf, **street, **commune;
} folds;

static char **fold_list(const char *const *list, size_t n)
{
	char **out = calloc(n, sizeof *out);
	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!(out[i] = mc_text_fold(list[i]))) {
			for (size_t k = 0; k < i; k++)
				free(out[k]);
			free(out);
			return NULL;
		}
	return out;
}

static void free_list(char **l, size_t n)
{
	if (!l)
		return;
	for (size_t i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void folds_free(folds *f)
{
	free_list(f->sur, NELEM(surnames));
	free_list(f->mm, NELEM(middle_m));
	free_list(f->mf, NELEM(middle_f));
	free_list(f->gm, NELEM(given_m));
	free_list(f->gf, NELEM(given_f));
	free_list(f->street, NELEM(streets));
	free_list(f->commune, NELEM(communes));
}

static bool folds_init(folds *f)
{
	memset(f, 0, sizeof *f);
	f->sur = fold_list(surnames, NELEM(surnames));
	f->mm = fold_list(middle_m, NELEM(middle_m));
	f->mf = fold_list(middle_f, NELEM(middle_f));
	f->gm = fold_list(given_m, NELEM(given_m));
	f->gf = fold_list(given_f, NELEM(given_f));
	f->street = fold_list(streets, NELEM(streets));
	f->commune = fold_list(communes, NELEM(communes));
	return f->sur && f->mm && f->mf && f->gm && f->gf && f->street && f->commune;
}

/* A person; serial (< 1,000,000) makes the ID number unique. */
static void make_person(rng *r, const folds *f, int64_t serial, int this_year, const char *province,
                        person *p)
{
	bool female = rbelow(r, 2);
	size_t s = rbelow(r, NELEM(surnames));
	size_t m = rbelow(r, female ? NELEM(middle_f) : NELEM(middle_m));
	size_t g = rbelow(r, female ? NELEM(given_f) : NELEM(given_m));
	snprintf(p->name, sizeof p->name, "%s %s %s", surnames[s],
	         female ? middle_f[m] : middle_m[m], female ? given_f[g] : given_m[g]);
	snprintf(p->name_fold, sizeof p->name_fold, "%s %s %s", f->sur[s],
	         female ? f->mf[m] : f->mm[m], female ? f->gf[g] : f->gm[g]);
	int birth = this_year - 18 - (int)rbelow(r, 60);
	int century = birth >= 2000 ? 2 : 0;
	snprintf(p->id_number, sizeof p->id_number, "%s%d%02d%06lld", PICK(r, cccd_provinces),
	         century + (female ? 1 : 0), birth % 100, (long long)(serial % 1000000));
	snprintf(p->phone, sizeof p->phone, "%s%07u", PICK(r, phone_prefixes),
	         (unsigned)rbelow(r, 10000000));
	size_t st = rbelow(r, NELEM(streets)), c = rbelow(r, NELEM(communes));
	unsigned no = 1 + (unsigned)rbelow(r, 450);
	snprintf(p->address, sizeof p->address, "Số %u, đường %s, %s, %s", no, streets[st],
	         communes[c], province);
	snprintf(p->address_fold, sizeof p->address_fold, "so %u, duong %s, %s", no, f->street[st],
	         f->commune[c]);
}

/* ---- catalogue and units as stored -------------------------------------- */

typedef struct dproc {
	int64_t id;
	int version;
	char code[MC_CODE_MAX];
	char *name, *field;
	mc_limit limit, online;
	bool has_online;
	bool has_cutoff;
	double online_share;
	int weight;
	char unit1[MC_CODE_MAX]; /* first department step ("" = none) */
	bool has_ld;
	int step1_seq, ld_seq, last_seq;
} dproc;

static bool unit_parse(const char *s, mc_limit_unit *u)
{
	mc_err e;
	return s && mc_limit_unit_parse(s, u, &e) == MC_OK;
}

static mc_status load_procs(mc_db *db, dproc **out, size_t *n, mc_err *e)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(db,
	                            "SELECT id, version, code, name, field, limit_unit, limit_amount,"
	                            " online_unit, online_amount, same_day_cutoff FROM procedures"
	                            " WHERE active = 1 ORDER BY code",
	                            &st, e);
	if (s != MC_OK)
		return s;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			dproc *np = realloc(*out, cap * sizeof *np);
			if (!np) {
				rc = SQLITE_NOMEM;
				break;
			}
			*out = np;
		}
		dproc *p = &(*out)[*n];
		memset(p, 0, sizeof *p);
		p->id = sqlite3_column_int64(st, 0);
		p->version = sqlite3_column_int(st, 1);
		mc_col_text(st, 2, p->code, sizeof p->code);
		const char *name = (const char *)sqlite3_column_text(st, 3);
		const char *field = (const char *)sqlite3_column_text(st, 4);
		p->name = malloc(strlen(name ? name : "") + 1);
		p->field = malloc(strlen(field ? field : "") + 1);
		(*n)++;
		if (!p->name || !p->field) {
			rc = SQLITE_NOMEM;
			break;
		}
		strcpy(p->name, name ? name : "");
		strcpy(p->field, field ? field : "");
		if (!unit_parse((const char *)sqlite3_column_text(st, 5), &p->limit.unit)) {
			rc = SQLITE_MISMATCH;
			break;
		}
		p->limit.amount = sqlite3_column_int(st, 6);
		p->limit.cutoff = -1;
		p->has_cutoff = sqlite3_column_type(st, 9) != SQLITE_NULL;
		if (p->has_cutoff)
			p->limit.cutoff = sqlite3_column_int(st, 9);
		p->online = p->limit;
		if (sqlite3_column_type(st, 7) != SQLITE_NULL &&
		    unit_parse((const char *)sqlite3_column_text(st, 7), &p->online.unit)) {
			p->has_online = true;
			p->online.amount = sqlite3_column_int(st, 8);
		}
		/* Frequent counter procedures (civil status, certification) weigh more. */
		p->weight = p->limit.unit == MC_UNIT_SAME_DAY ? 6
		            : p->limit.amount <= 3           ? 3
		                                             : 1;
		uint64_t h = 1469598103934665603ULL;
		for (const char *c = p->field; *c; c++)
			h = (h ^ (unsigned char)*c) * 1099511628211ULL;
		p->online_share = 0.38 + (double)(h % 25) / 100.0; /* 38 % .. 62 % by field */
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < *n; i++) {
			free((*out)[i].name);
			free((*out)[i].field);
		}
		free(*out);
		*out = NULL;
		*n = 0;
		return mc_db_error(db, rc == SQLITE_MISMATCH ? SQLITE_CORRUPT : rc, e);
	}
	/* Steps: the first department and whether leadership signs. */
	s = mc_db_prepare(db,
	                  "SELECT s.seq, s.unit_code, u.kind FROM procedure_steps s"
	                  " JOIN units u ON u.code = s.unit_code"
	                  " WHERE s.procedure_id = ? AND s.version = ? ORDER BY s.seq",
	                  &st, e);
	if (s != MC_OK)
		return s;
	for (size_t i = 0; i < *n; i++) {
		dproc *p = &(*out)[i];
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, p->id);
		sqlite3_bind_int(st, 2, p->version);
		while (sqlite3_step(st) == SQLITE_ROW) {
			int seq = sqlite3_column_int(st, 0);
			const char *unit = (const char *)sqlite3_column_text(st, 1);
			const char *kind = (const char *)sqlite3_column_text(st, 2);
			p->last_seq = seq;
			if (kind && strcmp(kind, "leadership") == 0) {
				p->has_ld = true;
				p->ld_seq = seq;
			} else if (kind && strcmp(kind, "desk") != 0 && !p->unit1[0] && unit) {
				snprintf(p->unit1, sizeof p->unit1, "%s", unit);
				p->step1_seq = seq;
			}
		}
	}
	sqlite3_finalize(st);
	return MC_OK;
}

static void procs_free(dproc *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].name);
		free(p[i].field);
	}
	free(p);
}

typedef struct unit_ids {
	int64_t desk, dept, ld;
	char desk_code[MC_CODE_MAX], dept_code[MC_CODE_MAX], ld_code[MC_CODE_MAX];
} unit_ids;

static mc_status load_units(mc_db *db, unit_ids *u, mc_err *e)
{
	memset(u, 0, sizeof *u);
	const char *kinds[3] = {"desk", "department", "leadership"};
	int64_t *ids[3] = {&u->desk, &u->dept, &u->ld};
	char *codes[3] = {u->desk_code, u->dept_code, u->ld_code};
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(db,
	                            "SELECT id, code FROM units WHERE kind = ? AND active = 1"
	                            " ORDER BY sort, id LIMIT 1",
	                            &st, e);
	if (s != MC_OK)
		return s;
	for (int i = 0; i < 3; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, kinds[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW) {
			*ids[i] = sqlite3_column_int64(st, 0);
			mc_col_text(st, 1, codes[i], MC_CODE_MAX);
		}
	}
	sqlite3_finalize(st);
	if (!u->desk)
		return mc_err_set(e, MC_ERR_NOT_FOUND, "%s", _("no one-stop desk unit is defined."));
	if (!u->dept) {
		u->dept = u->desk;
		memcpy(u->dept_code, u->desk_code, MC_CODE_MAX);
	}
	if (!u->ld) {
		u->ld = u->dept;
		memcpy(u->ld_code, u->dept_code, MC_CODE_MAX);
	}
	return MC_OK;
}

/* ---- writing ------------------------------------------------------------ */

enum {
	S_APPLICANT,
	S_WORD,
	S_SEQ,
	S_COUNT
};

static const char *const sqls[S_COUNT] = {
    [S_APPLICANT] = ("INSERT INTO applicants (id, kind, name, name_fold, id_number, phone,"
                     " address, address_fold, created_at, updated_at) VALUES (?1, 'person', ?2,"
                     " ?3, ?4, ?5, ?6, ?7, ?8, ?8)"),
    [S_WORD] = "INSERT OR IGNORE INTO applicant_words (word, applicant_id) VALUES (?, ?)",
    [S_SEQ] = ("INSERT INTO sequences (name, period, value) VALUES (?1, ?2, ?3)"
               " ON CONFLICT (name, period) DO UPDATE SET value = max(value, excluded.value)"),
};

/*
 * Multi-row inserts. The CHECK (x IN (...)) clauses of the schema build a
 * small temporary index at every statement execution; inserting many rows
 * per execution pays for it once, which more than halves the load time.
 */
typedef struct val {
	int t; /* 0 NULL, 1 integer, 2 text */
	int64_t i;
	const char *s;
} val;

typedef struct batch {
	int ncols, per_stmt;
	sqlite3_stmt *one, *many;
	val *v;
	char (*own)[MC_CODE_MAX]; /* one owned short text per row (dossier code) */
	size_t n, cap;
} batch;

static mc_status batch_init(mc_db *db, batch *b, const char *head, int ncols, int per_stmt,
                            mc_err *e)
{
	memset(b, 0, sizeof *b);
	b->ncols = ncols;
	b->per_stmt = per_stmt;
	b->cap = (size_t)per_stmt * 3;
	b->v = calloc(b->cap * (size_t)ncols, sizeof *b->v);
	b->own = calloc(b->cap, sizeof *b->own);
	size_t len = strlen(head) + (size_t)per_stmt * (4 + 2 * (size_t)ncols) + 1;
	char *sql = malloc(len);
	if (!b->v || !b->own || !sql) {
		free(sql);
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
	}
	mc_status s = MC_OK;
	int sizes[2] = {1, per_stmt};
	for (int k = 0; k < 2 && s == MC_OK; k++) {
		char *w = sql;
		size_t hl = strlen(head);
		memcpy(w, head, hl);
		w += hl;
		for (int r = 0; r < sizes[k]; r++) {
			*w++ = r ? ',' : ' ';
			*w++ = '(';
			for (int c = 0; c < ncols; c++) {
				if (c)
					*w++ = ',';
				*w++ = '?';
			}
			*w++ = ')';
		}
		*w = '\0';
		s = mc_db_prepare(db, sql, k == 0 ? &b->one : &b->many, e);
	}
	free(sql);
	return s;
}

static void batch_free(batch *b)
{
	sqlite3_finalize(b->one);
	sqlite3_finalize(b->many);
	free(b->v);
	free(b->own);
	memset(b, 0, sizeof *b);
}

/* A new row of ncols values (all NULL); the caller keeps b->n < b->cap. */
static val *batch_row(batch *b)
{
	val *row = &b->v[b->n * (size_t)b->ncols];
	memset(row, 0, (size_t)b->ncols * sizeof *row);
	b->n++;
	return row;
}

static void v_int(val *v, int64_t i)
{
	v->t = 1;
	v->i = i;
}

static void v_text(val *v, const char *s)
{
	v->t = s ? 2 : 0;
	v->s = s;
}

static void v_time(val *v, mc_time t)
{
	if (t == MC_TIME_NONE)
		v->t = 0;
	else
		v_int(v, t);
}

static void bind_vals(sqlite3_stmt *st, const val *v, int count)
{
	for (int k = 0; k < count; k++) {
		if (v[k].t == 1)
			sqlite3_bind_int64(st, k + 1, v[k].i);
		else if (v[k].t == 2)
			sqlite3_bind_text(st, k + 1, v[k].s, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, k + 1);
	}
}

/* Write full statements' worth of rows (and with all, the rest one by one). */
static mc_status batch_flush(mc_db *db, batch *b, bool all, mc_err *e)
{
	size_t done = 0;
	int rc = SQLITE_DONE;
	while (rc == SQLITE_DONE && b->n - done >= (size_t)b->per_stmt) {
		bind_vals(b->many, &b->v[done * (size_t)b->ncols], b->ncols * b->per_stmt);
		rc = sqlite3_step(b->many);
		sqlite3_reset(b->many);
		done += (size_t)b->per_stmt;
	}
	while (rc == SQLITE_DONE && all && done < b->n) {
		bind_vals(b->one, &b->v[done * (size_t)b->ncols], b->ncols);
		rc = sqlite3_step(b->one);
		sqlite3_reset(b->one);
		done++;
	}
	if (rc != SQLITE_DONE)
		return mc_db_error(db, rc, e);
	if (done) {
		/* Rows left own no text: only batches flushed completely own text. */
		memmove(b->v, &b->v[done * (size_t)b->ncols],
		        (b->n - done) * (size_t)b->ncols * sizeof *b->v);
		b->n -= done;
	}
	return MC_OK;
}

typedef struct writer {
	mc_db *db;
	sqlite3_stmt *st[S_COUNT];
	batch dossiers, events, apologies;
	mc_time recorded;
	mc_demo_stats *stats;
	/* Hash chain (store/chain.h): next event id, the hash it links to, and
	 * the state/hash texts of queued rows (a ring as large as the batch). */
	int64_t ev_next;
	uint8_t ev_prev[MC_SHA256_SIZE];
	bool ev_has_prev;
	char (*ev_text)[2][MC_SHA256_HEX_SIZE];
	size_t ev_slot;
} writer;

/* Dossiers first (the others reference them), then apologies and events. */
static mc_status flush_all(writer *w, bool all, mc_err *e)
{
	mc_status s = batch_flush(w->db, &w->dossiers, true, e);
	if (s == MC_OK)
		s = batch_flush(w->db, &w->apologies, true, e);
	if (s == MC_OK)
		s = batch_flush(w->db, &w->events, all, e);
	return s;
}

static mc_status step_done(writer *w, sqlite3_stmt *st, mc_err *e)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? MC_OK : mc_db_error(w->db, rc, e);
}

/* The events of one dossier, put in time order before they join the batch. */
typedef struct story_event {
	const char *kind;
	mc_time at;
	const char *from, *to, *note; /* static or owned by the run */
} story_event;

typedef struct story {
	story_event ev[16];
	size_t n;
} story;

static mc_status event(story *st, const char *kind, mc_time at, const char *from, const char *to,
                       const char *note, mc_err *e)
{
	if (st->n == sizeof st->ev / sizeof st->ev[0])
		return mc_err_set(e, MC_ERR_RANGE, "%s", _("too many demo events for one dossier."));
	st->ev[st->n] = (story_event){kind, at, from, to, note};
	st->n++;
	return MC_OK;
}

/*
 * Queue the events of one dossier, linked into the hash chain: explicit ids
 * from the head read when the batch is empty (everything queued before is
 * then in the database), the last event carrying the state of the dossier
 * row queued just before (and of its apology), as mc_event_insert() would.
 */
static mc_status queue_events(writer *w, story *st, int64_t dossier, mc_err *e)
{
	for (size_t i = 1; i < st->n; i++)
		for (size_t k = i; k > 0 && st->ev[k].at < st->ev[k - 1].at; k--) {
			story_event t = st->ev[k];
			st->ev[k] = st->ev[k - 1];
			st->ev[k - 1] = t;
		}
	if (!w->ev_text && !(w->ev_text = calloc(w->events.cap, sizeof *w->ev_text)))
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
	if (w->events.n == 0) {
		mc_status s = mc_chain_head(w->db, &w->ev_next, w->ev_prev, &w->ev_has_prev, e);
		if (s != MC_OK)
			return s;
	}
	/* The dossier's state: its row (the last queued), due_trail, apology, no letters. */
	mc_chain_value sv[MC_CHAIN_DOSSIER_VALUES];
	memset(sv, 0, sizeof sv);
	const val *dv = &w->dossiers.v[(w->dossiers.n - 1) * (size_t)w->dossiers.ncols];
	for (int k = 0; k < MC_CHAIN_DOSSIER_ROW_VALUES; k++)
		sv[k] = (mc_chain_value){dv[k].t, dv[k].i, dv[k].s};
	sv[MC_CHAIN_DOSSIER_ROW_VALUES] = (mc_chain_value){2, 0, "[]"};
	const val *av = w->apologies.n
	                        ? &w->apologies.v[(w->apologies.n - 1) * (size_t)w->apologies.ncols]
	                        : NULL;
	if (av && av[0].t == 1 && av[0].i == dossier)
		for (int k = 0; k < MC_CHAIN_APOLOGY_VALUES; k++)
			sv[MC_CHAIN_DOSSIER_ROW_VALUES + 1 + k] = (mc_chain_value){av[1 + k].t, av[1 + k].i,
			                                                          av[1 + k].s};
	for (size_t i = 0; i < st->n; i++) {
		char (*text)[MC_SHA256_HEX_SIZE] = w->ev_text[w->ev_slot];
		w->ev_slot = (w->ev_slot + 1) % w->events.cap;
		uint8_t d[MC_SHA256_SIZE];
		bool last = i + 1 == st->n;
		if (last) {
			mc_chain_state_values(sv, MC_CHAIN_DOSSIER_VALUES, d);
			mc_sha256_hex(d, text[0]);
		}
		val *v = batch_row(&w->events);
		v_int(&v[0], w->ev_next++);
		v_int(&v[1], dossier);
		v_text(&v[2], st->ev[i].kind);
		v_int(&v[3], st->ev[i].at);
		v_int(&v[4], w->recorded);
		v_int(&v[5], 1);
		v_text(&v[6], "demo");
		v_text(&v[7], st->ev[i].from);
		v_text(&v[8], st->ev[i].to);
		v_text(&v[9], st->ev[i].note);
		if (strcmp(st->ev[i].kind, "transfer") == 0)
			v_int(&v[10], st->ev[i].at);
		v_text(&v[11], last ? text[0] : NULL);
		mc_chain_value hv[MC_CHAIN_EVENT_VALUES] = {
			{v[0].t, v[0].i, v[0].s}, {v[1].t, v[1].i, v[1].s}, {0, 0, NULL},
			{v[2].t, v[2].i, v[2].s}, {v[3].t, v[3].i, v[3].s}, {v[4].t, v[4].i, v[4].s},
			{v[5].t, v[5].i, v[5].s}, {v[6].t, v[6].i, v[6].s}, {v[7].t, v[7].i, v[7].s},
			{v[8].t, v[8].i, v[8].s}, {v[9].t, v[9].i, v[9].s}, {v[10].t, v[10].i, v[10].s},
			{0, 0, NULL}, {0, 0, NULL}, {v[11].t, v[11].i, v[11].s}};
		mc_chain_event_hash(w->ev_has_prev ? w->ev_prev : NULL, hv, w->ev_prev);
		w->ev_has_prev = true;
		mc_sha256_hex(w->ev_prev, text[1]);
		v_text(&v[12], text[1]);
		w->stats->events++;
	}
	st->n = 0;
	return MC_OK;
}

static mc_status put_seq(writer *w, const char *name, const char *period, int64_t value, mc_err *e)
{
	sqlite3_stmt *st = w->st[S_SEQ];
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, period, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, value);
	return step_done(w, st, e);
}

static mc_status write_applicant(writer *w, int64_t id, const person *p, mc_time at, mc_err *e)
{
	sqlite3_stmt *st = w->st[S_APPLICANT];
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, p->name_fold, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, p->id_number, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, p->phone, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, p->address, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, p->address_fold, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, at);
	mc_status s = step_done(w, st, e);
	if (s != MC_OK)
		return s;
	w->stats->applicants++;
	/* Every word of the folded name, for the indexed name search. */
	const char *q = p->name_fold;
	while (*q) {
		size_t len = strcspn(q, " ");
		if (len) {
			sqlite3_stmt *ws = w->st[S_WORD];
			sqlite3_bind_text(ws, 1, q, (int)len, SQLITE_STATIC);
			sqlite3_bind_int64(ws, 2, id);
			if ((s = step_done(w, ws, e)) != MC_OK)
				return s;
		}
		q += len;
		while (*q == ' ')
			q++;
	}
	return MC_OK;
}

/* ---- one dossier's story ------------------------------------------------ */

static const char *const stop_reasons[] = {
    "Hồ sơ không đủ điều kiện giải quyết theo quy định",
    "Cơ quan có thẩm quyền yêu cầu tạm dừng để xác minh",
};
static const char *const withdraw_reasons[] = {"Người nộp đề nghị rút hồ sơ",
                                               "Người nộp không còn nhu cầu giải quyết"};
static const char *const supplement_reasons[] = {
    "Thiếu bản sao giấy tờ tùy thân của người yêu cầu",
    "Tờ khai chưa ghi đầy đủ thông tin, đề nghị bổ sung",
    "Bản vẽ thiết kế chưa đúng quy cách",
};
static const char *const apology_reasons[] = {
    "Cần xác minh thêm thông tin với cơ quan liên quan",
    "Số lượng hồ sơ tăng đột biến, cán bộ thụ lý không kịp xử lý",
    "Chờ ý kiến của cơ quan phối hợp",
};
static const char *const notify[] = {"phone", "sms", "email", "letter"};

static mc_time add_minutes_capped(mc_time a, mc_time b, double f)
{
	return a + (mc_time)((double)(b - a) * f);
}

typedef struct plan_ctx {
	const mc_ctx *ctx;
	writer *w;
	rng *r;
	const unit_ids *units;
	const char *signer;
	mc_time now;
} plan_ctx;

static mc_status one_dossier(plan_ctx *pc, int64_t id, const char *code, int year, int64_t regno,
                             const dproc *p, int64_t applicant, mc_time received, mc_err *e)
{
	rng *r = pc->r;
	story story = {.n = 0};
	mc_time now = pc->now;
	const mc_calendar *cal = pc->ctx->cal;
	writer *w = pc->w;
	const unit_ids *u = pc->units;

	double ch = runit(r);
	const char *channel = ch < p->online_share ? "online" : ch < p->online_share + 0.04 ? "postal"
	                                                                                   : "direct";
	bool online = channel[0] == 'o';
	const mc_limit *limit = online && p->has_online ? &p->online : &p->limit;
	mc_time due;
	mc_status s = mc_due_compute(cal, received, limit, &due, NULL, e);
	if (s != MC_OK)
		return s;
	mc_time span = due > received ? due - received : 60;

	/* Department hand-over (15:00 rule), later leadership. */
	mc_time t1 = mc_handover_moment(cal, received + 20 + (mc_time)rbelow(r, 180));
	if (t1 < received)
		t1 = received;
	const char *dept = p->unit1[0] ? p->unit1 : u->dept_code;

	/* Supplement: requested after the hand-over, papers back a few days later. */
	bool supplement = runit(r) < 0.08;
	mc_time sup_at = MC_TIME_NONE, resume = MC_TIME_NONE;
	mc_time original_due = due;
	if (supplement) {
		/* Every moment below is moved into office hours, as a clerk records it. */
		sup_at = mc_next_opening(cal, t1 + 60 + (mc_time)rbelow(r, 600));
		resume = mc_next_opening(cal, sup_at + MC_MIN_PER_DAY * (1 + (mc_time)rbelow(r, 10)));
		if (resume <= now) {
			mc_time resume_open = mc_next_opening(cal, resume);
			if (pc->ctx->cfg->supplement_mode == MC_SUPPLEMENT_PAUSE)
				s = mc_due_extend_pause(cal, due, sup_at, resume_open, &due, NULL, e);
			else
				s = mc_due_compute(cal, resume_open, limit, &due, NULL, e);
			if (s != MC_OK)
				return s;
			original_due = due;
			span = due > resume ? due - resume : 60;
		}
	}
	mc_time base = supplement && resume <= now ? resume : received;

	/* When the result would be ready: early, on the due day, or late. */
	double k = runit(r);
	mc_time finish;
	if (k < 0.30)
		finish = base + (mc_time)((double)span * (0.25 + 0.6 * runit(r)));
	else if (k < 0.925)
		finish = due - (mc_time)rbelow(r, 90);
	else
		finish = due + MC_MIN_PER_DAY * (1 + (mc_time)rbelow(r, 8)) + (mc_time)rbelow(r, 300);
	if (finish <= base)
		finish = base + 30;
	if (finish <= t1)
		finish = t1 + 30;
	finish = mc_next_opening(cal, finish);
	mc_time t2 = mc_next_opening(cal, add_minutes_capped(t1, finish, 0.7));
	if (t2 > finish)
		t2 = finish;

	/* Side exits. */
	double x = runit(r);
	const char *exit_kind = x < 0.015 ? "stop" : x < 0.025 ? "withdraw" : NULL;
	mc_time closed = MC_TIME_NONE;
	if (exit_kind) {
		closed = mc_next_opening(cal, add_minutes_capped(received, finish, 0.3 + 0.5 * runit(r)));
		if (closed > now)
			exit_kind = NULL, closed = MC_TIME_NONE;
	}

	const char *status = "received";
	int64_t unit = u->desk;
	mc_time stage = received;
	int step = 0;
	const char *result = NULL, *outcome = NULL;
	mc_time finished = MC_TIME_NONE, returned = MC_TIME_NONE;
	int rating = 0;
	mc_time sup_open = MC_TIME_NONE;

	/* Events in order, up to now. */
	if ((s = event(&story, "intake", received, NULL, u->desk_code, NULL, e)) != MC_OK)
		return s;
	mc_time limit_at = exit_kind ? closed : now;
	if (t1 <= limit_at) {
		if ((s = event(&story, "transfer", t1, u->desk_code, dept, NULL, e)) != MC_OK)
			return s;
		status = "processing";
		unit = u->dept;
		stage = t1;
		step = p->step1_seq;
	}
	if (supplement && sup_at <= limit_at) {
		if ((s = event(&story, "supplement", sup_at, dept, NULL, PICK(r, supplement_reasons),
		               e)) != MC_OK)
			return s;
		status = "supplement";
		sup_open = sup_at;
		if (resume <= limit_at) {
			if ((s = event(&story, "resume", resume, NULL, dept, NULL, e)) != MC_OK)
				return s;
			status = "processing";
			sup_open = MC_TIME_NONE;
		}
	}
	/* Apology: for dossiers that end late or are overdue now, most of the time. */
	bool will_be_late = finish > original_due || (!exit_kind && finish > now && original_due < now);
	mc_time apology_at = mc_apology_deadline(cal, original_due);
	if (apology_at < received)
		apology_at = received;
	const char *ap_reason = NULL, *ap_notify = NULL;
	mc_time ap_old = 0, ap_new = 0;
	bool apology = will_be_late && runit(r) < 0.72 && apology_at <= limit_at &&
	               (!exit_kind || apology_at <= closed);
	if (apology) {
		mc_time new_due = original_due + MC_MIN_PER_DAY * (3 + (mc_time)rbelow(r, 10));
		if (finish > original_due && new_due < finish)
			new_due = finish + MC_MIN_PER_DAY;
		ap_reason = PICK(r, apology_reasons);
		ap_notify = PICK(r, notify);
		ap_old = original_due;
		ap_new = new_due;
		due = new_due;
		w->stats->apologies++;
	}
	if (!exit_kind && t2 <= now && status[0] == 'p' && p->has_ld) {
		if ((s = event(&story, "transfer", t2, dept, u->ld_code, NULL, e)) != MC_OK)
			return s;
		unit = u->ld;
		stage = t2;
		step = p->ld_seq;
	}
	if (!exit_kind && finish <= now && status[0] == 'p') {
		result = runit(r) < 0.05 ? "refused" : "approved";
		finished = finish;
		mc_outcome o = mc_classify(cal, original_due, finish);
		outcome = mc_outcome_name(o);
		if ((s = event(&story, "finish", finish, NULL, u->desk_code, result, e)) != MC_OK)
			return s;
		status = "ready";
		unit = u->desk;
		stage = finish;
		step = p->last_seq;
		mc_time back = mc_next_opening(cal, finish + 30 + (mc_time)rbelow(r, 4 * MC_MIN_PER_DAY));
		if (back <= now && runit(r) < 0.995) {
			returned = back;
			double q = runit(r);
			rating = runit(r) < 0.25 ? 0 : q < 0.62 ? 3 : q < 0.93 ? 2 : 1;
			if ((s = event(&story, "handover", back, u->desk_code, NULL, NULL, e)) != MC_OK)
				return s;
			status = "returned";
		}
	}
	if (exit_kind) {
		bool stop = exit_kind[0] == 's';
		if ((s = event(&story, exit_kind, closed, NULL, NULL,
		               stop ? PICK(r, stop_reasons) : PICK(r, withdraw_reasons), e)) != MC_OK)
			return s;
		status = stop ? "stopped" : "withdrawn";
		sup_open = MC_TIME_NONE;
	}

	val *v = batch_row(&w->dossiers);
	char *owned = w->dossiers.own[w->dossiers.n - 1];
	snprintf(owned, MC_CODE_MAX, "%s", code);
	v_int(&v[0], id);
	v_text(&v[1], owned);
	v_int(&v[2], year);
	v_int(&v[3], regno);
	v_int(&v[4], p->id);
	v_int(&v[5], p->version);
	v_text(&v[6], p->code);
	v_text(&v[7], p->name);
	v_text(&v[8], p->field);
	v_text(&v[9], mc_limit_unit_name(limit->unit));
	v_int(&v[10], limit->unit == MC_UNIT_SAME_DAY ? 0 : limit->amount);
	if (p->has_cutoff)
		v_int(&v[11], p->limit.cutoff);
	v_int(&v[12], applicant);
	v_text(&v[13], channel);
	v_int(&v[14], 1 + (runit(r) < 0.1));
	v_int(&v[15], received);
	v_int(&v[16], due);
	v_int(&v[17], original_due);
	v_text(&v[18], status);
	v_int(&v[19], unit);
	v_int(&v[20], stage);
	v_int(&v[21], step);
	v_text(&v[22], result);
	v_text(&v[23], outcome);
	v_time(&v[24], finished);
	v_time(&v[25], returned);
	v_time(&v[26], closed);
	if (rating)
		v_int(&v[27], rating);
	v_int(&v[28], runit(r) < 0.85);
	v_int(&v[29], online && runit(r) < 0.7);
	v_int(&v[30], online && finished != MC_TIME_NONE && runit(r) < 0.6);
	v_time(&v[31], sup_open);
	v_int(&v[32], supplement && sup_at <= limit_at);
	v_int(&v[33], 0);
	v_int(&v[34], w->recorded);
	if (apology) {
		val *a = batch_row(&w->apologies);
		v_int(&a[0], id);
		v_text(&a[1], ap_reason);
		v_int(&a[2], ap_old);
		v_int(&a[3], ap_new);
		v_text(&a[4], pc->signer);
		v_text(&a[5], ap_notify);
		v_int(&a[6], apology_at);
		v_text(&a[7], "demo");
		v_int(&a[8], w->recorded);
		if ((s = event(&story, "apology", apology_at, NULL, NULL, "Văn bản xin lỗi đã gửi",
		               e)) != MC_OK)
			return s;
	}
	if ((s = queue_events(w, &story, id, e)) != MC_OK)
		return s;
	if (w->dossiers.n >= (size_t)w->dossiers.per_stmt &&
	    (s = flush_all(w, false, e)) != MC_OK)
		return s;

	w->stats->dossiers++;
	mc_dossier_status ds;
	if (mc_dossier_status_parse(status, &ds, NULL) == MC_OK)
		w->stats->by_status[ds]++;
	w->stats->online += online;
	if ((strcmp(status, "received") == 0 || strcmp(status, "processing") == 0) &&
	    mc_is_overdue(cal, original_due, now))
		w->stats->overdue_open++;
	return MC_OK;
}

/* ---- the whole run ------------------------------------------------------ */

static int64_t count_rows(mc_db *db, const char *sql)
{
	sqlite3_stmt *st;
	int64_t n = -1;
	if (mc_db_prepare(db, sql, &st, NULL) != MC_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/*
 * Secondary indexes of the bulk-loaded tables are dropped during the load
 * and built again afterwards (a sorted build is several times faster than
 * a million random B-tree inserts). Their definitions are read from the
 * schema itself, so nothing here repeats the migrations.
 */
typedef struct saved_indexes {
	char **sql;
	size_t n;
} saved_indexes;

static mc_status drop_indexes(mc_db *db, saved_indexes *out, mc_err *e)
{
	memset(out, 0, sizeof *out);
	sqlite3 *h = mc_db_handle(db);
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(db,
	                            "SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
	                            " AND sql IS NOT NULL AND tbl_name IN ('dossiers', 'events',"
	                            " 'applicants')",
	                            &st, e);
	if (s != MC_OK)
		return s;
	char *names[64];
	size_t nnames = 0;
	out->sql = calloc(64, sizeof *out->sql);
	while (out->sql && nnames < 64 && sqlite3_step(st) == SQLITE_ROW) {
		names[nnames] = sqlite3_mprintf("DROP INDEX \"%w\"", sqlite3_column_text(st, 0));
		out->sql[nnames] = sqlite3_mprintf("%s", sqlite3_column_text(st, 1));
		nnames++;
	}
	sqlite3_finalize(st);
	out->n = nnames;
	if (!out->sql)
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
	if ((s = mc_db_begin_write(db, e)) == MC_OK) {
		for (size_t i = 0; i < nnames && s == MC_OK; i++) {
			int rc = names[i] ? sqlite3_exec(h, names[i], NULL, NULL, NULL) : SQLITE_NOMEM;
			if (rc != SQLITE_OK)
				s = mc_db_error(db, rc, e);
		}
		if (s == MC_OK)
			s = mc_db_commit(db, e);
		else
			mc_db_rollback(db);
	}
	for (size_t i = 0; i < nnames; i++)
		sqlite3_free(names[i]);
	if (s != MC_OK) {
		for (size_t i = 0; i < out->n; i++)
			sqlite3_free(out->sql[i]);
		free(out->sql);
		memset(out, 0, sizeof *out);
	}
	return s;
}

/* Build the dropped indexes again (also after a failed load). */
static mc_status restore_indexes(mc_db *db, saved_indexes *ix, mc_err *e)
{
	sqlite3 *h = mc_db_handle(db);
	mc_status s = ix->n ? mc_db_begin_write(db, e) : MC_OK;
	for (size_t i = 0; i < ix->n && s == MC_OK; i++) {
		int rc = ix->sql[i] ? sqlite3_exec(h, ix->sql[i], NULL, NULL, NULL) : SQLITE_NOMEM;
		if (rc != SQLITE_OK) {
			s = mc_db_error(db, rc, e);
			mc_db_rollback(db);
		}
	}
	if (s == MC_OK && ix->n)
		s = mc_db_commit(db, e);
	for (size_t i = 0; i < ix->n; i++)
		sqlite3_free(ix->sql[i]);
	free(ix->sql);
	memset(ix, 0, sizeof *ix);
	return s;
}

/* Minutes of office time a day can receive in (morning and afternoon). */
static mc_time random_office_minute(rng *r, const mc_config *cfg, mc_date d)
{
	int morning = cfg->morning_close - cfg->morning_open;
	int afternoon = cfg->afternoon_close - cfg->afternoon_open;
	if (morning < 1)
		morning = 1;
	if (afternoon < 1)
		afternoon = 1;
	int k = (int)rbelow(r, (uint64_t)(morning + afternoon));
	int minute = k < morning ? cfg->morning_open + k : cfg->afternoon_open + (k - morning);
	return mc_time_make(d, minute);
}

static int cmp_time(const void *a, const void *b)
{
	mc_time x = *(const mc_time *)a, y = *(const mc_time *)b;
	return (x > y) - (x < y);
}

mc_status mc_demo_generate(const mc_ctx *ctx, const mc_demo_options *o, mc_demo_stats *out,
                           mc_err *e)
{
	memset(out, 0, sizeof *out);
	if (!ctx || !ctx->db || !ctx->cfg || !ctx->cal || !ctx->clock)
		return mc_err_set(e, MC_ERR_INVALID, "%s", _("the demo needs a database, a configuration and a calendar."));
	mc_status rs = mc_ctx_require(ctx, MC_ACT_DEMO, e); /* administrators only (roles.h) */
	if (rs != MC_OK)
		return rs;
	if (o->dossiers < 1 || o->dossiers > 10000000)
		return mc_err_set(e, MC_ERR_RANGE,
		                  _("the number of demo dossiers must be between 1 and 10000000, not %lld."),
		                  (long long)o->dossiers);
	if (!ctx->cfg->code_pattern[0])
		return mc_err_set(e, MC_ERR_CONFIG, "%s",
		                  _("no dossier-code pattern is configured (code_pattern)."));
	mc_db *db = ctx->db;
	int64_t existing = count_rows(db, "SELECT count(*) FROM dossiers");
	if (existing != 0)
		return mc_err_set(e, MC_ERR_STATE,
		                  _("the database already holds %lld dossiers; the demo fills an empty one (use a new --db file)."),
		                  (long long)existing);

	dproc *procs;
	size_t nprocs;
	mc_status s = load_procs(db, &procs, &nprocs, e);
	if (s != MC_OK)
		return s;
	if (nprocs == 0) {
		free(procs);
		return mc_err_set(e, MC_ERR_STATE, "%s",
		                  _("the catalogue is empty; import procedures first (motcua catalog import FILE.csv)."));
	}
	unit_ids units;
	folds f;
	if ((s = load_units(db, &units, e)) != MC_OK) {
		procs_free(procs, nprocs);
		return s;
	}
	if (!folds_init(&f)) {
		folds_free(&f);
		procs_free(procs, nprocs);
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
	}

	int64_t total_weight = 0;
	for (size_t i = 0; i < nprocs; i++)
		total_weight += procs[i].weight;

	mc_time now = mc_clock_now(ctx->clock);
	mc_date today = mc_time_date(now);
	int64_t n = o->dossiers;
	/* About 650 dossiers a calendar day at most; at least three months. */
	int64_t window = n / 650 + 1;
	if (window < 92)
		window = 92;
	mc_date first = today - (mc_date)window + 1;
	int today_y, today_m, today_d;
	mc_date_to_ymd(today, &today_y, &today_m, &today_d);
	const char *province = ctx->cfg->place_name[0] ? ctx->cfg->place_name : "tỉnh Đồng Nai";

	/* Spread n over the working days, weighted, then receipts in time order. */
	size_t ndays = (size_t)window;
	double *weights = calloc(ndays, sizeof *weights);
	int64_t *per_day = calloc(ndays, sizeof *per_day);
	writer w = {.db = db, .recorded = mc_clock_real_now(), .stats = out};
	rng r = {o->seed * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL};
	if (!r.s)
		r.s = 88172645463325252ULL;
	mc_time *times = NULL;
	int64_t npool = n / 2 + 1;
	if (npool > 999999)
		npool = 999999;
	if (!weights || !per_day) {
		s = mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
		goto done;
	}
	double wsum = 0;
	for (size_t i = 0; i < ndays; i++) {
		mc_date d = first + (mc_date)i;
		if (!mc_calendar_is_working_day(ctx->cal, d))
			continue;
		double wt = 0.7 + 0.6 * runit(&r);
		if (d == today) {
			/* Only the part of today already past. */
			mc_time open = mc_time_make(d, ctx->cfg->morning_open);
			mc_time close = mc_time_make(d, ctx->cfg->afternoon_close);
			double frac = now <= open ? 0 : now >= close ? 1 : (double)(now - open) / (double)(close - open);
			wt *= frac;
		}
		weights[i] = wt;
		wsum += wt;
	}
	if (wsum <= 0) {
		s = mc_err_set(e, MC_ERR_STATE, "%s", _("no working day before now to receive demo dossiers."));
		goto done;
	}
	int64_t assigned = 0;
	for (size_t i = 0; i < ndays; i++) {
		per_day[i] = (int64_t)((double)n * weights[i] / wsum);
		assigned += per_day[i];
	}
	/* The remainder (< number of days), one more for the latest working days. */
	for (size_t i = ndays; assigned < n;) {
		i = i == 0 ? ndays - 1 : i - 1;
		if (weights[i] > 0) {
			per_day[i]++;
			assigned++;
		}
	}
	int64_t max_day = 0;
	for (size_t i = 0; i < ndays; i++)
		if (per_day[i] > max_day)
			max_day = per_day[i];
	times = malloc((size_t)(max_day + 1) * sizeof *times);
	if (!times) {
		s = mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
		goto done;
	}

	for (int i = 0; i < S_COUNT; i++)
		if ((s = mc_db_prepare(db, sqls[i], &w.st[i], e)) != MC_OK)
			goto done;
	if ((s = batch_init(db, &w.dossiers,
	                    "INSERT INTO dossiers (id, code, register_year, register_no, procedure_id,"
	                    " procedure_version, procedure_code, procedure_name, field, limit_unit,"
	                    " limit_amount, limit_cutoff, applicant_id, channel, sets, received_at,"
	                    " due_at, original_due_at, status, unit_id, stage_started_at, step_seq,"
	                    " result, outcome, finished_at, returned_at, closed_at, rating, digitised,"
	                    " paid_online, e_result, supplement_requested_at, supplement_count,"
	                    " supplement_late, created_at) VALUES",
	                    35, 64, e)) != MC_OK ||
	    (s = batch_init(db, &w.apologies,
	                    "INSERT INTO apologies (dossier_id, reason, old_due, new_due, signer,"
	                    " notified_by, at, actor, recorded_at) VALUES",
	                    9, 64, e)) != MC_OK ||
	    (s = batch_init(db, &w.events,
	                    "INSERT INTO events (id, dossier_id, kind, at, recorded_at, backdated,"
	                    " actor, from_unit, to_unit, note, effective_at, state, hash) VALUES",
	                    13, 200, e)) != MC_OK)
		goto done;
	/* Room for a full dossier batch's events on top of a partial statement. */
	if (w.events.cap < 64 * 16 + 200) {
		w.events.cap = 64 * 16 + 200;
		val *nv = realloc(w.events.v, w.events.cap * 13 * sizeof *nv);
		if (!nv) {
			s = mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
			goto done;
		}
		w.events.v = nv;
	}
	sqlite3 *h = mc_db_handle(db);
	sqlite3_exec(h, "PRAGMA synchronous = OFF; PRAGMA cache_size = -131072;", NULL, NULL, NULL);
	saved_indexes ix;
	if ((s = drop_indexes(db, &ix, e)) != MC_OK)
		goto done;

	plan_ctx pc = {.ctx = ctx, .w = &w, .r = &r, .units = &units, .now = now,
	               .signer = ctx->cfg->deputy_name[0] ? ctx->cfg->deputy_name
	                         : ctx->cfg->head_name[0] ? ctx->cfg->head_name
	                                                  : "Lãnh đạo cơ quan"};
	int64_t id = 0, regno = 0, next_applicant = 0;
	int reg_year = 0;
	bool in_tx = false;
	for (size_t di = 0; di < ndays && s == MC_OK; di++) {
		if (per_day[di] == 0)
			continue;
		mc_date d = first + (mc_date)di;
		int y, m, dd;
		mc_date_to_ymd(d, &y, &m, &dd);
		for (int64_t k = 0; k < per_day[di]; k++) {
			mc_time t = random_office_minute(&r, ctx->cfg, d);
			if (d == today && t >= now)
				t = now - 1 - (mc_time)rbelow(&r, 30);
			times[k] = t;
		}
		qsort(times, (size_t)per_day[di], sizeof *times, cmp_time);
		if (y != reg_year) {
			if (reg_year) {
				char py[8];
				snprintf(py, sizeof py, "%04d", reg_year);
				if (in_tx && (s = put_seq(&w, "register", py, regno, e)) != MC_OK)
					break;
			}
			reg_year = y;
			regno = 0;
		}
		if (!in_tx) {
			if ((s = mc_db_begin_write(db, e)) != MC_OK)
				break;
			in_tx = true;
		}
		for (int64_t k = 0; k < per_day[di] && s == MC_OK; k++) {
			id++;
			regno++;
			char code[MC_CODE_MAX];
			if ((s = mc_code_format(ctx->cfg->code_pattern, ctx->cfg->agency_code, y, m, dd,
			                        (long)(k + 1), code, sizeof code, e)) != MC_OK)
				break;
			/* Procedure by weight. */
			int64_t pick = (int64_t)rbelow(&r, (uint64_t)total_weight);
			size_t pi = 0;
			while (pi + 1 < nprocs && pick >= procs[pi].weight)
				pick -= procs[pi++].weight;
			/* Applicant: new, or one who came before (found again by ID number). */
			int64_t aid;
			if (next_applicant < npool && (next_applicant == 0 || runit(&r) < 0.6)) {
				person pers;
				aid = ++next_applicant;
				make_person(&r, &f, aid, today_y, province, &pers);
				if ((s = write_applicant(&w, aid, &pers, times[k], e)) != MC_OK)
					break;
			} else {
				aid = 1 + (int64_t)rbelow(&r, (uint64_t)next_applicant);
			}
			s = one_dossier(&pc, id, code, y, regno, &procs[pi], aid, times[k], e);
		}
		if (s != MC_OK)
			break;
		char day[16];
		snprintf(day, sizeof day, "%04d-%02d-%02d", y, m, dd);
		if ((s = put_seq(&w, "code", day, per_day[di], e)) != MC_OK)
			break;
		if (id % 50000 < (int64_t)per_day[di] || di + 1 == ndays) {
			if ((s = flush_all(&w, true, e)) != MC_OK)
				break;
			char py[8];
			snprintf(py, sizeof py, "%04d", reg_year);
			if ((s = put_seq(&w, "register", py, regno, e)) != MC_OK)
				break;
			if ((s = mc_db_commit(db, e)) != MC_OK) {
				in_tx = false;
				break;
			}
			in_tx = false;
		}
	}
	if (s == MC_OK && in_tx) {
		char py[8];
		snprintf(py, sizeof py, "%04d", reg_year);
		if ((s = flush_all(&w, true, e)) == MC_OK &&
		    (s = put_seq(&w, "register", py, regno, e)) == MC_OK)
			s = mc_db_commit(db, e);
		in_tx = false;
	}
	if (in_tx)
		mc_db_rollback(db);
	mc_err ie;
	mc_err_clear(&ie);
	if (restore_indexes(db, &ix, &ie) != MC_OK && s == MC_OK) {
		*e = ie;
		s = ie.code;
	}
	sqlite3_exec(h, "PRAGMA synchronous = FULL; PRAGMA cache_size = -2000;", NULL, NULL, NULL);
	out->first_day = first;
	out->last_day = today;
done:
	for (int i = 0; i < S_COUNT; i++)
		sqlite3_finalize(w.st[i]);
	batch_free(&w.dossiers);
	batch_free(&w.apologies);
	batch_free(&w.events);
	free(w.ev_text);
	free(times);
	free(weights);
	free(per_day);
	folds_free(&f);
	procs_free(procs, nprocs);
	return s;
}
