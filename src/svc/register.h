/* register.h — the acts of the responsibility register: units, persons, duties, IT projects and
 * assets created and changed, each act one function (act.h: check, transaction, write, audit
 * entry, commit) called alike by the API and the command line; reading one of them within the
 * caller's scope; and the one JSON of each. The audit actions are listed in docs/audit.md. */
#ifndef CD_REGISTER_H
#define CD_REGISTER_H

#include <jansson.h>
#include <stdint.h>

#include "core/reg.h"
#include "store/store.h"
#include "svc/act.h"

/* The inputs are what a person gives: codes for references, values for the rest. On create
 * every field given is taken; on update only those given, the rest stays as stored. Not given:
 * NULL for a text or code, -1 for a number or an enumeration, CD_DATE_NONE for a date. The
 * `clear` bits name the optional values to empty (null in the API). A code is given once, on
 * create: an update may repeat it but not change it (letters, CSV files and other systems
 * name a record by it). */

struct unit_in {
	const char *code, *name;
	const char *parent; /* the unit above it (a move on update); NULL: a root on create */
	int kind;           /* enum unit_kind */
};

struct person_in {
	const char *code, *name;
	const char *unit; /* the unit the person works in */
	const char *title, *phone, *email;
	unsigned clear;   /* PERSON_CLEAR_* */
};
#define PERSON_CLEAR_TITLE 1u
#define PERSON_CLEAR_PHONE 2u
#define PERSON_CLEAR_EMAIL 4u

/* A duty is its role and what it is held for (a unit or a system): those are given on create
 * and never change; a change of holder or role is a new duty. */
struct duty_in {
	int role;                 /* enum role; create only */
	const char *person;       /* who holds it */
	const char *unit, *asset; /* what it is held for, exactly one; create only */
	cd_date from, to;         /* first and last day held */
	const char *note;
	unsigned clear;           /* DUTY_CLEAR_* */
};
#define DUTY_CLEAR_TO   1u /* the term runs on again */
#define DUTY_CLEAR_NOTE 2u

struct project_in {
	const char *code, *name;
	const char *unit;             /* the unit that runs it */
	int year;                     /* budget year */
	int64_t total, security;      /* yuan; security defaults to 0 on create */
};

/* The names of an asset's four answering units (谁建设, 谁使用, 谁主管, 谁运维), by relation: its
 * input fields and the keys of its JSON. */
extern const char *const svc_asset_unit_field[REL__MAX];

struct asset_in {
	const char *code, *name;
	int kind;                     /* enum asset_kind */
	const char *url;
	const char *rel[REL__MAX];    /* unit codes: 谁建设, 谁使用, 谁主管, 谁运维 */
	const char *maintainer, *software;
	int mlps_level;               /* 0 … 5 */
	cd_date graded_on;
	const char *filing_no;
	cd_date filed_on, assessed_on;
	int assess_result;            /* enum assess_result */
	int cii, internet_facing, personal_info, protection_installed; /* 0 / 1 */
	int status;                   /* enum asset_status; STATUS_LIVE on create */
	const char *admin_level;
	/* per enum qualifier: 0 not given, QUAL_NO, QUAL_YES, or ASSET_QUAL_DERIVE (not recorded
	 * any more: derived again) */
	int qual[QUAL__MAX];
	unsigned clear;               /* ASSET_CLEAR_* */
};
#define ASSET_QUAL_DERIVE 3
#define ASSET_CLEAR_URL         1u
#define ASSET_CLEAR_REL(r)      (2u << (r)) /* 2, 4, 8, 16: the unit of relation r */
#define ASSET_CLEAR_MAINTAINER  32u
#define ASSET_CLEAR_SOFTWARE    64u
#define ASSET_CLEAR_GRADED_ON   128u
#define ASSET_CLEAR_FILING_NO   256u
#define ASSET_CLEAR_FILED_ON    512u
#define ASSET_CLEAR_ASSESSED_ON 1024u
#define ASSET_CLEAR_ADMIN_LEVEL 2048u

/* The acts. Each _add creates the record (audit "<kind>.create" with after), each _update
 * changes record id (audit "<kind>.update" with before and after; a record outside the
 * caller's scope is CD_ENOTFOUND, as if it did not exist); on CD_OK *out is the record as
 * stored, its strings in c->a. A refusal writes nothing and names the input field in
 * c->field: a missing value (CD_EINVAL), an unknown reference (CD_ENOTFOUND, "unit: no unit
 * \"X\""), a reference or a result outside the caller's scope (act_out_of_scope), a changed
 * code (CD_EINVAL, "code"), a code taken (CD_ECONFLICT, "code"), and what each kind's rules
 * refuse:
 * - a unit does not move under itself or a unit below it, nor does the top of the caller's
 *   scope or a root of the tree move ("parent"); a root does not become or stop being an
 *   external authority ("kind");
 * - a duty names exactly one of unit and asset ("unit"); role, unit and asset do not change
 *   (named); its last day is not before its first (reg_duty_check: "to"); it lies in the
 *   caller's scope by its unit, else its system's manager, else operator unit;
 * - a project's security budget is part of its total (reg_project_check: "security");
 * - an asset with a grading or filing date has a level ("mlps_level"); it answers to a unit
 *   of the caller's scope under at least one relation ("manager_unit"). */
enum cd_err svc_unit_add(struct act *c, const struct unit_in *in, struct rec_row *out);
enum cd_err svc_unit_update(struct act *c, int64_t id, const struct unit_in *in,
			    struct rec_row *out);
enum cd_err svc_person_add(struct act *c, const struct person_in *in, struct rec_row *out);
enum cd_err svc_person_update(struct act *c, int64_t id, const struct person_in *in,
			      struct rec_row *out);
enum cd_err svc_duty_add(struct act *c, const struct duty_in *in, struct rec_row *out);
enum cd_err svc_duty_update(struct act *c, int64_t id, const struct duty_in *in,
			    struct rec_row *out);
enum cd_err svc_project_add(struct act *c, const struct project_in *in, struct rec_row *out);
enum cd_err svc_project_update(struct act *c, int64_t id, const struct project_in *in,
			       struct rec_row *out);
enum cd_err svc_asset_add(struct act *c, const struct asset_in *in, struct asset_row *out);
enum cd_err svc_asset_update(struct act *c, int64_t id, const struct asset_in *in,
			     struct asset_row *out);

/* svc_rec_get / svc_asset_get read one record of the caller's scope (into c->a);
 * CD_ENOTFOUND ("no unit 7") for one that does not exist or lies outside it. */
enum cd_err svc_rec_get(struct act *c, enum store_rec k, int64_t id, struct rec_row *out);
enum cd_err svc_asset_get(struct act *c, int64_t id, struct asset_row *out);

/* The asset list's filters — of `GET /api/v1/assets`, its export and the ledger
 * (`GET /api/v1/reports/ledger`, `cyberduty report ledger`): each by its query parameter and
 * its command-line option. svc_asset_filter_set is the one parser of them: it sets filter name
 * (a query name) of f from its text — kind, status and assess_result by code or label, mlps_level
 * 0 … 5, cii and filed true/false/1/0, unit by code (a unit that does not exist: CD_ENOTFOUND; the
 * caller's scope applies to the rows as the query reads them), q the text — and refuses bad text
 * with CD_EINVAL, the message naming the filter. svc_asset_filters ends with a NULL name. */
struct svc_asset_filter {
	const char *name;   /* the query parameter: "mlps_level" */
	const char *option; /* the command line's: "--level" */
};
extern const struct svc_asset_filter svc_asset_filters[];
enum cd_err svc_asset_filter_set(struct store *s, struct asset_query *f, const char *name,
				 const char *value, struct cd_diag *d);

/* The one JSON of each record of the register — the API's answers and the audit's before and
 * after; references by code. New values (the caller releases them); NULL when out of memory.
 * svc_rec_json is the one of kind k. The API writes pages of assets as text straight from the
 * row (api_asset_text, through core/jw.h) with the same bytes as svc_asset_json dumped compact (a test keeps
 * them so). */
json_t *svc_unit_json(const struct rec_row *w);
json_t *svc_person_json(const struct rec_row *w);
json_t *svc_duty_json(const struct rec_row *w);
json_t *svc_project_json(const struct rec_row *w);
json_t *svc_rec_json(enum store_rec k, const struct rec_row *w);
json_t *svc_asset_json(const struct asset_row *r);

#endif
