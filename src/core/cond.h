/* cond.h — the condition language of accountability triggers (docs/conditions.md): a parser
 * that type-checks a condition against the fact vocabulary (fact.h) into a tree in the caller's
 * arena, and a three-valued (Kleene) evaluator that answers TRUE, FALSE or NEEDS_JUDGEMENT and,
 * for the last, names exactly the unknown facts that would decide it. */
#ifndef CD_COND_H
#define CD_COND_H

#include <stddef.h>

#include "arena.h"
#include "err.h"
#include "fact.h"
#include "profile.h"

#define COND_MAX_LEN   4096 /* bytes of a condition's text */
#define COND_MAX_DEPTH 64   /* nesting of "(" and "not" */

enum cond_value {
	COND_FALSE,
	COND_TRUE,
	COND_NEEDS_JUDGEMENT, /* an unknown fact decides it: ask a person */
	COND__MAX
};

struct cond; /* a parsed condition; lives in the arena it was parsed into, immutable */

/* The outcome of one evaluation.
 *  need: for NEEDS_JUDGEMENT, the unknown facts in the operands still unresolved — the facts to
 *        ask about — each once, in order of first appearance in the condition; empty otherwise.
 *  used: the known facts the outcome rests on (evidence): for TRUE the facts of the operands
 *        that made it true, for FALSE those that made it false, for NEEDS_JUDGEMENT the known
 *        facts of the operands still in play; each once, in order of first appearance.
 * Entries are enum fact values. */
struct cond_result {
	enum cond_value value;
	int need[FACT__MAX];
	size_t nneed;
	int used[FACT__MAX];
	size_t nused;
};

/* cond_parse parses the NUL-terminated condition text into a tree allocated in a (no other
 * allocation) and sets *out to it. cond_parse_n does the same for the len bytes at text, where a
 * NUL byte is an error. Errors (*out untouched), with d (may be NULL) saying
 * "column N: what is wrong", N the 1-based position in code points of the whole text (newlines
 * count as one character, like any other):
 *  CD_EINVAL  a syntax error; an unknown fact; a type error (an ordering comparison of non-numbers,
 *             an equality of two types, a list of mixed types or of another type than the value
 *             looked up in it, a non-bool operand of and / or / not, a non-bool whole condition);
 *             a string that is not a value of a closed vocabulary (asset.kind); an empty
 *             condition or list; text longer than COND_MAX_LEN bytes; nesting deeper than
 *             COND_MAX_DEPTH; invalid UTF-8; a number of more than 15 digits;
 *  CD_ENOMEM  the arena is full. */
enum cd_err cond_parse(const char *text, struct arena *a, const struct cond **out,
		       struct cd_diag *d);
enum cd_err cond_parse_n(const char *text, size_t len, struct arena *a, const struct cond **out,
			 struct cd_diag *d);

/* cond_eval evaluates c over the facts f, fills *out and returns out->value. Never fails. */
enum cond_value cond_eval(const struct cond *c, const struct facts *f, struct cond_result *out);

/* cond_facts fills out with the facts c mentions, each once, in order of first appearance, and
 * returns how many there are. */
size_t cond_facts(const struct cond *c, int out[FACT__MAX]);

/* cond_parse_profile parses the condition of every trigger of p into a and sets *out to an
 * array (in a) of p->ntriggers conditions, in the order of p->triggers. On the first failure
 * it returns the error with d saying "FILE:LINE: trigger ID: column N: what is wrong" (FILE is
 * p->file, LINE the trigger's line) and leaves *out untouched. CD_EINVAL, CD_ENOMEM. */
enum cd_err cond_parse_profile(const struct profile *p, struct arena *a,
			       const struct cond ***out, struct cd_diag *d);

/* cond_check_profile is cond_parse_profile for its verdict only: CD_OK when every trigger's
 * condition parses. The trees are left in a. */
enum cd_err cond_check_profile(const struct profile *p, struct arena *a, struct cd_diag *d);

/* cond_value_code gives "true" / "false" / "needs_judgement", cond_value_label the Chinese
 * label ("成立" / "不成立" / "需人工判断"); "?" for anything else. */
const char *cond_value_code(enum cond_value v);
const char *cond_value_label(enum cond_value v);

#endif
