/* due.c — what is due (due.h): the notices of the caller's scope read a page at a time, the kept
 * obligations read a page at a time in due order, merged a due date at a time. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svc/due.h"

#define DUE_PAGE 1000 /* obligations read at once */

struct list {
	struct due_item *v;
	size_t n, cap;
};

/* the walk's state: the notices' items (all, sorted; few), the next of them to hand out, the
 * obligations of the day being read and where they live */
struct walk {
	struct act *c;
	const struct due_query *q;
	due_emit emit;
	void *arg;
	size_t *count, *overdue;
	struct list notes;
	size_t next;
	struct list day;
	struct arena *da;
	cd_date on;
	size_t seq; /* items made so far */
};

static int by_due(const void *a, const void *b)
{
	const struct due_item *x = a, *y = b;
	int c;

	if (x->due != y->due) /* no deadline sorts last */
		return x->due == CD_DATE_NONE ? 1 : y->due == CD_DATE_NONE ? -1
						      : x->due < y->due	       ? -1
										: 1;
	c = strcmp(x->title, y->title);
	return c ? c : x->seq < y->seq ? -1 : x->seq > y->seq; /* as read */
}

static bool open_state(enum due_state s)
{
	return s == DUE_OPEN || s == DUE_TODAY || s == DUE_OVERDUE || s == DUE_NO_DEADLINE;
}

/* push: a new empty item at the end of l (in a); NULL when out of memory */
static struct due_item *push(struct arena *a, struct list *l)
{
	struct due_item *it = arena_grow(a, &l->v, &l->n, &l->cap, sizeof *it);

	if (it)
		memset(it, 0, sizeof *it);
	return it;
}

static const char *text(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *text(struct arena *a, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return arena_strdup(a, buf);
}

/* similar_left: the systems of notice v's 举一反三 list not checked by `at` — the count kept with
 * the notice, unless some were checked and `at` is before now: then the list is read, and a
 * check made after `at` was still to do at `at` */
static enum cd_err similar_left(struct act *c, const struct notice_view *v, cd_time at,
				size_t *left)
{
	const struct notice_row *r = &v->row;
	struct notice_view full;
	enum cd_err rc;

	*left = r->similar_unchecked;
	if (at >= c->now || r->similar_unchecked == r->similar_listed)
		return CD_OK;
	if ((rc = svc_notice_get(c, r->n.id, NULL, &full)))
		return rc;
	*left = 0;
	for (size_t k = 0; k < full.row.n.nsimilar; k++)
		*left += full.row.n.similar[k].checked_at == CD_TIME_NONE ||
			 full.row.n.similar[k].checked_at > at;
	return CD_OK;
}

/* notice_item adds to the notices' items (in c->a) one of notice v */
static enum cd_err notice_item(struct walk *k, const struct notice_view *v, const char *what,
			       enum due_state st, const char *title)
{
	struct due_item *it = push(k->c->a, &k->notes);

	if (!it || !title)
		return cd_diag_set(k->c->d, CD_ENOMEM, "out of memory");
	it->seq = k->seq++;
	it->due = v->due.due;
	it->state = st;
	it->what = what;
	it->title = title;
	it->subject = v->row.n.code;
	it->unit_code = v->row.unit_code;
	it->unit_name = v->row.unit_name;
	it->article = act_profile(k->c)->numbers.rectify_article;
	return CD_OK;
}

/* notices: the items of the notices of the walk — each notice not answered (every one with
 * `all`), and its 举一反三 checks while some are left — sorted */
static enum cd_err notices(struct walk *k)
{
	struct act *c = k->c;
	struct work_query wq = {.unit = k->q->unit, .kind = -1, .limit = 200};
	cd_time at = k->q->at;
	enum cd_err rc = CD_OK;

	for (int64_t next = 1; !rc && next;) {
		struct notice_view *v = NULL;
		size_t n = 0;

		if ((rc = svc_notice_page(c, wq, -1, at, &v, &n, &next)))
			break;
		for (size_t i = 0; !rc && i < n; i++) {
			const struct notice *no = &v[i].row.n;
			enum due_state st = notice_state(no, &v[i].due, at);
			size_t left = 0;

			if (k->q->all || open_state(st))
				rc = notice_item(k, &v[i], "notice", st,
						 text(c->a,
						      lang_tr("notice %s: rectify and give feedback — %s"),
						      no->code, no->authority));
			if (!rc)
				rc = similar_left(c, &v[i], at, &left);
			if (!rc && left)
				rc = notice_item(
				    k, &v[i], "similar_check",
				    due_state_at(v[i].due.due, CD_TIME_NONE, at),
				    text(c->a, lang_tr("举一反三: notice %s, %zu similar systems to check"),
					 no->code, left));
		}
		wq.after = next;
	}
	if (!rc && k->notes.n > 1)
		qsort(k->notes.v, k->notes.n, sizeof *k->notes.v, by_due);
	return rc;
}

static enum cd_err hand_out(struct walk *k, const struct due_item *v, size_t n)
{
	*k->count += n;
	for (size_t i = 0; i < n; i++)
		*k->overdue += v[i].state == DUE_OVERDUE;
	return n ? k->emit(k->arg, v, n) : CD_OK;
}

/* notices_before hands out the notices' items due before day `before` (CD_DATE_NONE: all that
 * are left), a due date at a time */
static enum cd_err notices_before(struct walk *k, cd_date before)
{
	enum cd_err rc = CD_OK;

	while (!rc && k->next < k->notes.n) {
		const struct due_item *v = &k->notes.v[k->next];
		size_t n = 1;

		if (before != CD_DATE_NONE && (v->due == CD_DATE_NONE || v->due >= before))
			break;
		while (k->next + n < k->notes.n && k->notes.v[k->next + n].due == v->due)
			n++;
		k->next += n;
		rc = hand_out(k, v, n);
	}
	return rc;
}

/* day_end hands out the obligations of the day read, with the notices due that day, by title */
static enum cd_err day_end(struct walk *k)
{
	enum cd_err rc = CD_OK;

	if (!k->day.n)
		return CD_OK;
	for (; k->next < k->notes.n && k->notes.v[k->next].due == k->on; k->next++) {
		struct due_item *it = push(k->da, &k->day);

		if (!it)
			return cd_diag_set(k->c->d, CD_ENOMEM, "out of memory");
		*it = k->notes.v[k->next];
	}
	qsort(k->day.v, k->day.n, sizeof *k->day.v, by_due);
	rc = hand_out(k, k->day.v, k->day.n);
	arena_free(k->da);
	k->da = NULL;
	k->day = (struct list){0};
	return rc;
}

/* oblig_item adds obligation r (of a page about to be freed: what the item keeps is copied) to
 * the day being read */
static enum cd_err oblig_item(struct walk *k, const struct oblig_row *r, enum due_state st)
{
	const struct oblig *o = &r->o;
	struct due_item *it;
	int64_t *ev;
	enum cd_err rc;

	if (k->day.n && o->due != k->on && (rc = day_end(k)))
		return rc;
	if (!k->day.n) {
		if ((rc = notices_before(k, o->due)))
			return rc;
		k->on = o->due;
	}
	if (!k->da && !(k->da = arena_new(0)))
		return cd_diag_set(k->c->d, CD_ENOMEM, "out of memory");
	if (!(it = push(k->da, &k->day)))
		return cd_diag_set(k->c->d, CD_ENOMEM, "out of memory");
	it->seq = k->seq++;
	it->due = o->due;
	it->state = st;
	it->what = oblig_kind_code(o->kind);
	if (o->kind == OBLIG_DUTY) {
		it->title = text(k->da, "%s（%s，%d/%d）", o->name, o->period, o->have, o->need);
		it->subject = arena_strdup(k->da, o->period);
		it->duty = arena_strdup(k->da, r->duty_id ? r->duty_id : "");
		it->have = o->have;
		it->need = o->need;
		it->nrecords = o->nevidence;
		if ((ev = arena_alloc(k->da, (o->nevidence + 1) * sizeof *ev)))
			memcpy(ev, o->evidence, o->nevidence * sizeof *ev);
		it->records = ev;
		if (!it->subject || !it->duty || !ev)
			return cd_diag_set(k->c->d, CD_ENOMEM, "out of memory");
	} else {
		it->title = text(k->da, "%s — %s", o->name, r->asset_name ? r->asset_name : "");
		it->subject = arena_strdup(k->da, r->asset_code ? r->asset_code : "");
	}
	it->unit_code = arena_strdup(k->da, r->unit_code);
	it->unit_name = arena_strdup(k->da, r->unit_name);
	it->article = arena_strdup(k->da, o->article ? o->article : "");
	if (!it->title || !it->subject || !it->article || (r->unit_code && !it->unit_code) ||
	    (r->unit_name && !it->unit_name))
		return cd_diag_set(k->c->d, CD_ENOMEM, "out of memory");
	return CD_OK;
}

/* obligations: the kept obligations of the walk, a page at a time in due order (each page in an
 * arena of its own, freed before the next) */
static enum cd_err obligations(struct walk *k)
{
	struct act *c = k->c;
	struct arena *keep = c->a, *names = arena_new(0); /* the keyset's names, page to page */
	struct oblig_query oq = {.unit = k->q->unit, .state = -1, .limit = DUE_PAGE};
	enum cd_err rc = names ? CD_OK : cd_diag_set(c->d, CD_ENOMEM, "out of memory");

	for (bool more = true; !rc && more;) {
		struct oblig_row *v = NULL;
		size_t n = 0;

		if (!(c->a = arena_new(0))) {
			rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
			break;
		}
		rc = svc_deadline_page_on(c, oq, k->q->day, &v, &n, &more);
		for (size_t i = 0; !rc && i < n; i++) {
			enum due_state st = oblig_state(&v[i].o, k->q->day);

			if (k->q->all || open_state(st))
				rc = oblig_item(k, &v[i], st);
		}
		if (!rc && n) {
			const struct oblig_row *last = &v[n - 1];

			oq.after = true;
			oq.after_due = last->o.due;
			oq.after_unit = last->o.unit;
			oq.after_asset = last->o.asset;
			oq.after_id = last->id;
			if (!(oq.after_name = arena_strdup(names, last->o.name)))
				rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
		}
		arena_free(c->a);
		c->a = keep;
	}
	arena_free(names);
	return rc;
}

enum cd_err svc_due_walk(struct act *c, const struct due_query *q, due_emit emit, void *arg,
			 size_t *count, size_t *overdue)
{
	struct walk k = {.c = c, .q = q, .emit = emit, .arg = arg, .count = count,
			 .overdue = overdue};
	enum cd_err rc;

	*count = *overdue = 0;
	rc = notices(&k);
	if (!rc)
		rc = obligations(&k);
	if (!rc)
		rc = day_end(&k);
	if (!rc)
		rc = notices_before(&k, CD_DATE_NONE);
	arena_free(k.da);
	return rc;
}

void svc_due_write(struct jw *w, const struct due_item *it)
{
	jw_obj(w, NULL);
	jw_str(w, "what", it->what);
	jw_str(w, "title", it->title);
	jw_str(w, "subject", it->subject ? it->subject : "");
	jw_str(w, "state", due_state_code(it->state));
	jw_str(w, "unit", it->unit_code);
	jw_str(w, "article", it->article ? it->article : "");
	jw_date(w, "due", it->due);
	if (it->duty) {
		jw_str(w, "duty", it->duty);
		jw_int(w, "have", it->have);
		jw_int(w, "need", it->need);
		jw_arr(w, "records");
		for (size_t i = 0; i < it->nrecords; i++)
			jw_int(w, NULL, it->records[i]);
		jw_end(w);
	}
	jw_end(w);
}
