/* store.c — picks the backend from the URI and forwards each call through its ops table. */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

/* wipe_key wipes the key's bytes (no OpenSSL here: a volatile walk). */
static void wipe_key(struct store_audit_key *k)
{
	volatile unsigned char *p = (volatile unsigned char *)k;

	for (size_t i = 0; i < sizeof(*k); i++)
		p[i] = 0;
}

enum cd_err store_open(const char *uri, unsigned flags, struct store **out, struct cd_diag *d)
{
	enum cd_err rc;

	*out = NULL;
	if (!uri || !*uri)
		return cd_diag_set(d, CD_EINVAL, "no database given (use --db PATH)");
	if (!strncmp(uri, "sqlite:", 7))
		uri += 7;
	else if (!strncmp(uri, "postgres://", 11) || !strncmp(uri, "postgresql://", 13))
		return cd_diag_set(d, CD_EINVAL,
				   "%s: the PostgreSQL backend is not built yet; use a SQLite file",
				   uri);
	rc = store_sqlite_open(uri, flags, out, d);
	if (!rc && !((*out)->path = strdup(uri))) {
		store_close(*out);
		*out = NULL;
		rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	return rc;
}

void store_close(struct store *s)
{
	if (s) {
		free(s->path);
		wipe_key(&s->key);
		assemble_close(s);
		s->ops->close(s);
	}
}

const char *store_path(const struct store *s)
{
	return s->path;
}

struct store_audit_key *store_audit_key(struct store *s)
{
	return &s->key;
}

enum cd_err store_begin(struct store *s, struct cd_diag *d)
{
	return s->ops->begin(s, d);
}

enum cd_err store_commit(struct store *s, struct cd_diag *d)
{
	return s->ops->commit(s, d);
}

void store_rollback(struct store *s)
{
	s->ops->rollback(s);
}

enum cd_err store_begin_read(struct store *s, struct cd_diag *d)
{
	return s->ops->begin_read(s, d);
}

enum cd_err store_profile_set(struct store *s, const char *id, int version, const char *src,
			      size_t len, const char *on, struct cd_diag *d)
{
	return s->ops->profile_set(s, id, version, src, len, on, d);
}

enum cd_err store_profile_get(struct store *s, char **id, char **src, size_t *len,
			      struct cd_diag *d)
{
	return s->ops->profile_get(s, id, src, len, d);
}

enum cd_err store_unit_add(struct store *s, struct unit *u, struct cd_diag *d)
{
	return s->ops->unit_add(s, u, d);
}

enum cd_err store_person_add(struct store *s, struct person *p, struct cd_diag *d)
{
	return s->ops->person_add(s, p, d);
}

enum cd_err store_asset_add(struct store *s, struct asset *a, struct cd_diag *d)
{
	return s->ops->asset_add(s, a, d);
}

enum cd_err store_duty_add(struct store *s, struct duty *du, struct cd_diag *d)
{
	return s->ops->duty_add(s, du, d);
}

enum cd_err store_calendar_add(struct store *s, int year_from, int year_to, const char *source,
			       const char *on, const struct calendar_entry *e, size_t n,
			       struct cd_diag *d)
{
	return s->ops->calendar_add(s, year_from, year_to, source, on, e, n, d);
}

enum cd_err store_calendar_load(struct store *s, struct arena *a, struct calendar_entry **e,
				size_t *n, int *year_from, int *year_to, struct cd_diag *d)
{
	return s->ops->calendar_load(s, a, e, n, year_from, year_to, d);
}

enum cd_err store_meta_get(struct store *s, const char *key, char **value, struct cd_diag *d)
{
	return s->ops->meta_get(s, key, value, d);
}

enum cd_err store_meta_set(struct store *s, const char *key, const char *value,
			   struct cd_diag *d)
{
	return s->ops->meta_set(s, key, value, d);
}

enum cd_err store_project_add(struct store *s, struct project *p, struct cd_diag *d)
{
	return s->ops->project_add(s, p, d);
}

enum cd_err store_notice_add(struct store *s, struct notice *n, struct cd_diag *d)
{
	return s->ops->notice_add(s, n, d);
}

enum cd_err store_notice_event_add(struct store *s, int64_t notice, const struct notice_event *e,
				   struct cd_diag *d)
{
	return s->ops->notice_event_add(s, notice, e, d);
}

enum cd_err store_notice_check(struct store *s, int64_t notice, int64_t asset, cd_time at,
			       const char *by, const char *note, size_t *n, struct cd_diag *d)
{
	return s->ops->notice_check(s, notice, asset, at, by, note, n, d);
}

enum cd_err store_record_add(struct store *s, struct record *r, struct cd_diag *d)
{
	return s->ops->record_add(s, r, d);
}

enum cd_err store_record_update(struct store *s, const struct record *r, struct cd_diag *d)
{
	return s->ops->record_update(s, r, d);
}

enum cd_err store_incident_add(struct store *s, struct incident *x, struct cd_diag *d)
{
	return s->ops->incident_add(s, x, d);
}

enum cd_err store_incident_event_add(struct store *s, int64_t incident,
				     const struct incident_event *e, struct cd_diag *d)
{
	return s->ops->incident_event_add(s, incident, e, d);
}

enum cd_err store_audit_head(struct store *s, int64_t *seq, char hash[65], struct cd_diag *d)
{
	return s->ops->audit_head(s, seq, hash, d);
}

enum cd_err store_audit_add(struct store *s, const struct store_audit_entry *e,
			    struct cd_diag *d)
{
	return s->ops->audit_add(s, e, d);
}

enum cd_err store_audit_page(struct store *s, int64_t after_seq, size_t max, struct arena *a,
			     struct store_audit_entry **out, size_t *n, struct cd_diag *d)
{
	return s->ops->audit_page(s, after_seq, max, a, out, n, d);
}

enum cd_err store_audit_find(struct store *s, const struct store_audit_filter *f,
			     struct arena *a, struct store_audit_entry **out, size_t *n,
			     struct cd_diag *d)
{
	return s->ops->audit_find(s, f, a, out, n, d);
}

enum cd_err store_audit_anchors(struct store *s, struct arena *a, struct store_audit_anchor **out,
				size_t *n, struct cd_diag *d)
{
	return s->ops->audit_anchors(s, a, out, n, d);
}

enum cd_err store_audit_archive(struct store *s, const struct store_audit_anchor *an,
				struct cd_diag *d)
{
	return s->ops->audit_archive(s, an, d);
}

enum cd_err store_account_add(struct store *s, struct store_account *a, struct cd_diag *d)
{
	return s->ops->account_add(s, a, d);
}

enum cd_err store_account_get(struct store *s, int64_t id, struct store_account *out,
			      struct cd_diag *d)
{
	return s->ops->account_get(s, id, NULL, out, d);
}

enum cd_err store_account_by_name(struct store *s, const char *name, struct store_account *out,
				  struct cd_diag *d)
{
	return s->ops->account_get(s, 0, name, out, d);
}

enum cd_err store_account_list(struct store *s, struct store_account **out, size_t *n,
			       struct cd_diag *d)
{
	return s->ops->account_list(s, out, n, d);
}

enum cd_err store_account_password(struct store *s, int64_t id, const char *hash, cd_time at,
				   struct cd_diag *d)
{
	return s->ops->account_password(s, id, hash, at, d);
}

enum cd_err store_account_role(struct store *s, int64_t id, enum account_role role, int64_t unit,
			       struct cd_diag *d)
{
	return s->ops->account_role(s, id, role, unit, d);
}

enum cd_err store_account_disable(struct store *s, int64_t id, bool disabled, struct cd_diag *d)
{
	return s->ops->account_disable(s, id, disabled, d);
}

enum cd_err store_account_lock(struct store *s, int64_t id, bool locked, cd_time at,
			       const char *ip, struct cd_diag *d)
{
	return s->ops->account_lock(s, id, locked, at, ip, d);
}

enum cd_err store_account_failure(struct store *s, int64_t id, int limit, cd_time at,
				  const char *ip, cd_time until, int *failures, bool *locked,
				  struct cd_diag *d)
{
	return s->ops->account_failure(s, id, limit, at, ip, until, failures, locked, d);
}

enum cd_err store_account_lift(struct store *s, int64_t id, cd_time now, bool *lifted,
			       struct cd_diag *d)
{
	return s->ops->account_lift(s, id, now, lifted, d);
}

enum cd_err store_address_get(struct store *s, const char *ip, struct store_address *out,
			      struct cd_diag *d)
{
	return s->ops->address_get(s, ip, out, d);
}

enum cd_err store_address_set(struct store *s, const char *ip, const struct store_address *a,
			      struct cd_diag *d)
{
	return s->ops->address_set(s, ip, a, d);
}

enum cd_err store_account_login(struct store *s, int64_t id, cd_time at, struct cd_diag *d)
{
	return s->ops->account_login(s, id, at, d);
}

enum cd_err store_account_totp_pending(struct store *s, int64_t id, const unsigned char *key,
				       size_t len, struct cd_diag *d)
{
	return s->ops->account_totp_pending(s, id, key, len, d);
}

enum cd_err store_account_totp_enable(struct store *s, int64_t id, int64_t step,
				      struct cd_diag *d)
{
	return s->ops->account_totp_enable(s, id, step, d);
}

enum cd_err store_account_totp_clear(struct store *s, int64_t id, struct cd_diag *d)
{
	return s->ops->account_totp_clear(s, id, d);
}

enum cd_err store_account_totp_step(struct store *s, int64_t id, int64_t step, bool *accepted,
				    struct cd_diag *d)
{
	return s->ops->account_totp_step(s, id, step, accepted, d);
}

enum cd_err store_session_add(struct store *s, const unsigned char id_hash[STORE_SECRET_HASH],
			      int64_t account, const unsigned char csrf_hash[STORE_SECRET_HASH],
			      cd_time at, struct cd_diag *d)
{
	return s->ops->session_add(s, id_hash, account, csrf_hash, at, d);
}

enum cd_err store_session_get(struct store *s, const unsigned char id_hash[STORE_SECRET_HASH],
			      struct store_session *out, struct store_account *acct,
			      struct cd_diag *d)
{
	return s->ops->session_get(s, id_hash, out, acct, d);
}

enum cd_err store_session_touch(struct store *s, const unsigned char id_hash[STORE_SECRET_HASH],
				cd_time at, struct cd_diag *d)
{
	return s->ops->session_touch(s, id_hash, at, d);
}

enum cd_err store_session_end(struct store *s, const unsigned char id_hash[STORE_SECRET_HASH],
			      struct cd_diag *d)
{
	return s->ops->session_end(s, id_hash, d);
}

enum cd_err store_sessions_end(struct store *s, int64_t account, struct cd_diag *d)
{
	return s->ops->sessions_end(s, account, d);
}

enum cd_err store_sessions_prune(struct store *s, cd_time idle_before, cd_time created_before,
				 struct cd_diag *d)
{
	return s->ops->sessions_prune(s, idle_before, created_before, d);
}

enum cd_err store_token_add(struct store *s, struct store_token *t, struct cd_diag *d)
{
	return s->ops->token_add(s, t, d);
}

enum cd_err store_token_get(struct store *s, const unsigned char hash[STORE_SECRET_HASH],
			    struct store_token *out, struct cd_diag *d)
{
	return s->ops->token_get(s, hash, out, d);
}

enum cd_err store_token_list(struct store *s, struct store_token **out, size_t *n,
			     struct cd_diag *d)
{
	return s->ops->token_list(s, out, n, d);
}

enum cd_err store_token_revoke(struct store *s, int64_t id, cd_time at, struct cd_diag *d)
{
	return s->ops->token_revoke(s, id, at, d);
}

enum cd_err store_role_change_add(struct store *s, struct store_role_change *c,
				  struct cd_diag *d)
{
	return s->ops->role_change_add(s, c, d);
}

enum cd_err store_role_change_get(struct store *s, int64_t id, struct store_role_change *out,
				  struct cd_diag *d)
{
	return s->ops->role_change_get(s, id, out, d);
}

enum cd_err store_role_change_list(struct store *s, const char *state, int64_t before,
				   size_t limit, struct store_role_change **out, size_t *n,
				   struct cd_diag *d)
{
	return s->ops->role_change_list(s, state, before, limit, out, n, d);
}

enum cd_err store_role_change_decide(struct store *s, int64_t id, const char *state,
				     const char *by, const char *reason, cd_time at,
				     struct cd_diag *d)
{
	return s->ops->role_change_decide(s, id, state, by, reason, at, d);
}

bool store_in_transaction(const struct store *s)
{
	return s->ops->in_transaction(s);
}

enum cd_err store_group_begin(struct store *s, struct cd_diag *d)
{
	return s->ops->group_begin(s, d);
}

enum cd_err store_group_end(struct store *s, struct cd_diag *d)
{
	return s->ops->group_end(s, d);
}

enum cd_err store_bulk(struct store *s, bool on, struct cd_diag *d)
{
	return s->ops->bulk(s, on, d);
}

enum cd_err store_unit_within(struct store *s, int64_t unit, int64_t top, bool *yes,
			      struct cd_diag *d)
{
	return s->ops->unit_within(s, unit, top, yes, d);
}

enum cd_err store_unit_top(struct store *s, int64_t unit, bool *yes, struct cd_diag *d)
{
	return s->ops->unit_top(s, unit, yes, d);
}

enum cd_err store_generation(struct store *s, int64_t *n, struct cd_diag *d)
{
	return s->ops->generation(s, n, d);
}

enum cd_err store_id_of(struct store *s, enum store_kind k, const char *code, int64_t *id,
			struct cd_diag *d)
{
	return s->ops->id_of(s, k, code, id, d);
}

enum cd_err store_asset_get(struct store *s, int64_t id, struct arena *a, struct asset_row *out,
			    struct cd_diag *d)
{
	return s->ops->asset_get(s, id, a, out, d);
}

enum cd_err store_asset_update(struct store *s, const struct asset *a, struct cd_diag *d)
{
	return s->ops->asset_update(s, a, d);
}

enum cd_err store_asset_page(struct store *s, const struct asset_query *q, struct arena *a,
			     struct asset_row **out, size_t *n, struct cd_diag *d)
{
	return s->ops->asset_page(s, q, a, out, n, d);
}

enum cd_err store_rec_get(struct store *s, enum store_rec k, int64_t id, struct arena *a,
			  struct rec_row *out, struct cd_diag *d)
{
	return s->ops->rec_get(s, k, id, a, out, d);
}

enum cd_err store_rec_page(struct store *s, enum store_rec k, const struct rec_query *q,
			   struct arena *a, struct rec_row **out, size_t *n, struct cd_diag *d)
{
	return s->ops->rec_page(s, k, q, a, out, n, d);
}

enum cd_err store_unit_update(struct store *s, const struct unit *u, struct cd_diag *d)
{
	return s->ops->unit_update(s, u, d);
}

enum cd_err store_person_update(struct store *s, const struct person *p, struct cd_diag *d)
{
	return s->ops->person_update(s, p, d);
}

enum cd_err store_duty_update(struct store *s, const struct duty *du, struct cd_diag *d)
{
	return s->ops->duty_update(s, du, d);
}

enum cd_err store_project_update(struct store *s, const struct project *p, struct cd_diag *d)
{
	return s->ops->project_update(s, p, d);
}

enum cd_err store_notice_concerns(struct store *s, int64_t id, int64_t top, bool *yes,
				  struct cd_diag *d)
{
	return s->ops->notice_concerns(s, id, top, yes, d);
}

enum cd_err store_incident_concerns(struct store *s, int64_t id, int64_t top, bool *yes,
				    struct cd_diag *d)
{
	return s->ops->incident_concerns(s, id, top, yes, d);
}

enum cd_err store_record_get(struct store *s, int64_t id, struct arena *a, struct record_row *out,
			     struct cd_diag *d)
{
	return s->ops->record_get(s, id, a, out, d);
}

enum cd_err store_record_page(struct store *s, const struct work_query *q, struct arena *a,
			      struct record_row **out, size_t *n, struct cd_diag *d)
{
	return s->ops->record_page(s, q, a, out, n, d);
}

enum cd_err store_asset_events(struct store *s, const int64_t *assets, size_t nassets,
			       cd_time from, cd_time to, struct arena *a, struct asset_event **out,
			       size_t *n, struct cd_diag *d)
{
	return s->ops->asset_events(s, assets, nassets, from, to, a, out, n, d);
}

enum cd_err store_similar(struct store *s, const int64_t *assets, size_t nassets, size_t max,
			  struct arena *a, struct similar **out, size_t *n, size_t *total,
			  struct cd_diag *d)
{
	return s->ops->similar(s, assets, nassets, max, a, out, n, total, d);
}

enum cd_err store_notices_on(struct store *s, const int64_t *assets, size_t n, struct arena *a,
			     int64_t **out, size_t *nout, struct cd_diag *d)
{
	return s->ops->notices_on(s, assets, n, a, out, nout, d);
}

enum cd_err store_obligations_replace(struct store *s, enum oblig_set which, int64_t id,
				      const struct oblig *v, size_t n, struct cd_diag *d)
{
	return s->ops->obligations_replace(s, which, id, v, n, d);
}

enum cd_err store_obligations_replace_duties(struct store *s, const int64_t *units,
					     size_t nunits, const char *const *duties,
					     size_t nduties, const struct oblig *v, size_t n,
					     struct cd_diag *d)
{
	return s->ops->obligations_replace_duties(s, units, nunits, duties, nduties, v, n, d);
}

enum cd_err store_records_answering(struct store *s, int64_t unit, int kind,
				    const char *const *duties, size_t nduties, struct arena *a,
				    struct record **out, size_t *n, struct cd_diag *d)
{
	return s->ops->records_answering(s, unit, kind, duties, nduties, a, out, n, d);
}

enum cd_err store_obligation_page(struct store *s, const struct oblig_query *q, struct arena *a,
				  struct oblig_row **out, size_t *n, struct cd_diag *d)
{
	return s->ops->obligation_page(s, q, a, out, n, d);
}

enum cd_err store_obligation_duties0(struct store *s, struct arena *a, const char ***out,
				     size_t *n, struct cd_diag *d)
{
	return s->ops->obligation_duties0(s, a, out, n, d);
}

enum cd_err store_record_answer(struct store *s, int64_t record, int64_t unit, struct arena *a,
				struct record_answer *out, struct cd_diag *d)
{
	return s->ops->record_answer(s, record, unit, a, out, d);
}

enum cd_err store_obligation_counts(struct store *s, int64_t scope, cd_date today,
				    size_t out[OBLIG__MAX][DUE__MAX], bool *kept,
				    struct cd_diag *d)
{
	return s->ops->obligation_counts(s, scope, today, out, kept, d);
}

enum cd_err store_obligation_counts_keep(struct store *s, cd_date today, struct cd_diag *d)
{
	return s->ops->obligation_counts_keep(s, today, d);
}

enum cd_err store_duty_tally(struct store *s, int64_t scope, cd_date today, struct arena *a,
			     struct duty_tally **out, size_t *n, struct cd_diag *d)
{
	return s->ops->duty_tally(s, scope, today, a, out, n, d);
}

enum cd_err store_notice_update(struct store *s, const struct notice *n, struct cd_diag *d)
{
	return s->ops->notice_update(s, n, d);
}

enum cd_err store_incident_update(struct store *s, const struct incident *x, struct cd_diag *d)
{
	return s->ops->incident_update(s, x, d);
}

enum cd_err store_record_void(struct store *s, int64_t id, cd_time at, const char *by,
			      const char *reason, struct cd_diag *d)
{
	return s->ops->record_void(s, id, at, by, reason, d);
}

enum cd_err store_correction_add(struct store *s, const char *object, int64_t id,
				 const struct correction *c, struct cd_diag *d)
{
	return s->ops->correction_add(s, object, id, c, d);
}

enum cd_err store_corrections_of(struct store *s, const char *object, int64_t id,
				 struct arena *a, struct correction **out, size_t *n,
				 struct cd_diag *d)
{
	return s->ops->corrections_of(s, object, id, a, out, n, d);
}

enum cd_err store_gaps_clear(struct store *s, struct cd_diag *d)
{
	return s->ops->gaps_clear(s, d);
}

enum cd_err store_gap_add(struct store *s, struct gap_row *g, struct cd_diag *d)
{
	return s->ops->gap_add(s, g, d);
}

enum cd_err store_gaps_clear_of(struct store *s, enum gap_of which, int64_t id,
				struct cd_diag *d)
{
	return s->ops->gaps_clear_of(s, which, id, d);
}

enum cd_err store_gap_page(struct store *s, int64_t scope, int rule, int64_t after, size_t limit,
			   struct arena *a, struct gap_row **out, size_t *n, struct cd_diag *d)
{
	return s->ops->gap_page(s, scope, rule, after, limit, a, out, n, d);
}

enum cd_err store_gap_counts(struct store *s, int64_t scope, size_t out[CHECK__MAX],
			     struct cd_diag *d)
{
	return s->ops->gap_counts(s, scope, out, d);
}

enum cd_err store_duties_held(struct store *s, int64_t unit, int role, struct arena *a,
			      struct duty_held **out, size_t *n, struct cd_diag *d)
{
	return s->ops->duties_held(s, unit, role, a, out, n, d);
}

enum cd_err store_person_posts(struct store *s, int64_t person, struct arena *a,
			       struct post **out, size_t *n, struct cd_diag *d)
{
	return s->ops->person_posts(s, person, a, out, n, d);
}

enum cd_err store_account_must_change(struct store *s, int64_t id, struct cd_diag *d)
{
	return s->ops->account_must_change(s, id, d);
}
