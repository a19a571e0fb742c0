/* jwtree.c — the writer and jansson's trees (jwtree.h). */
#include "jwtree.h"

#include <stdlib.h>
#include <string.h>

void jw_tree_begin(struct jw *w, struct dynbuf *b)
{
	dynbuf_init(b, JW_TREE_MAX);
	jw_init(w, b, NULL);
}

json_t *jw_tree(struct jw *w, struct dynbuf *b)
{
	json_t *v = jw_done(w) && b->p ? json_loadb(b->p, b->len, JSON_DECODE_ANY, NULL) : NULL;

	dynbuf_free(b);
	return v;
}

void jw_json(struct jw *w, const char *key, json_t *v)
{
	const char *k;
	json_t *m;
	size_t i;

	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_OBJECT:
		jw_obj(w, key);
		json_object_foreach(v, k, m)
			jw_json(w, k, m);
		jw_end(w);
		break;
	case JSON_ARRAY:
		jw_arr(w, key);
		json_array_foreach(v, i, m)
			jw_json(w, NULL, m);
		jw_end(w);
		break;
	case JSON_STRING:
		jw_str(w, key, json_string_value(v));
		break;
	case JSON_INTEGER:
		jw_int(w, key, (int64_t)json_integer_value(v));
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		jw_bool(w, key, json_is_true(v));
		break;
	case JSON_REAL: {
		char *text = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);

		if (text)
			jw_raw(w, key, text, strlen(text));
		else
			w->failed = true;
		free(text);
		break;
	}
	case JSON_NULL:
		jw_null(w, key);
		break;
	}
}
