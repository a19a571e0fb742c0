/* jwtree.h — the streaming writer (core/jw.h) and jansson's trees, both ways: an encoder written
 * once for the writer gives a tree to the callers that still build one (the command line's
 * --json, eval, an audit entry's after), with the same bytes; and a tree (a stored correction's
 * changes) is written into a writer's answer, labelled as the rest of it. */
#ifndef CD_JWTREE_H
#define CD_JWTREE_H

#include <jansson.h>

#include "core/jw.h"

/* JW_TREE_MAX: the most one encoder writes for a tree (a notice's detail is some KiB) */
#define JW_TREE_MAX ((size_t)64 << 20)

/* jw_tree_begin starts w on the empty buffer b (no labels: a tree is labelled where it is sent) */
void jw_tree_begin(struct jw *w, struct dynbuf *b);

/* jw_tree: what w wrote into b as a tree (NULL when the writer failed or out of memory); b is
 * freed. */
json_t *jw_tree(struct jw *w, struct dynbuf *b);

/* jw_json writes v (NULL: null) as the member key (NULL: an element) through w. */
void jw_json(struct jw *w, const char *key, json_t *v);

#endif
