/* act.h — the use-case layer's common ground: who acts, when and within which scope, and the
 * one way an act is written — check, begin, write, append its audit entry, commit — so that the
 * API, the command line and the demo, which all call the acts of svc/ (work.h, …), write the same
 * records and the same audit entries for the same act. */
#ifndef CD_ACT_H
#define CD_ACT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/date.h"
#include "core/err.h"
#include "io/jnull.h"
#include "store/store.h"
#include "svc/policy.h"

/* An act's context, set by the caller. */
struct act {
	struct store *s;
	const struct policy *pol; /* borrowed (policy_get) */
	const char *actor;        /* the audit's actor: account name, "token:ID", "cli:USER", "demo" */
	const char *ip;           /* the client's address; "" for the command line */
	cd_time now;              /* the clock: what "now" and "in the future" mean */
	int64_t scope;            /* the caller's unit subtree; 0 = the whole organisation */
	struct arena *a;          /* what the act allocates for its answer (the caller frees) */
	struct cd_diag *d;        /* the message of a refusal or failure */
	const char *field;        /* out: the input field a refusal is about, or NULL */
	const char *why;          /* out: a refusal's machine code when more precise than the
				   * error's ("out_of_scope"), or NULL */
	bool history;             /* the caller writes a dated history (the demo): times after now
				   * are taken, and each event is recorded at the time it happened */
	bool derived_kept;        /* set by an act that kept the derived obligations up to date
				   * with its writes (or wrote nothing they derive from) */
	/* private */
	bool outer;               /* the caller holds the transaction (the demo) */
	const struct profile *eff; /* act_profile's, once read */
	bool derived_fresh;       /* the derived obligations were fresh when the act began */
};

/* The derived obligations (svc/deadlines.c) are fresh while these settings hold the database's
 * data generation and today's date: an act that began with them fresh and kept them
 * (derived_kept) moves the generation setting on with its own writes; any other write leaves
 * them stale, to be rebuilt whole by the next read. */
#define ACT_DERIVED_GENERATION "obligations_generation"
#define ACT_DERIVED_DAY        "obligations_day"

/* act_derived_fresh: the derived obligations are of the data as it is now, and of today. */
enum cd_err act_derived_fresh(struct act *c, bool *yes);

/* act_derived_mark records them as fresh for the data as it is now and today (inside the
 * transaction that made them so). */
enum cd_err act_derived_mark(struct act *c);

/* act_profile: the policy's profile with the organisation's own settings applied where the
 * policy is silent (policy_profile_with), read once per act; the policy's own when that fails
 * (a reading error is the next write's to report). */
const struct profile *act_profile(struct act *c);

/* act_fail sets the message and the field at fault and returns err. */
enum cd_err act_fail(struct act *c, enum cd_err err, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* act_out_of_scope refuses (CD_EINVAL, why "out_of_scope") what would reach outside the
 * caller's scope, naming the field, in the message fmt (one literal format, through the
 * catalogue as act_fail's). */
enum cd_err act_out_of_scope(struct act *c, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* act_begin opens the act's transaction, unless the caller holds one already (then the act's
 * writes become part of it and act_end neither commits nor rolls back). */
enum cd_err act_begin(struct act *c);

/* act_end ends an act begun with act_begin: on rc == CD_OK it appends the audit entry (action,
 * object, before and after — JSON values it consumes, NULL for none; outcome ok) and commits;
 * on any failure it rolls back. Returns the act's result. */
enum cd_err act_end(struct act *c, enum cd_err rc, const char *action, const char *object,
		    json_t *before, json_t *after);

/* act_read_begin: a read of several statements (a page with what each row needs, one record with
 * its parts) sees one state of the database — a read transaction, opened unless one is open
 * already (*own says whether it was opened here). Also one begin and end for all its statements
 * instead of one per statement. Nothing may be written before act_read_end. */
enum cd_err act_read_begin(struct act *c, bool *own);

/* act_read_end ends the read transaction act_read_begin opened (when own) and returns rc. */
enum cd_err act_read_end(struct act *c, bool own, enum cd_err rc);

/* act_abandon ends an act begun with act_begin that writes nothing after all (a dry run):
 * rolls back, unless the caller holds the transaction. */
void act_abandon(struct act *c);

/* act_in_scope: unit lies in the caller's scope (always with scope 0; never for unit 0 under
 * a scope). */
bool act_in_scope(struct act *c, int64_t unit);

/* act_id_of: the id of the unit, person or asset with this code; a refusal naming the field
 * (CD_ENOTFOUND, "field: no unit \"X\"") when there is none. */
enum cd_err act_id_of(struct act *c, enum store_kind k, const char *code, const char *field,
		      int64_t *id);

/* act_ref_in_scope: the unit, person or system `id` lies in the caller's scope — a unit of its
 * subtree, a person of such a unit, a system that answers to such a unit under any relation
 * (builder, user, manager, operator). Always with scope 0; false for one that does not exist.
 * The one check of a reference every act makes (act_ref, act_assets, act_person_in_scope). */
bool act_ref_in_scope(struct act *c, enum store_kind k, int64_t id);

/* act_ref is act_id_of for a reference a write makes: one outside the caller's scope is refused
 * exactly as one that does not exist (CD_ENOTFOUND, "field: no unit \"X\""), so that a write
 * neither reaches into another unit's records nor tells what they hold. */
enum cd_err act_ref(struct act *c, enum store_kind k, const char *code, const char *field,
		    int64_t *id);

/* act_person_in_scope refuses (CD_ENOTFOUND, naming field, as one that does not exist) the
 * person id (0: none, accepted) outside the caller's scope: the persons an incident's events
 * name. */
enum cd_err act_person_in_scope(struct act *c, int64_t id, const char *field);

/* act_assets: the systems of codes[0..n) → ids in c->a (*ids), refusing naming `field` none,
 * one that does not exist or lies outside the caller's scope (act_ref: every element of the
 * list, alike) and one given twice. */
enum cd_err act_assets(struct act *c, const char *const *codes, size_t n, const char *field,
		       int64_t **ids);

/* act_unit_of: the unit a notice or an incident concerns — the unit `code` names (act_ref,
 * refused naming `field`), or when none is given the managing unit of its first system `asset`. */
enum cd_err act_unit_of(struct act *c, const char *code, const char *field, int64_t asset,
			int64_t *unit);

/* act_docno: the document number (文号) or other typed code `in` as kept (io/docno.h: NFC, trimmed)
 * into *out, in c->a; a refusal names `field` and says what to fix. NULL in gives NULL. */
enum cd_err act_docno(struct act *c, const char *in, const char *field, const char **out);

/* act_not_future refuses an instant more than a minute after now (a step is recorded when it has
 * been done). */
enum cd_err act_not_future(struct act *c, cd_time t, const char *field);

/* act_calendar reads the working-day calendar (the built-in years and those imported), freed
 * with c->a. */
enum cd_err act_calendar(struct act *c, const struct calendar **out);

/* act_text: an update's rule for an optional text — NULL when clear has bit set (the person
 * emptied it), else the one given, else the one it had (was). act_date the same for a date
 * (CD_DATE_NONE for none and not given). */
const char *act_text(const char *given, const char *was, unsigned clear, unsigned bit);
cd_date act_date(cd_date given, cd_date was, unsigned clear, unsigned bit);

#endif
