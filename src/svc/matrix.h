/* matrix.h — the responsibility matrix (责任矩阵): for each unit of the caller's scope, each role
 * the policy profile defines for units, who held it on a chosen day, whether the profile
 * requires it there (a vacancy when nobody did) and whether a role of one holder had two (an
 * overlap); the history of one cell (every term ever held); and the handover of a role, which
 * ends the term in force the day before the new one begins (history is never overwritten). Read
 * a page of units at a time, never the whole register. */
#ifndef CD_MATRIX_H
#define CD_MATRIX_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "svc/act.h"
#include "svc/register.h"

/* svc_matrix_roles: the roles of the matrix's columns as [{"role", "name", "article",
 * "single"}], the profile's unit roles in their order. A new JSON array. */
json_t *svc_matrix_roles(struct act *c);

/* svc_matrix_page: up to limit units of the caller's scope with an id after `after`, in id
 * order (external authorities are passed over: they hold no roles here), each as {"unit",
 * "name", "kind", "parent", "cells": [{"role", "required", "single", "vacant", "overlap",
 * "terms", "holders": [{"duty", "person", "name", "from", "to"}]}]} as of day `on`. *items is
 * a new array; *last the id of the last unit read (0: none; the next page starts after it);
 * *more whether a unit may follow. */
enum cd_err svc_matrix_page(struct act *c, cd_date on, int64_t after, size_t limit,
			    json_t **items, int64_t *last, bool *more);

/* svc_matrix_cell: every term of role (enum role) held for the unit with code `unit` of the
 * caller's scope, the latest first, as [{"duty", "person", "name", "from", "to", "note"}].
 * CD_ENOTFOUND (field "unit") for a unit that does not exist or lies outside the scope. */
enum cd_err svc_matrix_cell(struct act *c, const char *unit, int role, json_t **items);

/* svc_duty_handover: the duty `id` passes to `person` from day `from`: in one transaction the
 * term in force ends the day before (duty.update) unless it ended earlier, and a new term of
 * the same role for the same unit or system begins (duty.create, with `note`). Refuses a day
 * not after the old term's first (field "from") and what svc_duty_add refuses. *out is the
 * new duty. */
enum cd_err svc_duty_handover(struct act *c, int64_t id, const char *person, cd_date from,
			      const char *note, struct rec_row *out);

#endif
