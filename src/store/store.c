/* store.c — picks the backend from the URI and forwards each call through its ops table. */
#include "store_int.h"

#include <string.h>

enum cd_err store_open(const char *uri, unsigned flags, struct store **out, struct cd_diag *d)
{
	*out = NULL;
	if (!uri || !*uri)
		return cd_diag_set(d, CD_EINVAL, "no database given (use --db PATH)");
	if (!strncmp(uri, "sqlite:", 7))
		uri += 7;
	else if (!strncmp(uri, "postgres://", 11) || !strncmp(uri, "postgresql://", 13))
		return cd_diag_set(d, CD_EINVAL,
				   "%s: the PostgreSQL backend is not built yet; use a SQLite file",
				   uri);
	return store_sqlite_open(uri, flags, out, d);
}

void store_close(struct store *s)
{
	if (s)
		s->ops->close(s);
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

enum cd_err store_reg_load(struct store *s, struct reg **out, struct cd_diag *d)
{
	return s->ops->reg_load(s, out, d);
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
			       const char *by, struct cd_diag *d)
{
	return s->ops->notice_check(s, notice, asset, at, by, d);
}

enum cd_err store_notices_load(struct store *s, struct arena *a, struct notice **out, size_t *n,
			       struct cd_diag *d)
{
	return s->ops->notices_load(s, a, out, n, d);
}

enum cd_err store_record_add(struct store *s, struct record *r, struct cd_diag *d)
{
	return s->ops->record_add(s, r, d);
}

enum cd_err store_records_load(struct store *s, struct arena *a, struct record **out, size_t *n,
			       struct cd_diag *d)
{
	return s->ops->records_load(s, a, out, n, d);
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

enum cd_err store_incidents_load(struct store *s, struct arena *a, struct incident **out,
				 size_t *n, struct cd_diag *d)
{
	return s->ops->incidents_load(s, a, out, n, d);
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
