/* multipart.h — a file out of a multipart/form-data body (RFC 7578), as a browser's form or
 * `curl -F file=@x.pdf` sends it: the boundary from the Content-Type, the part of one field
 * name, its file name (filename="…" as browsers write it, raw UTF-8, or RFC 5987 filename*=)
 * and its bytes — which are pointed at in the body, not copied. Pure: no I/O, no allocation;
 * every length checked (fuzz/fuzz_multipart.c). */
#ifndef CD_MULTIPART_H
#define CD_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

#define MULTIPART_NAME_MAX 1024 /* bytes of a file name kept (with its NUL) */

struct multipart_file {
	char filename[MULTIPART_NAME_MAX]; /* decoded; "" when the part gave none */
	const char *data;                  /* into the body */
	size_t len;
};

/* multipart_is: content type ct is multipart/form-data (any parameters). */
bool multipart_is(const char *ct);

/* multipart_find finds the part named `field` in body[0..len) sent with content type ct and
 * fills *out. CD_EINVAL with what is wrong in d: no boundary in ct, a body not framed by it,
 * a part without a Content-Disposition of form-data, no part named field, or one given twice;
 * a file name longer than MULTIPART_NAME_MAX - 1 bytes. */
enum cd_err multipart_find(const char *ct, const char *body, size_t len, const char *field,
			   struct multipart_file *out, struct cd_diag *d);

#endif
