/* evidence.h — evidence files (证明材料) of the daily work: the scanned notice, the feedback
 * letter, the drill minutes, attached to a notice, an incident or a record (an assessment once
 * they exist: the owner is a kind and an id). One act adds a file (audit "evidence.add" with
 * its owner, name, size, type and SM3 digest); reads list an owner's files and give one back.
 * The type is judged from the bytes (io/sniff.h), never from the name or what the client
 * says, against a short list of document and image types; the size is limited by the setting
 * evidence_max_mb. Everything outside the caller's scope is not found. The bytes are kept in
 * the database (store_evidence.h; docs/evidence.md says why). */
#ifndef CD_EVIDENCE_H
#define CD_EVIDENCE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "svc/act.h"

/* What a file may be attached to. */
enum evidence_owner { EVO_NOTICE, EVO_INCIDENT, EVO_RECORD, EVO_ASSESSMENT, EVO__MAX };

/* evidence_owner_code: "notice", "incident", "record", "assessment"; evidence_owner_parse the reverse, -1. */
const char *evidence_owner_code(enum evidence_owner k);
int evidence_owner_parse(const char *s);

/* evidence_type_allowed: the MIME type t (as io/sniff.h judges it) may be kept; its label for
 * people in *label ("PDF", "Word 文档 (docx)", …) when it may. */
bool evidence_type_allowed(const char *t, const char **label);

/* A file as a person gives it. */
struct evidence_new {
	enum evidence_owner kind;
	int64_t id;          /* the owner by id, or by code when 0 (notices and incidents) */
	const char *code;
	const char *name;    /* the file's name, UTF-8; a path is cut to its last part */
	const void *bytes;   /* borrowed */
	size_t len;
};

/* svc_evidence_limit: the bytes a file may hold (the setting evidence_max_mb, MiB). */
enum cd_err svc_evidence_limit(struct act *c, size_t *bytes);

/* svc_evidence_add attaches a file to its owner (audit "evidence.add", object "evidence:ID",
 * after {owner, name, size, type, sm3}). Refusals, nothing written: the owner not found in the
 * caller's scope (CD_ENOTFOUND); no name or a bad one (CD_EINVAL, field "name"); an empty file
 * (c->why "empty"), one over the limit ("too_large"), or of a type not allowed
 * ("type_not_allowed": 文件类型不允许：…) — CD_EINVAL, field "file". *out is the attachment as
 * kept (strings in c->a). */
enum cd_err svc_evidence_add(struct act *c, const struct evidence_new *in,
			     struct evidence_row *out);

/* svc_evidence_withdraw withdraws attachment id (audit "evidence.withdraw", object
 * "evidence:ID", before {withdrawn: null}, after {owner, name, sm3, reason}): a file attached
 * by mistake, or the wrong one, leaves the owner's evidence but not the database — its bytes
 * stay, listed as withdrawn and still downloadable, for the audit. The reason is required
 * (field "reason", 1 … 2000 bytes); a file withdrawn already is CD_ECONFLICT; outside the
 * caller's scope CD_ENOTFOUND. *out is the attachment as it now stands. */
enum cd_err svc_evidence_withdraw(struct act *c, int64_t id, const char *reason,
				  struct evidence_row *out);

/* svc_evidence_list reads the files of an owner of the caller's scope (by id, or code when id
 * is 0), oldest first, into c->a. */
enum cd_err svc_evidence_list(struct act *c, enum evidence_owner kind, int64_t id,
			      const char *code, struct evidence_row **out, size_t *n);

/* svc_evidence_get reads attachment id when its owner lies in the caller's scope (else
 * CD_ENOTFOUND, as for one that does not exist). */
enum cd_err svc_evidence_get(struct act *c, int64_t id, struct evidence_row *out);

/* svc_evidence_bytes gives the bytes of attachment e (read with svc_evidence_get): a malloc'd
 * copy of e->size bytes the caller frees. */
enum cd_err svc_evidence_bytes(struct act *c, const struct evidence_row *e, void **bytes);

/* svc_evidence_json: the one JSON of an attachment — id, owner {kind, id}, name, type, size,
 * sm3, added_at, added_by, withdrawn (null, or {at, by, reason}). */
json_t *svc_evidence_json(const struct evidence_row *e);

#endif
