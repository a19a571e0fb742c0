/* assess_load.h — reads the assessment indicator templates (YAML beside each profile:
 * profiles/ID.assess.yaml, schema in docs/assessment.md) with libyaml into a core/assess.h
 * template. Every failure is reported as "FILE:LINE: what is wrong", as profiles are. */
#ifndef CD_ASSESS_LOAD_H
#define CD_ASSESS_LOAD_H

#include <stddef.h>

#include "core/arena.h"
#include "core/assess.h"
#include "core/err.h"

/* A loaded template: the scoring data, its source text (kept with every sheet opened under it)
 * and the arena both live in. */
struct assess_tpl {
	struct assess_template t;
	const char *file, *source;
	size_t source_len;
	struct arena *arena;
};

/* assess_load_buffer parses len bytes of YAML named `file`. On CD_OK *out is a new template the
 * caller frees with assess_tpl_free; else *out is NULL and d says what is wrong (CD_EINVAL for
 * a bad template, CD_ENOMEM). */
enum cd_err assess_load_buffer(const char *buf, size_t len, const char *file,
			       struct assess_tpl **out, struct cd_diag *d);

/* assess_load_file reads path and parses it; CD_EIO when it cannot be read. */
enum cd_err assess_load_file(const char *path, struct assess_tpl **out, struct cd_diag *d);

/* assess_builtin: the built-in template of profile `profile` ("imnu-2022" →
 * profiles/imnu-2022.assess.yaml), parsed; CD_ENOTFOUND when the profile has none. */
enum cd_err assess_builtin(const char *profile, struct assess_tpl **out, struct cd_diag *d);

void assess_tpl_free(struct assess_tpl *t);

#endif
