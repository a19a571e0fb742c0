/* store_notify.c — store_notify.h handed to the backend's ops (the rest of store.h is in
 * store.c). */
#include "store_int.h"

enum cd_err store_notify_channel_put(struct store *s, struct notify_channel_row *c,
				     struct cd_diag *d)
{
	return s->ops->notify_channel_put(s, c, d);
}

enum cd_err store_notify_channel_get(struct store *s, int64_t id, struct arena *a,
				     struct notify_channel_row *out, struct cd_diag *d)
{
	return s->ops->notify_channel_get(s, id, a, out, d);
}

enum cd_err store_notify_channel_list(struct store *s, struct arena *a,
				      struct notify_channel_row **out, size_t *n,
				      struct cd_diag *d)
{
	return s->ops->notify_channel_list(s, a, out, n, d);
}

enum cd_err store_notify_pref_set(struct store *s, int64_t account, int64_t channel,
				  const char *address, bool on, struct cd_diag *d)
{
	return s->ops->notify_pref_set(s, account, channel, address, on, d);
}

enum cd_err store_notify_pref_list(struct store *s, int64_t account, struct arena *a,
				   struct notify_pref_row **out, size_t *n, struct cd_diag *d)
{
	return s->ops->notify_pref_list(s, account, a, out, n, d);
}

enum cd_err store_notify_add(struct store *s, struct notify_row *m, bool *added,
			     struct cd_diag *d)
{
	return s->ops->notify_add(s, m, added, d);
}

enum cd_err store_notify_known(struct store *s, const char *key, bool *yes, struct cd_diag *d)
{
	return s->ops->notify_known(s, key, yes, d);
}

enum cd_err store_notify_inbox(struct store *s, int64_t account, int64_t before, bool unread,
			       size_t limit, struct arena *a, struct notify_row **out, size_t *n,
			       struct cd_diag *d)
{
	return s->ops->notify_inbox(s, account, before, unread, limit, a, out, n, d);
}

enum cd_err store_notify_unread(struct store *s, int64_t account, int64_t *n, struct cd_diag *d)
{
	return s->ops->notify_unread(s, account, n, d);
}

enum cd_err store_notify_mark(struct store *s, int64_t account, int64_t id, cd_time read_at,
			      struct cd_diag *d)
{
	return s->ops->notify_mark(s, account, id, read_at, d);
}

enum cd_err store_notify_outbox(struct store *s, int state, int64_t before, size_t limit,
				struct arena *a, struct notify_row **out, size_t *n,
				struct cd_diag *d)
{
	return s->ops->notify_outbox(s, state, before, limit, a, out, n, d);
}

enum cd_err store_notify_due(struct store *s, cd_time now, size_t limit, struct arena *a,
			     struct notify_row **out, size_t *n, struct cd_diag *d)
{
	return s->ops->notify_due(s, now, limit, a, out, n, d);
}

enum cd_err store_notify_claim(struct store *s, int64_t id, cd_time now, cd_time until,
			       bool *got, struct cd_diag *d)
{
	return s->ops->notify_claim(s, id, now, until, got, d);
}

enum cd_err store_notify_outcome(struct store *s, int64_t id, enum notify_state state, int tries,
				 cd_time next_at, cd_time sent_at, const char *error,
				 struct cd_diag *d)
{
	return s->ops->notify_outcome(s, id, state, tries, next_at, sent_at, error, d);
}

enum cd_err store_notify_sent_since(struct store *s, int64_t channel, cd_time since,
				    int64_t *n, struct cd_diag *d)
{
	return s->ops->notify_sent_since(s, channel, since, n, d);
}

enum cd_err store_notify_accounts(struct store *s, const char *role, int64_t unit,
				  struct arena *a, struct notify_account **out, size_t *n,
				  struct cd_diag *d)
{
	return s->ops->notify_accounts(s, role, unit, a, out, n, d);
}

enum cd_err store_notify_holder(struct store *s, int64_t unit, const char *role, cd_date on,
				struct arena *a, const char **person, const char **unit_name,
				bool *found, struct cd_diag *d)
{
	return s->ops->notify_holder(s, unit, role, on, a, person, unit_name, found, d);
}

enum cd_err store_notify_round_state(struct store *s, cd_time after, cd_time upto, int64_t *gen,
				     bool *received, struct cd_diag *d)
{
	return s->ops->notify_round_state(s, after, upto, gen, received, d);
}
