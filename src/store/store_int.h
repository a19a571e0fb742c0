/* store_int.h — what store.c, assemble.c and the backends share: the ops table each backend
 * fills, its row operations among them. Nobody outside src/store/ includes this, but the
 * store's tests (store_sqlite_explain; test_assemble's stub backend). */
#ifndef CD_STORE_INT_H
#define CD_STORE_INT_H

#include "store.h"

/* --- row operations: what a backend reads for the backend-neutral assembly (assemble.c) -------
 * A backend reads the rows of one table (or of a selection of it), in the order each kind
 * names, decodes each row into its record (text in arena a) and hands it to each(), which
 * links it into its aggregate; the record is the backend's, valid during the call only (its
 * text stays in a). each() returns false when out of memory: the read stops with CD_ENOMEM. */
typedef bool store_row_fn(void *ctx, const void *row);

enum store_rows {
	ROWS_UNITS,	       /* struct unit, by id */
	ROWS_PEOPLE,	       /* struct person, by id */
	ROWS_ASSETS,	       /* struct asset, by id */
	ROWS_DUTIES,	       /* struct duty, by id */
	ROWS_PROJECTS,	       /* struct project, by id */
	ROWS_UNIT_DUTIES,      /* struct duty: those held for a unit (no system), by id */
	ROWS_ASSETS_OF,	       /* struct asset: the systems ids[0..n), by id */
	ROWS_DUTIES_OF_ASSETS, /* struct duty: those held for the systems ids[0..n), by id */
	/* the daily work: the heads (struct notice, struct incident, set up by notice_init and
	 * incident_init, with no parts), then their parts (struct store_part) by owner */
	ROWS_NOTICES,	       /* every notice, by id */
	ROWS_NOTICE_ASSETS,    /* every notice's systems, by notice, then system */
	ROWS_NOTICE_EVENTS,    /* every notice's timeline, by notice, then as recorded */
	ROWS_NOTICE_SIMILAR,   /* every notice's 举一反三 list, by notice, then system */
	ROWS_NOTICE_ASSETS_OF, /* notice ids[0]'s systems, by system, with code and name */
	ROWS_NOTICE_EVENTS_OF, /* notice ids[0]'s timeline, as recorded */
	ROWS_NOTICE_SIMILAR_OF, /* notice ids[0]'s 举一反三 list, strongest reason first, then
				 * system, with code and name */
	ROWS_INCIDENTS,		 /* every incident, by id */
	ROWS_INCIDENT_ASSETS,	 /* every incident's systems, by incident, in the order recorded */
	ROWS_INCIDENT_EVENTS,	 /* every incident's timeline, by incident, then as recorded */
	ROWS_INCIDENT_ASSETS_OF, /* incident ids[0]'s systems as recorded, with code and name */
	ROWS_INCIDENT_EVENTS_OF, /* incident ids[0]'s timeline, as recorded */
	ROWS_RECORDS,		 /* struct record: every record, by id */
	ROWS__MAX
};

/* A row of a notice's or an incident's parts: whose it is and what it holds. */
struct store_part {
	int64_t owner;		 /* the notice's or incident's id */
	int64_t asset;		 /* a system's id (the systems and the 举一反三 list) */
	const char *code, *name; /* that system's, in the _OF reads of systems (else NULL) */
	union {
		struct notice_event nev;   /* ROWS_NOTICE_EVENTS* */
		struct incident_event iev; /* ROWS_INCIDENT_EVENTS* */
		struct notice_check check; /* ROWS_NOTICE_SIMILAR* (its asset is `asset` too) */
	} u;
};

struct store_ops {
	const char *name;
	/* the rows of `which` (ids[0..n) the selection, for the kinds that take one) */
	enum cd_err (*rows)(struct store *s, enum store_rows which, const int64_t *ids, size_t n,
			    struct arena *a, store_row_fn *each, void *ctx, struct cd_diag *d);
	/* at most how many rows `which` (one without a selection) yields — a hint to allocate
	 * once; *n 0 when not known. May be NULL. */
	enum cd_err (*rows_bound)(struct store *s, enum store_rows which, size_t *n,
				  struct cd_diag *d);
	/* the generation of the register's structure (units, people, duties, projects, the
	 * profile): it moves on every write of them, and only then */
	enum cd_err (*structure_gen)(struct store *s, int64_t *gen, struct cd_diag *d);
	void (*close)(struct store *s);
	enum cd_err (*begin)(struct store *s, struct cd_diag *d);
	enum cd_err (*commit)(struct store *s, struct cd_diag *d);
	void (*rollback)(struct store *s);
	enum cd_err (*profile_set)(struct store *s, const char *id, int version, const char *src,
				   size_t len, const char *on, struct cd_diag *d);
	enum cd_err (*profile_get)(struct store *s, char **id, char **src, size_t *len,
				   struct cd_diag *d);
	enum cd_err (*unit_add)(struct store *s, struct unit *u, struct cd_diag *d);
	enum cd_err (*person_add)(struct store *s, struct person *p, struct cd_diag *d);
	enum cd_err (*asset_add)(struct store *s, struct asset *a, struct cd_diag *d);
	enum cd_err (*duty_add)(struct store *s, struct duty *du, struct cd_diag *d);
	enum cd_err (*calendar_add)(struct store *s, int year_from, int year_to, const char *src,
				    const char *on, const struct calendar_entry *e, size_t n,
				    struct cd_diag *d);
	enum cd_err (*calendar_load)(struct store *s, struct arena *a, struct calendar_entry **e,
				     size_t *n, int *year_from, int *year_to, struct cd_diag *d);
	enum cd_err (*meta_get)(struct store *s, const char *key, char **value, struct cd_diag *d);
	enum cd_err (*meta_set)(struct store *s, const char *key, const char *value,
				struct cd_diag *d);
	enum cd_err (*project_add)(struct store *s, struct project *p, struct cd_diag *d);
	enum cd_err (*notice_add)(struct store *s, struct notice *n, struct cd_diag *d);
	enum cd_err (*notice_event_add)(struct store *s, int64_t notice,
					const struct notice_event *e, struct cd_diag *d);
	enum cd_err (*notice_check)(struct store *s, int64_t notice, int64_t asset, cd_time at,
				    const char *by, const char *note, size_t *n,
				    struct cd_diag *d);
	enum cd_err (*record_add)(struct store *s, struct record *r, struct cd_diag *d);
	enum cd_err (*record_update)(struct store *s, const struct record *r, struct cd_diag *d);
	enum cd_err (*incident_add)(struct store *s, struct incident *x, struct cd_diag *d);
	enum cd_err (*incident_event_add)(struct store *s, int64_t incident,
					  const struct incident_event *e, struct cd_diag *d);
	enum cd_err (*unit_within)(struct store *s, int64_t unit, int64_t top, bool *yes,
				   struct cd_diag *d);
	enum cd_err (*unit_top)(struct store *s, int64_t unit, bool *yes, struct cd_diag *d);
	enum cd_err (*generation)(struct store *s, int64_t *n, struct cd_diag *d);
	enum cd_err (*id_of)(struct store *s, enum store_kind k, const char *code, int64_t *id,
			     struct cd_diag *d);
	enum cd_err (*asset_get)(struct store *s, int64_t id, struct arena *a,
				 struct asset_row *out, struct cd_diag *d);
	enum cd_err (*asset_update)(struct store *s, const struct asset *a, struct cd_diag *d);
	enum cd_err (*asset_page)(struct store *s, const struct asset_query *q, struct arena *a,
				  struct asset_row **out, size_t *n, struct cd_diag *d);
	enum cd_err (*rec_get)(struct store *s, enum store_rec k, int64_t id, struct arena *a,
			       struct rec_row *out, struct cd_diag *d);
	enum cd_err (*rec_page)(struct store *s, enum store_rec k, const struct rec_query *q,
				struct arena *a, struct rec_row **out, size_t *n,
				struct cd_diag *d);
	enum cd_err (*unit_update)(struct store *s, const struct unit *u, struct cd_diag *d);
	enum cd_err (*person_update)(struct store *s, const struct person *p, struct cd_diag *d);
	enum cd_err (*duty_update)(struct store *s, const struct duty *du, struct cd_diag *d);
	enum cd_err (*project_update)(struct store *s, const struct project *p,
				      struct cd_diag *d);
	enum cd_err (*account_add)(struct store *s, struct store_account *a, struct cd_diag *d);
	enum cd_err (*account_get)(struct store *s, int64_t id, const char *name,
				   struct store_account *out, struct cd_diag *d);
	enum cd_err (*account_list)(struct store *s, struct store_account **out, size_t *n,
				    struct cd_diag *d);
	enum cd_err (*account_password)(struct store *s, int64_t id, const char *hash, cd_time at,
					struct cd_diag *d);
	enum cd_err (*account_role)(struct store *s, int64_t id, enum account_role role,
				    int64_t unit, struct cd_diag *d);
	enum cd_err (*account_disable)(struct store *s, int64_t id, bool disabled,
				       struct cd_diag *d);
	enum cd_err (*account_lock)(struct store *s, int64_t id, bool locked, cd_time at,
				    const char *ip, struct cd_diag *d);
	enum cd_err (*account_failure)(struct store *s, int64_t id, int limit, cd_time at,
				       const char *ip, cd_time until, int *failures, bool *locked,
				       struct cd_diag *d);
	enum cd_err (*account_login)(struct store *s, int64_t id, cd_time at, struct cd_diag *d);
	enum cd_err (*account_lift)(struct store *s, int64_t id, cd_time now, bool *lifted,
				    struct cd_diag *d);
	enum cd_err (*address_get)(struct store *s, const char *ip, struct store_address *out,
				   struct cd_diag *d);
	enum cd_err (*address_set)(struct store *s, const char *ip, const struct store_address *a,
				   struct cd_diag *d);
	enum cd_err (*account_totp_pending)(struct store *s, int64_t id, const unsigned char *key,
					    size_t len, struct cd_diag *d);
	enum cd_err (*account_totp_enable)(struct store *s, int64_t id, int64_t step,
					   struct cd_diag *d);
	enum cd_err (*account_totp_clear)(struct store *s, int64_t id, struct cd_diag *d);
	enum cd_err (*account_totp_step)(struct store *s, int64_t id, int64_t step, bool *accepted,
					 struct cd_diag *d);
	enum cd_err (*session_add)(struct store *s, const unsigned char *id_hash, int64_t account,
				   const unsigned char *csrf_hash, cd_time at, struct cd_diag *d);
	enum cd_err (*session_get)(struct store *s, const unsigned char *id_hash,
				   struct store_session *out, struct store_account *acct,
				   struct cd_diag *d);
	enum cd_err (*session_touch)(struct store *s, const unsigned char *id_hash, cd_time at,
				     struct cd_diag *d);
	enum cd_err (*session_end)(struct store *s, const unsigned char *id_hash,
				   struct cd_diag *d);
	enum cd_err (*sessions_end)(struct store *s, int64_t account, struct cd_diag *d);
	enum cd_err (*sessions_prune)(struct store *s, cd_time idle_before, cd_time created_before,
				      struct cd_diag *d);
	enum cd_err (*token_add)(struct store *s, struct store_token *t, struct cd_diag *d);
	enum cd_err (*token_get)(struct store *s, const unsigned char *hash,
				 struct store_token *out, struct cd_diag *d);
	enum cd_err (*token_list)(struct store *s, struct store_token **out, size_t *n,
				  struct cd_diag *d);
	enum cd_err (*token_revoke)(struct store *s, int64_t id, cd_time at, struct cd_diag *d);
	enum cd_err (*role_change_add)(struct store *s, struct store_role_change *c,
				       struct cd_diag *d);
	enum cd_err (*role_change_get)(struct store *s, int64_t id, struct store_role_change *out,
				       struct cd_diag *d);
	enum cd_err (*role_change_list)(struct store *s, const char *state, int64_t before,
					size_t limit, struct store_role_change **out, size_t *n,
					struct cd_diag *d);
	enum cd_err (*role_change_decide)(struct store *s, int64_t id, const char *state,
					  const char *by, const char *reason, cd_time at,
					  struct cd_diag *d);
	bool (*in_transaction)(const struct store *s);
	enum cd_err (*bulk)(struct store *s, bool on, struct cd_diag *d);
	enum cd_err (*begin_read)(struct store *s, struct cd_diag *d);
	enum cd_err (*audit_head)(struct store *s, int64_t *seq, char hash[65], struct cd_diag *d);
	enum cd_err (*audit_add)(struct store *s, const struct store_audit_entry *e,
				 struct cd_diag *d);
	enum cd_err (*audit_page)(struct store *s, int64_t after_seq, size_t max, struct arena *a,
				  struct store_audit_entry **out, size_t *n, struct cd_diag *d);
	enum cd_err (*audit_find)(struct store *s, const struct store_audit_filter *f,
				  struct arena *a, struct store_audit_entry **out, size_t *n,
				  struct cd_diag *d);
	enum cd_err (*audit_anchors)(struct store *s, struct arena *a,
				     struct store_audit_anchor **out, size_t *n, struct cd_diag *d);
	enum cd_err (*audit_archive)(struct store *s, const struct store_audit_anchor *an,
				     struct cd_diag *d);
	/* the heads of the daily work — a notice's or an incident's own columns with its unit's,
	 * no parts (assemble.c reads those by ROWS_*_OF): one by id (or, id 0, by code), a page,
	 * a page of the notices of one state */
	enum cd_err (*notice_head)(struct store *s, int64_t id, const char *code, struct arena *a,
				   struct notice_row *out, struct cd_diag *d);
	enum cd_err (*notice_heads)(struct store *s, const struct work_query *q, struct arena *a,
				    struct notice_row **out, size_t *n, struct cd_diag *d);
	enum cd_err (*notice_concerns)(struct store *s, int64_t id, int64_t top, bool *yes,
				       struct cd_diag *d);
	enum cd_err (*incident_head)(struct store *s, int64_t id, const char *code,
				     struct arena *a, struct incident_row *out, struct cd_diag *d);
	enum cd_err (*incident_heads)(struct store *s, const struct work_query *q, struct arena *a,
				      struct incident_row **out, size_t *n, struct cd_diag *d);
	enum cd_err (*incident_concerns)(struct store *s, int64_t id, int64_t top, bool *yes,
					 struct cd_diag *d);
	enum cd_err (*record_get)(struct store *s, int64_t id, struct arena *a,
				  struct record_row *out, struct cd_diag *d);
	enum cd_err (*record_page)(struct store *s, const struct work_query *q, struct arena *a,
				   struct record_row **out, size_t *n, struct cd_diag *d);
	enum cd_err (*asset_events)(struct store *s, const int64_t *assets, size_t nassets,
				    cd_time from, cd_time to, struct arena *a,
				    struct asset_event **out, size_t *n, struct cd_diag *d);
	enum cd_err (*notices_on)(struct store *s, const int64_t *assets, size_t n, struct arena *a,
				  int64_t **out, size_t *nout, struct cd_diag *d);
	enum cd_err (*obligations_replace)(struct store *s, enum oblig_set which, int64_t id,
					   const struct oblig *v, size_t n, struct cd_diag *d);
	enum cd_err (*obligation_page)(struct store *s, const struct oblig_query *q,
				       struct arena *a, struct oblig_row **out, size_t *n,
				       struct cd_diag *d);
	enum cd_err (*obligations_replace_duties)(struct store *s, const int64_t *units,
						  size_t nunits, const char *const *duties,
						  size_t nduties, const struct oblig *v, size_t n,
						  struct cd_diag *d);
	enum cd_err (*records_answering)(struct store *s, int64_t unit, int kind,
					 const char *const *duties, size_t nduties,
					 struct arena *a, struct record **out, size_t *n,
					 struct cd_diag *d);
	enum cd_err (*obligation_duties0)(struct store *s, struct arena *a, const char ***out,
					  size_t *n, struct cd_diag *d);
	enum cd_err (*record_answer)(struct store *s, int64_t record, int64_t unit,
				     struct arena *a, struct record_answer *out, struct cd_diag *d);
	enum cd_err (*obligation_counts)(struct store *s, int64_t scope, cd_date today,
					 size_t out[OBLIG__MAX][DUE__MAX], bool *kept,
					 struct cd_diag *d);
	enum cd_err (*obligation_counts_keep)(struct store *s, cd_date today, struct cd_diag *d);
	enum cd_err (*duty_tally)(struct store *s, int64_t scope, cd_date today, struct arena *a,
				  struct duty_tally **out, size_t *n, struct cd_diag *d);
	enum cd_err (*notice_update)(struct store *s, const struct notice *n, struct cd_diag *d);
	enum cd_err (*incident_update)(struct store *s, const struct incident *x, struct cd_diag *d);
	enum cd_err (*record_void)(struct store *s, int64_t id, cd_time at, const char *by,
				   const char *reason, struct cd_diag *d);
	enum cd_err (*correction_add)(struct store *s, const char *object, int64_t id,
				      const struct correction *c, struct cd_diag *d);
	enum cd_err (*corrections_of)(struct store *s, const char *object, int64_t id,
				      struct arena *a, struct correction **out, size_t *n,
				      struct cd_diag *d);
	enum cd_err (*gaps_clear)(struct store *s, struct cd_diag *d);
	enum cd_err (*gap_add)(struct store *s, struct gap_row *g, struct cd_diag *d);
	enum cd_err (*gaps_clear_of)(struct store *s, enum gap_of which, int64_t id,
				     struct cd_diag *d);
	enum cd_err (*gap_page)(struct store *s, int64_t scope, int rule, int64_t after,
				size_t limit, struct arena *a, struct gap_row **out, size_t *n,
				struct cd_diag *d);
	enum cd_err (*gap_counts)(struct store *s, int64_t scope, size_t out[CHECK__MAX],
				  struct cd_diag *d);
	enum cd_err (*similar)(struct store *s, const int64_t *assets, size_t nassets, size_t max,
			       struct arena *a, struct similar **out, size_t *n, size_t *total,
			       struct cd_diag *d);
	/* evidence files (store_evidence.h) */
	enum cd_err (*evidence_add)(struct store *s, struct evidence_row *e, const void *bytes,
				    struct cd_diag *d);
	enum cd_err (*evidence_get)(struct store *s, int64_t id, struct arena *a,
				    struct evidence_row *out, struct cd_diag *d);
	enum cd_err (*evidence_list)(struct store *s, const char *kind, int64_t owner,
				     struct arena *a, struct evidence_row **out, size_t *n,
				     struct cd_diag *d);
	enum cd_err (*evidence_read)(struct store *s, const char *sm3, uint64_t off, void *buf,
				     size_t n, struct cd_diag *d);
	enum cd_err (*evidence_withdraw)(struct store *s, int64_t id, cd_time at, const char *by,
					 const char *reason, struct cd_diag *d);
	/* yearly assessments (store_assess.h) */
	enum cd_err (*assess_template_put)(struct store *s, const char *template_id,
					   const char *source, int64_t *id, struct cd_diag *d);
	enum cd_err (*assess_add)(struct store *s, struct assess_rec *r, struct cd_diag *d);
	enum cd_err (*assess_get)(struct store *s, int64_t id, int64_t unit, int year,
				  struct arena *a, struct assess_rec *out, struct cd_diag *d);
	enum cd_err (*assess_within)(struct store *s, int64_t id, int64_t top, bool *yes,
				     struct cd_diag *d);
	enum cd_err (*assess_page)(struct store *s, const struct assess_query *q, struct arena *a,
				   struct assess_rec **out, size_t *n, struct cd_diag *d);
	enum cd_err (*assess_update)(struct store *s, const struct assess_rec *r, struct cd_diag *d);
	enum cd_err (*assess_value_put)(struct store *s, int64_t sheet,
					const struct assess_value_rec *v, struct cd_diag *d);
	enum cd_err (*assess_values)(struct store *s, int64_t sheet, struct arena *a,
				     struct assess_value_rec **out, size_t *n, struct cd_diag *d);
	enum cd_err (*assess_step_add)(struct store *s, int64_t sheet, struct assess_step_rec *e,
				       struct cd_diag *d);
	enum cd_err (*assess_steps)(struct store *s, int64_t sheet, struct arena *a,
				    struct assess_step_rec **out, size_t *n, struct cd_diag *d);
	enum cd_err (*assess_ranking)(struct store *s, int64_t scope, int year, size_t max,
				      struct arena *a, struct assess_rank_rec **out, size_t *n,
				      struct cd_diag *d);
	enum cd_err (*assess_proofs)(struct store *s, enum assess_source src, const char *kind,
				     int64_t unit, int year, cd_date day, size_t max,
				     struct arena *a, struct assess_proof_rec **out, size_t *n,
				     struct assess_tally *t, struct cd_diag *d);
	enum cd_err (*account_must_change)(struct store *s, int64_t id, struct cd_diag *d);
	enum cd_err (*duties_held)(struct store *s, int64_t unit, int role, struct arena *a,
				   struct duty_held **out, size_t *n, struct cd_diag *d);
	enum cd_err (*person_posts)(struct store *s, int64_t person, struct arena *a,
				    struct post **out, size_t *n, struct cd_diag *d);
	/* reminders and notifications (store_notify.h) */
	enum cd_err (*notify_channel_put)(struct store *s, struct notify_channel_row *c,
					  struct cd_diag *d);
	enum cd_err (*notify_channel_get)(struct store *s, int64_t id, struct arena *a,
					  struct notify_channel_row *out, struct cd_diag *d);
	enum cd_err (*notify_channel_list)(struct store *s, struct arena *a,
					   struct notify_channel_row **out, size_t *n,
					   struct cd_diag *d);
	enum cd_err (*notify_pref_set)(struct store *s, int64_t account, int64_t channel,
				       const char *address, bool on, struct cd_diag *d);
	enum cd_err (*notify_pref_list)(struct store *s, int64_t account, struct arena *a,
					struct notify_pref_row **out, size_t *n,
					struct cd_diag *d);
	enum cd_err (*notify_add)(struct store *s, struct notify_row *m, bool *added,
				  struct cd_diag *d);
	enum cd_err (*notify_known)(struct store *s, const char *key, bool *yes,
				    struct cd_diag *d);
	enum cd_err (*notify_inbox)(struct store *s, int64_t account, int64_t before, bool unread,
				    size_t limit, struct arena *a, struct notify_row **out,
				    size_t *n, struct cd_diag *d);
	enum cd_err (*notify_unread)(struct store *s, int64_t account, int64_t *n,
				     struct cd_diag *d);
	enum cd_err (*notify_mark)(struct store *s, int64_t account, int64_t id, cd_time read_at,
				   struct cd_diag *d);
	enum cd_err (*notify_outbox)(struct store *s, int state, int64_t before, size_t limit,
				     struct arena *a, struct notify_row **out, size_t *n,
				     struct cd_diag *d);
	enum cd_err (*notify_due)(struct store *s, cd_time now, size_t limit, struct arena *a,
				  struct notify_row **out, size_t *n, struct cd_diag *d);
	enum cd_err (*notify_claim)(struct store *s, int64_t id, cd_time now, cd_time until,
				    bool *got, struct cd_diag *d);
	enum cd_err (*notify_outcome)(struct store *s, int64_t id, enum notify_state state,
				      int tries, cd_time next_at, cd_time sent_at,
				      const char *error, struct cd_diag *d);
	enum cd_err (*notify_sent_since)(struct store *s, int64_t channel, cd_time since,
					 int64_t *n, struct cd_diag *d);
	enum cd_err (*notify_accounts)(struct store *s, const char *role, int64_t unit,
				       struct arena *a, struct notify_account **out, size_t *n,
				       struct cd_diag *d);
	enum cd_err (*notify_holder)(struct store *s, int64_t unit, const char *role, cd_date on,
				     struct arena *a, const char **person, const char **unit_name,
				     bool *found, struct cd_diag *d);
	enum cd_err (*notify_round_state)(struct store *s, cd_time after, cd_time upto,
					  int64_t *gen, bool *received, struct cd_diag *d);
	/* group commit (store_group_begin, store_group_end) */
	enum cd_err (*group_begin)(struct store *s, struct cd_diag *d);
	enum cd_err (*group_end)(struct store *s, struct cd_diag *d);
	/* the kept verdicts (store_verdict.h) */
	enum cd_err (*verdicts_missing)(struct store *s, cd_time now, struct arena *a,
					int64_t **notices, size_t *nn, int64_t **incidents,
					size_t *ni, struct cd_diag *d);
	enum cd_err (*notice_verdict_put)(struct store *s, const struct notice_verdict *v,
					  struct cd_diag *d);
	enum cd_err (*incident_verdict_put)(struct store *s, const struct incident_verdict *v,
					    struct cd_diag *d);
	enum cd_err (*incident_verdict_get)(struct store *s, int64_t id,
					    struct incident_verdict *out, bool *found,
					    struct cd_diag *d);
	enum cd_err (*notice_tally)(struct store *s, int64_t scope, cd_time now, struct arena *a,
				    struct notice_tally *out, struct cd_diag *d);
	enum cd_err (*incident_tally)(struct store *s, int64_t scope, cd_time now,
				      struct arena *a, struct incident_tally *out,
				      struct cd_diag *d);
	enum cd_err (*notice_state_heads)(struct store *s, const struct work_query *q, int state,
					  cd_date today, struct arena *a, struct notice_row **out,
					  size_t *n, struct cd_diag *d);
};

/* Every backend's handle starts with this. */
struct store {
	const struct store_ops *ops;
	char *path;                 /* as opened (store_open), for files kept beside it */
	struct store_audit_key key; /* the audit key, as src/audit/ loaded it */
	struct reg_base *kept;      /* the structure reads around systems start from (assemble.c) */
};

/* assemble_close gives back what the assembly keeps for s (store_close). */
void assemble_close(struct store *s);

/* store_sqlite_open opens (and with STORE_CREATE creates) the SQLite database at path. */
enum cd_err store_sqlite_open(const char *path, unsigned flags, struct store **out,
			      struct cd_diag *d);

/* For tests only: store_sqlite_explain writes the query plan of one statement of the SQLite
 * backend — the detail text of each line of EXPLAIN QUERY PLAN, one a line ("SEARCH n USING
 * INTEGER PRIMARY KEY (rowid>?)") — into out[0..n), truncated to fit. `which` names it:
 * "notice_get", "notice_page", "notice_page_desc", "notice_concerns", "incident_page",
 * "incident_page_desc", "record_page", "record_page_desc", "record_answering_kind",
 * "record_answering_duty", "asset_events", "similar", "assess_page", "assess_ranking", "assess_records", "assess_mlps",
 * "assess_notices", "oblig_page", "oblig_page_desc", a page of the notices of one state
 * "notice_state_due_today", "notice_state_overdue", "notice_state_open",
 * "notice_state_done_on_time", the dashboard's "notice_tally", "incident_tally", a line's kept
 * verdict "incident_verdict_get", or an
 * asset page "asset_page_SORT[_desc][_after]" (SORT id, code, name or level; _after: the page
 * after a cursor). CD_ENOTFOUND for another name, CD_EINVAL when s is not a SQLite store. */
enum cd_err store_sqlite_explain(struct store *s, const char *which, char *out, size_t n);

/* For tests only: store_sqlite_steps gives the virtual machine steps statement `which` (a name
 * of store_sqlite_explain's list but the asset pages; also "oblig_page", "oblig_page_desc") ran
 * since the last call, and starts the count again: what a page touches, whatever the size of
 * the table. CD_ENOTFOUND for another name, CD_EINVAL when s is not a SQLite store. */
enum cd_err store_sqlite_steps(struct store *s, const char *which, long *steps);

/* For tests only: store_sqlite_count starts (on) or stops counting the virtual machine steps of
 * every statement the connection runs, prepared once or on use (by hundreds: a progress
 * handler), and gives in *steps those counted since it last started, the count then reset. */
enum cd_err store_sqlite_count(struct store *s, bool on, long *steps);

#endif
