/* profile_load.h — reads policy profiles (YAML, schema in docs/profiles.md) with libyaml,
 * from a buffer, a file or the built-in set compiled into the binary. Every failure is
 * reported as "FILE:LINE: what is wrong" in the diag. */
#ifndef CD_PROFILE_LOAD_H
#define CD_PROFILE_LOAD_H

#include <stddef.h>

#include "core/err.h"
#include "core/profile.h"

/* profile_load_buffer parses len bytes of YAML named `file` (used in messages). On CD_OK
 * *out is a new profile owned by the caller (profile_free). On error *out is NULL and d
 * says what is wrong: CD_EINVAL for a bad profile, CD_ENOMEM. The profile keeps a copy of
 * the text (profile->source). */
enum cd_err profile_load_buffer(const char *buf, size_t len, const char *file, struct profile **out,
				struct cd_diag *d);

/* profile_load_file reads path and parses it; CD_EIO when it cannot be read. */
enum cd_err profile_load_file(const char *path, struct profile **out, struct cd_diag *d);

/* profile_builtin_count / profile_builtin_id enumerate the built-in profiles by id. */
size_t profile_builtin_count(void);
const char *profile_builtin_id(size_t i);

/* profile_open loads a built-in profile by id ("imnu-2022") or, when the argument names a
 * file (contains '/' or ends in ".yaml"/".yml"), that file. CD_ENOTFOUND for an unknown id. */
enum cd_err profile_open(const char *id_or_path, struct profile **out, struct cd_diag *d);

#endif
