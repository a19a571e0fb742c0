/* qr.c — qr.h with libqrencode: the symbol's modules, one row a string of '0' and '1'. */
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "io/qr.h"

json_t *qr_json(const char *text)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	json_t *rows, *out = NULL;
	char *row;

	if (!q)
		return NULL;
	rows = json_array();
	row = malloc((size_t)q->width + 1);
	for (int y = 0; rows && row && y < q->width; y++) {
		for (int x = 0; x < q->width; x++)
			row[x] = q->data[y * q->width + x] & 1 ? '1' : '0';
		row[q->width] = '\0';
		if (json_array_append_new(rows, json_string(row))) {
			json_decref(rows);
			rows = NULL;
		}
	}
	if (rows && row)
		out = json_pack("{s:i, s:o}", "size", q->width, "rows", rows);
	else
		json_decref(rows);
	if (row)
		memset(row, 0, (size_t)q->width + 1);
	free(row);
	/* the modules spell the secret: wiped before the memory is given back */
	memset(q->data, 0, (size_t)q->width * (size_t)q->width);
	QRcode_free(q);
	return out;
}
