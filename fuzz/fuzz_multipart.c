/* fuzz_multipart.c — libFuzzer target for the multipart/form-data reader (src/io/multipart.h).
 * The input is a Content-Type line and a body ("multipart/form-data; boundary=XyZ\n--XyZ\r\n…");
 * without a line break, the body alone under boundary XyZ. The body is copied to a buffer of
 * exactly its size, so reading past it is caught; what is found must lie inside it, and the
 * file name must be a NUL-terminated text within its buffer. Run with `make fuzz`. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size < 200 ? size : 200);
	char ct[256] = "multipart/form-data; boundary=XyZ";
	struct multipart_file f;
	size_t off = 0, n;
	char *body;

	if (nl) {
		size_t cl = (size_t)(nl - data);

		memcpy(ct, data, cl);
		ct[cl] = '\0';
		off = cl + 1;
	}
	n = size - off;
	body = malloc(n ? n : 1);
	if (!body)
		return 0;
	memcpy(body, data + off, n);
	if (multipart_find(ct, body, n, "file", &f, NULL) == CD_OK) {
		if (f.data < body || f.data > body + n || f.len > (size_t)(body + n - f.data) ||
		    !memchr(f.filename, '\0', sizeof f.filename))
			abort();
	}
	free(body);
	return 0;
}
