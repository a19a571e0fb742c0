/* assess.h — the yearly assessment (检查考核) of the units, in the use-case layer: a unit's
 * sheet for a year opened under the indicator template of the profile in force, its indicators
 * computed from what cyberduty knows (records, duties, notices, incidents, the register,
 * projects, gaps) with the records that prove each, manual values and exemptions entered with
 * evidence files, and the cycle — 自评 submitted by the unit, 复评 by the office, 审定 by the
 * leading group, each an act audited with its comment; a sheet returned with a reason goes back a
 * stage; an approved sheet is frozen (its computed values and their records kept) and corrected
 * only as a new version. The ranking of a year with the year before, and the results list.
 * Every read is of one sheet, or one year of the caller's scope, in SQL; nothing loads the
 * organisation. The sheet (struct assess_sheet, svc_assess_sheet) is what the API, the command
 * line, the spreadsheets and the documents read. docs/assessment.md. */
#ifndef CD_SVC_ASSESS_H
#define CD_SVC_ASSESS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/assess.h"
#include "profile/assess_load.h"
#include "store/store.h"
#include "svc/act.h"

#define ASSESS_PROOFS_MAX 50   /* records shown per indicator (all are counted) */
#define ASSESS_RANKING_MAX 2000 /* units one year's ranking may hold */

/* One indicator of a sheet: its value (computed or entered), its score and the records that
 * prove it. */
struct assess_line {
	const struct assess_indicator *ind;
	struct assess_value v;
	struct assess_item it;
	bool computed;                 /* from cyberduty's records (else entered by a person) */
	const char *exempt_reason;     /* 免责 and why, or NULL */
	const char *note;              /* what the person entering it said */
	const char *by;                /* who entered the value or exemption, or NULL */
	cd_time at;
	struct assess_proof_rec *proofs; /* the records behind it, the first ASSESS_PROOFS_MAX */
	size_t nproofs, nrows;         /* shown, and counted in all */
};

/* A unit's sheet of a year, scored. */
struct assess_sheet {
	struct assess_rec rec;
	const struct assess_template *t; /* borrowed from tpl */
	struct assess_tpl *tpl;          /* freed with c->a */
	struct assess_line *lines;       /* t->nind */
	struct assess_total total;
	const struct assess_grade *grade;
	bool frozen;                     /* approved: the values are those kept at approval */
	struct assess_step_rec *steps;   /* the cycle, oldest first */
	size_t nsteps;
	struct evidence_row *files;      /* the evidence files attached to the sheet */
	size_t nfiles;
};

/* svc_assess_sheet reads sheet id of the caller's scope, scored as of now (frozen: as kept at
 * approval), with its steps and evidence files, in c->a. CD_ENOTFOUND outside the scope. The
 * function a document builder calls for one unit's results. */
enum cd_err svc_assess_sheet(struct act *c, int64_t id, struct assess_sheet *out);

/* svc_assess_open opens unit's sheet of year (audit "assessment.open"): version 1, draft,
 * under the organisation's template (svc_assess_template). Refusals: the unit not in the
 * caller's scope ("unit"); a year outside 2000 … 2100 or after this one ("year"); a sheet open
 * already for that unit and year (CD_ECONFLICT, "unit"). */
enum cd_err svc_assess_open(struct act *c, const char *unit, int year, struct assess_sheet *out);

/* A value or an exemption as a person enters it. */
struct assess_entry {
	const char *indicator;  /* its code (required) */
	const char *value;      /* a manual indicator's value: a level 1, 0.5 or 0; a count; or the
				 * n of a share — NULL: not given */
	int64_t of;             /* a share's d, -1 not given */
	int exempt;             /* 1 exempt (reason required), 0 no longer, -1 not given */
	const char *reason;     /* why exempt (免责事由) */
	const char *note;       /* what the value rests on */
};

/* svc_assess_set enters a value or an exemption on a draft sheet (audit "assessment.value",
 * before and after the indicator's entry). Refusals, naming the field: no such indicator
 * ("indicator"); a value for a computed indicator, or one its rule does not take ("value",
 * "of"); an exemption without its reason ("reason"); nothing given; a sheet not in draft
 * (CD_ECONFLICT: return it for correction first). */
enum cd_err svc_assess_set(struct act *c, int64_t id, const struct assess_entry *in,
			   struct assess_sheet *out);

/* The steps of the cycle. */
enum assess_act {
	ASA_SUBMIT,    /* 自评: draft → submitted, by the unit; every manual indicator has a value */
	ASA_REVIEW,    /* 复评: submitted → reviewed, by the office */
	ASA_APPROVE,   /* 审定: reviewed → approved, by the leading group; frozen */
	ASA_RETURN,    /* 退回: submitted or reviewed → draft (to the unit), a reason required */
	ASA_SEND_BACK, /* 退回复评: reviewed → submitted (to the office), a reason required */
	ASA__MAX
};

const char *assess_act_code(enum assess_act a); /* "submit", "review", … "send_back" */

/* svc_assess_step takes sheet id one step (audit "assessment.<code>", before and after the
 * stage, the total and the grade, and the comment), keeping the score of the moment on the
 * sheet and in the step. Refusals: the sheet not at the stage the step starts from
 * (CD_ECONFLICT, naming the stage it is at); a return without a reason ("comment"); a
 * submission with a manual indicator left without a value ("values"). Who may take which step
 * is the caller's (the API's permission classes: the unit submits, the office reviews and
 * returns, the leading group approves and sends back). */
enum cd_err svc_assess_step(struct act *c, int64_t id, enum assess_act step, const char *comment,
			    struct assess_sheet *out);

/* svc_assess_revise corrects an approved sheet as a new version (audit "assessment.revise"):
 * the next version, in draft, under the same template, with the entered values and exemptions
 * of the approved one, superseding it; the reason is required ("reason"). Refusals: the sheet
 * not approved, or not the latest version (CD_ECONFLICT). */
enum cd_err svc_assess_revise(struct act *c, int64_t id, const char *reason,
			      struct assess_sheet *out);

/* svc_assess_page reads a page of the latest sheets of the caller's scope (q->scope set from
 * c): q->limit of them after q->after; *next the id to continue after (0: no more). */
enum cd_err svc_assess_page(struct act *c, struct assess_query q, struct assess_rec **out,
			    size_t *n, int64_t *next);

/* A row of a year's ranking. rank: 1 for the best; ties share a rank; a vetoed or unscored
 * sheet has none (0). */
struct assess_rank {
	struct assess_rank_rec r;
	int rank;
	const char *grade_label, *prev_grade_label; /* from the template of the profile in force */
};

/* svc_assess_ranking reads the ranking of year in the caller's scope — each unit's latest
 * sheet, by total as of its last step (the vetoed after them, the unscored last), with its
 * total of the year before (year-over-year) — at most ASSESS_RANKING_MAX units, in c->a. The
 * function a document builder calls for the ranking and the results list. */
enum cd_err svc_assess_ranking(struct act *c, int year, struct assess_rank **out, size_t *n);

/* svc_assess_results writes the results list of year for the cadre department (干部主管部门):
 * the ranking with each unit's total, grade, veto, stage and the year before — as CSV (UTF-8
 * with a BOM) to f, or as an XLSX workbook at path when path is not NULL; Chinese headers
 * (lang 0) or English (1). */
enum cd_err svc_assess_results(struct act *c, int year, FILE *f, const char *path, int lang);

/* svc_assess_template: the indicator template new sheets are opened under — the
 * organisation's own (svc_assess_template_use) or the built-in one of the profile in force —
 * freed with c->a. */
enum cd_err svc_assess_template(struct act *c, struct assess_tpl **out);

/* svc_assess_grade_label: the label of grade code g in template t ("pass" → "合格"); the code
 * when t does not know it, NULL for NULL. */
const char *svc_assess_grade_label(const struct assess_template *t, const char *g);

/* svc_assess_template_use installs the template file's text as the organisation's own (audit
 * "assessment.template", after its id and its SM3-free length): checked first (its profile
 * must be the one in force); sheets open already keep theirs. */
enum cd_err svc_assess_template_use(struct act *c, const char *source, size_t len,
				    const char *file);

/* The one JSON of each: a sheet in a list (svc_assess_json), a whole sheet with indicators,
 * values, scores, records, files and steps (svc_assess_sheet_json), a row of the ranking. */
json_t *svc_assess_json(const struct assess_rec *r);
json_t *svc_assess_sheet_json(const struct assess_sheet *s);
json_t *svc_assess_rank_json(const struct assess_rank *r);

#endif
