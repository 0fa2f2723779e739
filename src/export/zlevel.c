/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The deflate of the workbook's zip: its level (setting [export]
 * compression) and its use of every processor.
 *
 * libxlsxwriter 1.1.4 zips the workbook through minizip, which opens each
 * member's deflate stream with deflateInit2_() at Z_DEFAULT_COMPRESSION
 * (zlib level 6), offers no option to change it, and deflates on one
 * thread. On 100,000 dossiers that deflate is about a third of the
 * export's time (120 MB of sheet XML).
 *
 * This file defines deflateInit2_, deflate and deflateEnd in the program
 * itself; the build exports them (-Wl,--export-dynamic-symbol in
 * meson.build), so minizip's calls bind here first. Every call is
 * forwarded to zlib's own function (found with dlsym(RTLD_NEXT)) unchanged,
 * except while mc_export_zlevel_begin() is in force on the calling thread
 * (only around workbook_close() in src/export/xlsx.c): then a raw deflate
 * stream opened at the default level is taken over.
 *
 * A stream taken over is compressed the way pigz does it. Its input is cut
 * into chunks of CHUNK bytes; worker threads deflate the chunks at the
 * configured level, each primed with the 32 KiB of input before it
 * (deflateSetDictionary), every chunk but the last ended with Z_SYNC_FLUSH
 * so that it stops on a byte boundary without a final block, the last with
 * Z_FINISH. Their outputs, in order, are one valid raw deflate stream.
 * minizip computes the CRC and the sizes from what it passes in and gets
 * out, so nothing else changes. Memory is bounded by the ring of chunks in
 * flight (about 0.6 MB a slot, 2 slots per worker plus 2). A member smaller
 * than one chunk, or a machine with one processor, is compressed on the
 * calling thread without starting any.
 *
 * The stream is taken over at its first deflate(), and only when the
 * caller asked for it: tests/bench/bench_xlsx_raw, the raw libxlsxwriter
 * baseline, asks for the level alone and packs on one thread with zlib, as
 * libxlsxwriter does.
 *
 * Other zlib users (cairo's PDF streams, say) are never touched. If the
 * symbols are not exported (a static or unusual build) the wrappers are
 * simply never called and the workbook comes out at level 6, on one thread.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>
#ifdef MC_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif

#include "zlevel.h"

enum {
	CHUNK = 256 * 1024, /* input bytes per job */
	DICT = 32 * 1024,   /* deflate's window: the priming dictionary */
	MAX_WORKERS = 4,
	MAX_SLOTS = 2 * MAX_WORKERS + 2,
};

/* zlib's own functions. */
typedef int (*init2_fn)(z_streamp, int, int, int, int, int, const char *, int);
typedef int (*deflate_fn)(z_streamp, int);
typedef int (*end_fn)(z_streamp);

static struct {
	init2_fn init2;
	deflate_fn deflate;
	end_fn end;
} zlib_fns;
static pthread_once_t zlib_once = PTHREAD_ONCE_INIT;
static atomic_ulong parallel_jobs;

static void load_zlib(void)
{
	/* Object to function pointers, as POSIX allows. */
	void *p = dlsym(RTLD_NEXT, "deflateInit2_");
	memcpy(&zlib_fns.init2, &p, sizeof p);
	p = dlsym(RTLD_NEXT, "deflate");
	memcpy(&zlib_fns.deflate, &p, sizeof p);
	p = dlsym(RTLD_NEXT, "deflateEnd");
	memcpy(&zlib_fns.end, &p, sizeof p);
}

static init2_fn real_init2(void)
{
	pthread_once(&zlib_once, load_zlib);
	return zlib_fns.init2;
}

static deflate_fn real_deflate(void)
{
	pthread_once(&zlib_once, load_zlib);
	return zlib_fns.deflate;
}

static end_fn real_end(void)
{
	pthread_once(&zlib_once, load_zlib);
	return zlib_fns.end;
}

/* ---- one stream taken over ---------------------------------------------- */

struct job {
	unsigned char *in; /* DICT bytes of room for the dictionary, then CHUNK of input */
	size_t dict_len;   /* dictionary bytes, just before in + DICT */
	size_t len;        /* input bytes at in + DICT */
	unsigned char *out;
	size_t out_cap, out_len, out_pos; /* out_pos: bytes already handed to the caller */
	bool last;
	int err; /* Z_OK or zlib's error */
	bool done; /* deflated (under the mutex once workers run) */
};

/* What deflates jobs on one thread: zlib at the stream's parameters, or
 * ISA-L's igzip for level 1 when motcua is built with it (about four times
 * as fast as zlib's level 1 here, and a little smaller). */
struct coder {
	bool ready, isal;
	z_stream zs;
#ifdef MC_HAVE_ISAL
	struct isal_zstream is;
	unsigned char *level_buf;
#endif
};

struct pz {
	z_streamp strm; /* the caller's stream */
	int level, window_bits, mem_level, strategy;
	int nworkers, nslots;
	bool started;
	pthread_t thread[MAX_WORKERS];
	int nthreads;
	pthread_mutex_t mu;
	pthread_cond_t work; /* a job was queued, or quit */
	pthread_cond_t done; /* a job was done */
	bool quit;
	struct job slot[MAX_SLOTS];
	unsigned long head;      /* oldest job whose output is not all handed over */
	unsigned long submitted; /* jobs queued so far; the one being filled is this */
	unsigned long taken;     /* jobs taken by a worker (or done inline) */
	bool filling;            /* slot[submitted % nslots] is being filled */
	bool finishing;          /* the last job is queued */
	bool failed;
	unsigned char dict[DICT];
	size_t dict_len;
	struct coder inline_coder; /* for jobs done on the caller's thread */
	bool inline_open;
};

static _Thread_local int override = -1;
static _Thread_local bool take_over;
/* The stream opened under the override, taken over at its first deflate()
 * (so that a program exporting deflateInit2_ alone never allocates). */
static _Thread_local struct {
	z_streamp strm;
	int level, window_bits, mem_level, strategy;
} candidate;
static _Thread_local struct pz *owned;

/* The processors this process may run on (its affinity: a container or
 * taskset may allow fewer than the machine has), at most MAX_WORKERS. */
static int processors(void)
{
	long n = 0;
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) == 0)
		n = CPU_COUNT(&set);
	if (n < 1)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	return n > MAX_WORKERS ? MAX_WORKERS : (int)n;
}

/* Room for more output in j->out; false when out of memory. */
static bool out_room(struct job *j)
{
	if (j->out_len < j->out_cap)
		return true;
	size_t cap = j->out_cap ? 2 * j->out_cap : CHUNK + CHUNK / 16 + 64;
	unsigned char *o = realloc(j->out, cap);
	if (!o)
		return false;
	j->out = o;
	j->out_cap = cap;
	return true;
}

/* Deflates one job with zlib. */
static int zlib_job(z_stream *zs, struct job *j)
{
	deflate_fn zdeflate = real_deflate();
	int rc = deflateReset(zs);
	if (rc == Z_OK && j->dict_len)
		rc = deflateSetDictionary(zs, j->in + DICT - j->dict_len, (uInt)j->dict_len);
	if (rc != Z_OK)
		return rc;
	zs->next_in = j->in + DICT;
	zs->avail_in = (uInt)j->len;
	int flush = j->last ? Z_FINISH : Z_SYNC_FLUSH;
	for (;;) {
		if (!out_room(j))
			return Z_MEM_ERROR;
		zs->next_out = j->out + j->out_len;
		zs->avail_out = (uInt)(j->out_cap - j->out_len);
		rc = zdeflate(zs, flush);
		j->out_len = j->out_cap - zs->avail_out;
		if (rc == Z_STREAM_END)
			return Z_OK;
		if (rc != Z_OK && rc != Z_BUF_ERROR)
			return rc;
		/* Z_SYNC_FLUSH is complete once output room is left over. */
		if (flush == Z_SYNC_FLUSH && zs->avail_in == 0 && zs->avail_out > 0)
			return Z_OK;
	}
}

#ifdef MC_HAVE_ISAL
/* Deflates one job with ISA-L's igzip (level 1). */
static int isal_job(struct isal_zstream *is, unsigned char *level_buf, struct job *j)
{
	isal_deflate_reset(is);
	is->level = 1;
	is->level_buf = level_buf;
	is->level_buf_size = ISAL_DEF_LVL1_DEFAULT;
	is->gzip_flag = IGZIP_DEFLATE; /* raw, as minizip asks */
	is->end_of_stream = j->last;
	is->flush = j->last ? NO_FLUSH : SYNC_FLUSH;
	if (j->dict_len &&
	    isal_deflate_set_dict(is, j->in + DICT - j->dict_len, (uint32_t)j->dict_len) != COMP_OK)
		return Z_STREAM_ERROR;
	is->next_in = j->in + DICT;
	is->avail_in = (uint32_t)j->len;
	for (;;) {
		if (!out_room(j))
			return Z_MEM_ERROR;
		is->next_out = j->out + j->out_len;
		is->avail_out = (uint32_t)(j->out_cap - j->out_len);
		if (isal_deflate(is) != COMP_OK)
			return Z_STREAM_ERROR;
		j->out_len = j->out_cap - is->avail_out;
		if (j->last ? is->internal_state.state == ZSTATE_END
		            : is->avail_in == 0 && is->internal_state.state == ZSTATE_NEW_HDR)
			return Z_OK;
	}
}
#endif

static bool coder_open(const struct pz *p, struct coder *c)
{
	memset(c, 0, sizeof *c);
#ifdef MC_HAVE_ISAL
	if (p->level == 1 && p->window_bits == -15) {
		c->level_buf = malloc(ISAL_DEF_LVL1_DEFAULT);
		if (!c->level_buf)
			return false;
		isal_deflate_init(&c->is);
		c->isal = c->ready = true;
		return true;
	}
#endif
	c->ready = real_init2()(&c->zs, p->level, Z_DEFLATED, p->window_bits, p->mem_level,
	                        p->strategy, ZLIB_VERSION, (int)sizeof c->zs) == Z_OK;
	return c->ready;
}

static int coder_run(struct coder *c, struct job *j)
{
	j->out_len = 0;
	if (!c->ready)
		return Z_MEM_ERROR;
#ifdef MC_HAVE_ISAL
	if (c->isal)
		return isal_job(&c->is, c->level_buf, j);
#endif
	return zlib_job(&c->zs, j);
}

static void coder_close(struct coder *c)
{
#ifdef MC_HAVE_ISAL
	free(c->level_buf);
	if (c->isal)
		return;
#endif
	if (c->ready)
		real_end()(&c->zs);
}

const char *mc_export_zlevel_coder(int level)
{
#ifdef MC_HAVE_ISAL
	if (level == 1)
		return "ISA-L igzip";
#endif
	(void)level;
	return "zlib";
}

static void *worker(void *arg)
{
	struct pz *p = arg;
	struct coder c;
	coder_open(p, &c);
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->quit && p->taken == p->submitted)
			pthread_cond_wait(&p->work, &p->mu);
		if (p->taken == p->submitted)
			break; /* quit with nothing left */
		struct job *j = &p->slot[p->taken % (unsigned long)p->nslots];
		p->taken++;
		pthread_mutex_unlock(&p->mu);
		int rc = coder_run(&c, j);
		atomic_fetch_add(&parallel_jobs, 1);
		pthread_mutex_lock(&p->mu);
		j->err = rc;
		j->done = true;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	coder_close(&c);
	return NULL;
}

static void start_workers(struct pz *p)
{
	p->started = true;
	for (int i = 0; i < p->nworkers; i++) {
		if (pthread_create(&p->thread[p->nthreads], NULL, worker, p) != 0)
			break;
		p->nthreads++;
	}
}

/* The job being filled, opened in a free slot; NULL when the ring is full. */
static struct job *filling_job(struct pz *p)
{
	struct job *j = &p->slot[p->submitted % (unsigned long)p->nslots];
	if (p->filling)
		return j;
	if (p->submitted - p->head >= (unsigned long)p->nslots)
		return NULL;
	if (!j->in) {
		j->in = malloc(DICT + CHUNK);
		if (!j->in)
			return NULL;
	}
	memcpy(j->in + DICT - p->dict_len, p->dict, p->dict_len);
	j->dict_len = p->dict_len;
	j->len = 0;
	j->out_len = j->out_pos = 0;
	j->last = false;
	j->err = Z_OK;
	j->done = false;
	p->filling = true;
	return j;
}

/* Queues the job being filled (there is one: the caller made sure). */
static void submit(struct pz *p, bool last)
{
	struct job *j = &p->slot[p->submitted % (unsigned long)p->nslots];
	/* The next job's dictionary: the last DICT bytes up to here, which lie
	 * contiguous at the end of this job's dictionary and input. */
	size_t have = j->dict_len + j->len;
	size_t keep = have < DICT ? have : DICT;
	memmove(p->dict, j->in + DICT + j->len - keep, keep);
	p->dict_len = keep;
	j->last = last;
	p->filling = false;

	bool inline_job = p->nworkers < 2 || (!p->started && last);
	if (!inline_job && !p->started)
		start_workers(p);
	if (inline_job || p->nthreads == 0) {
		if (!p->inline_open) {
			coder_open(p, &p->inline_coder);
			p->inline_open = true;
		}
		j->err = coder_run(&p->inline_coder, j);
		j->done = true;
		p->submitted++;
		p->taken++;
		return;
	}
	pthread_mutex_lock(&p->mu);
	p->submitted++;
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->mu);
}

/* Hands over the finished output of the oldest jobs, in order. */
static void drain(struct pz *p, z_streamp s)
{
	while (p->head < p->submitted && s->avail_out > 0) {
		struct job *j = &p->slot[p->head % (unsigned long)p->nslots];
		pthread_mutex_lock(&p->mu);
		bool ready = j->done;
		pthread_mutex_unlock(&p->mu);
		if (!ready)
			return;
		if (j->err != Z_OK) {
			p->failed = true;
			return;
		}
		size_t n = j->out_len - j->out_pos;
		if (n > s->avail_out)
			n = s->avail_out;
		memcpy(s->next_out, j->out + j->out_pos, n);
		s->next_out += n;
		s->avail_out -= (uInt)n;
		s->total_out += n;
		j->out_pos += n;
		if (j->out_pos < j->out_len)
			return;
		p->head++;
	}
}

static void wait_head(struct pz *p)
{
	struct job *j = &p->slot[p->head % (unsigned long)p->nslots];
	pthread_mutex_lock(&p->mu);
	while (!j->done)
		pthread_cond_wait(&p->done, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

static int pz_deflate(struct pz *p, z_streamp s, int flush)
{
	if (!s->next_out && s->avail_out)
		return Z_STREAM_ERROR;
	for (;;) {
		drain(p, s);
		if (p->failed)
			return Z_STREAM_ERROR;
		while (s->avail_in > 0 && !p->finishing) {
			struct job *j = filling_job(p);
			if (!j)
				break; /* the ring is full */
			size_t n = CHUNK - j->len;
			if (n > s->avail_in)
				n = s->avail_in;
			memcpy(j->in + DICT + j->len, s->next_in, n);
			j->len += n;
			s->next_in += n;
			s->avail_in -= (uInt)n;
			s->total_in += n;
			if (j->len == CHUNK)
				submit(p, false);
		}
		if (flush == Z_FINISH && s->avail_in == 0 && !p->finishing && filling_job(p)) {
			submit(p, true);
			p->finishing = true;
			continue;
		}
		bool pending = s->avail_in > 0 ||
		               (flush == Z_FINISH && (!p->finishing || p->head < p->submitted));
		if (!pending)
			break;
		if (s->avail_out == 0)
			return Z_OK; /* the caller empties its buffer and calls again */
		if (p->head == p->submitted)
			return Z_MEM_ERROR; /* nothing in flight, yet no slot: out of memory */
		/* The oldest job's output is what can go next: wait for it. */
		wait_head(p);
	}
	return p->finishing && p->head == p->submitted ? Z_STREAM_END : Z_OK;
}

static void pz_free(struct pz *p)
{
	pthread_mutex_lock(&p->mu);
	p->quit = true;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (int i = 0; i < p->nthreads; i++)
		pthread_join(p->thread[i], NULL);
	if (p->inline_open)
		coder_close(&p->inline_coder);
	for (int i = 0; i < p->nslots; i++) {
		free(p->slot[i].in);
		free(p->slot[i].out);
	}
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->done);
	pthread_mutex_destroy(&p->mu);
	free(p);
}

static struct pz *pz_new(z_streamp strm, int level, int window_bits, int mem_level, int strategy)
{
	struct pz *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->strm = strm;
	p->level = level;
	p->window_bits = window_bits;
	p->mem_level = mem_level;
	p->strategy = strategy;
	p->nworkers = processors();
	p->nslots = 2 * p->nworkers + 2;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->done, NULL);
	return p;
}

/* ---- the wrappers ----------------------------------------------------------- */

int deflateInit2_(z_streamp strm, int level, int method, int window_bits, int mem_level,
                  int strategy, const char *version, int stream_size)
{
	init2_fn f = real_init2();
	if (!f)
		return Z_VERSION_ERROR;
	bool take = override >= 0 && level == Z_DEFAULT_COMPRESSION;
	if (take)
		level = override;
	int rc = f(strm, level, method, window_bits, mem_level, strategy, version, stream_size);
	/* Only a raw stream (no zlib or gzip header and trailer to keep) with
	 * nothing else taken over on this thread. */
	if (rc == Z_OK && take && take_over && window_bits < 0 && !owned &&
	    stream_size == (int)sizeof(z_stream)) {
		candidate.strm = strm;
		candidate.level = level;
		candidate.window_bits = window_bits;
		candidate.mem_level = mem_level;
		candidate.strategy = strategy;
	}
	return rc;
}

int deflate(z_streamp strm, int flush)
{
	if (strm && strm == candidate.strm) {
		candidate.strm = NULL;
		owned = pz_new(strm, candidate.level, candidate.window_bits, candidate.mem_level,
		               candidate.strategy);
		/* Out of memory: zlib goes on alone with the stream it opened. */
	}
	struct pz *p = owned;
	if (p && p->strm == strm && strm)
		return pz_deflate(p, strm, flush);
	deflate_fn f = real_deflate();
	return f ? f(strm, flush) : Z_STREAM_ERROR;
}

int deflateEnd(z_streamp strm)
{
	struct pz *p = owned;
	if (p && p->strm == strm && strm) {
		owned = NULL;
		pz_free(p);
	}
	if (strm && strm == candidate.strm)
		candidate.strm = NULL;
	end_fn f = real_end();
	return f ? f(strm) : Z_STREAM_ERROR;
}

void mc_export_zlevel_begin(int level, bool own_deflate)
{
	override = level >= 0 && level <= 9 ? level : -1;
	take_over = own_deflate;
}

void mc_export_zlevel_end(void)
{
	override = -1;
	take_over = false;
}

unsigned long mc_export_zlevel_parallel_jobs(void)
{
	return atomic_load(&parallel_jobs);
}
