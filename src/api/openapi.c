/* openapi.c — /api/v1/openapi.json: the OpenAPI 3.1 description of the whole API, written from
 * the route table and its field descriptors, so every route the server answers is described
 * with the fields it really accepts. */
#include <stdio.h>
#include <string.h>

#include "api_int.h"
#include "config.h"

static json_t *field_schema(const struct field *f, bool query)
{
	json_t *s = json_object();
	json_t *type;

	switch (f->type) {
	case FT_INT:
		type = json_string("integer");
		json_object_set_new(s, "minimum", json_integer(f->min));
		json_object_set_new(s, "maximum", json_integer(f->max));
		break;
	case FT_BOOL:
		type = json_string("boolean");
		break;
	case FT_CODES:
	case FT_STRINGS:
		type = json_string("array");
		json_object_set_new(s, "items",
				    json_pack("{s:s, s:s*}", "type", "string", "pattern",
					      f->type == FT_CODES ? "^[A-Za-z0-9._-]{1,64}$" : NULL));
		json_object_set_new(s, "minItems", json_integer(f->min));
		json_object_set_new(s, "maxItems", json_integer(f->max));
		break;
	case FT_ENUM: {
		json_t *e = json_array();

		for (int i = 0; i < f->ncodes; i++)
			json_array_append_new(e, json_string(f->code(i)));
		type = json_string("string");
		json_object_set_new(s, "enum", e);
		break;
	}
	default:
		type = json_string("string");
		if (f->type == FT_DATE)
			json_object_set_new(s, "format", json_string("date"));
		else if (f->type == FT_TIME)
			json_object_set_new(s, "format", json_string("date-time"));
		else if (f->type == FT_CODE)
			json_object_set_new(s, "pattern", json_string("^[A-Za-z0-9._-]{1,64}$"));
		else {
			json_object_set_new(s, "minLength", json_integer(f->min));
			json_object_set_new(s, "maxLength", json_integer(f->max ? f->max : 512));
		}
	}
	if ((f->flags & FF_NULL) && !query)
		json_object_set_new(s, "type", json_pack("[o, s]", type, "null"));
	else
		json_object_set_new(s, "type", type);
	if (f->doc)
		json_object_set_new(s, "description", json_string(f->doc));
	return s;
}

static json_t *body_schema(const struct route *rt)
{
	json_t *props = json_object(), *req = json_array();

	for (size_t i = 0; i < rt->nbody; i++) {
		json_object_set_new(props, rt->body[i].name, field_schema(&rt->body[i], false));
		if ((rt->body[i].flags & FF_REQUIRED) && !(rt->flags & R_UPDATE))
			json_array_append_new(req, json_string(rt->body[i].name));
	}
	return json_pack("{s:s, s:o, s:o, s:b}", "type", "object", "properties", props, "required",
			 req, "additionalProperties", 0);
}

static json_t *parameters(const struct route *rt)
{
	json_t *p = json_array();

	if (strstr(rt->path, "{id}") && (rt->flags & R_CODE))
		json_array_append_new(
			p, json_pack("{s:s, s:s, s:b, s:s, s:{s:[{s:s, s:i}, {s:s, s:i, s:i}]}}",
				     "name", "id", "in", "path", "required", 1, "description",
				     "the id, or the code (文号) percent-encoded; digits alone are an id",
				     "schema", "oneOf", "type", "integer", "minimum", 1, "type",
				     "string", "minLength", 1, "maxLength", 128));
	else if (strstr(rt->path, "{id}"))
		json_array_append_new(p, json_pack("{s:s, s:s, s:b, s:{s:s, s:i}}", "name", "id",
						   "in", "path", "required", 1, "schema", "type",
						   "integer", "minimum", 1));
	for (size_t i = 0; i < rt->nquery; i++)
		json_array_append_new(p, json_pack("{s:s, s:s, s:o}", "name", rt->query[i].name,
						   "in", "query", "schema",
						   field_schema(&rt->query[i], true)));
	if (rt->flags & R_LIST) {
		json_t *sorts = json_array();
		char key[32];

		for (const char *s = rt->sorts; s && *s;) {
			const char *comma = strchr(s, ',');
			size_t n = comma ? (size_t)(comma - s) : strlen(s);

			snprintf(key, sizeof key, "%.*s", (int)n, s);
			json_array_append_new(sorts, json_string(key));
			snprintf(key, sizeof key, "-%.*s", (int)n, s);
			json_array_append_new(sorts, json_string(key));
			s = comma ? comma + 1 : NULL;
		}
		json_array_append_new(p, json_pack("{s:s, s:s, s:{s:s, s:i, s:i, s:i}}", "name",
						   "limit", "in", "query", "schema", "type",
						   "integer", "minimum", 1, "maximum", LIST_MAX,
						   "default", LIST_DEFAULT));
		json_array_append_new(p, json_pack("{s:s, s:s, s:s, s:{s:s}}", "name", "cursor",
						   "in", "query", "description",
						   "the \"next\" of the previous page", "schema",
						   "type", "string"));
		if (rt->sorts)
			json_array_append_new(p, json_pack("{s:s, s:s, s:{s:s, s:o}}", "name", "sort",
							   "in", "query", "schema", "type", "string",
							   "enum", sorts));
		else
			json_decref(sorts);
	}
	return p;
}

static json_t *error_ref(const char *why)
{
	return json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", why, "content",
			 "application/json", "schema", "$ref", "#/components/schemas/Error");
}

/* operation_id: the operation's name, made of its method and path ("GET
 * /api/v1/assets/{id}/files" → "get_assets_by_id_files"): unique as the pair is. */
static const char *operation_id(const struct route *rt, char *buf, size_t n)
{
	const char *p = rt->path + (strncmp(rt->path, "/api/v1", 7) ? 0 : 7);
	size_t k = 0;

	for (const char *m = rt->method; *m && k + 1 < n; m++)
		buf[k++] = (char)(*m >= 'A' && *m <= 'Z' ? *m + 32 : *m);
	for (; *p && k + 6 < n; p++) {
		if (!strncmp(p, "{id}", 4)) {
			memcpy(buf + k, "by_id", 5);
			k += 5;
			p += 3;
		} else if (*p == '/' || *p == '-' || *p == '.') {
			if (k && buf[k - 1] != '_')
				buf[k++] = '_';
		} else {
			buf[k++] = *p;
		}
	}
	while (k && buf[k - 1] == '_')
		k--;
	buf[k] = '\0';
	return buf;
}

/* ok_schema: the shape of a route's answer — a page of a list ({"items", "next"}) or an
 * object. */
static json_t *ok_schema(const struct route *rt)
{
	if (rt->flags & R_LIST)
		return json_pack("{s:s, s:[s], s:{s:{s:s}, s:{s:[s, s], s:s}}}", "type", "object",
				 "required", "items", "properties", "items", "type", "array",
				 "next", "type", "string", "null", "description",
				 "the cursor of the next page; null on the last");
	return json_pack("{s:s}", "type", "object");
}

static json_t *operation(const struct route *rt)
{
	bool write = strcmp(rt->method, "GET") != 0;
	unsigned ok = !strcmp(rt->method, "POST") && !(rt->flags & (R_NOBODY | R_IMPORT)) ? 201
		      : !strcmp(rt->method, "DELETE")				? 204
										: 200;
	json_t *resp = json_object(), *op;
	char code[8], opid[128];

	snprintf(code, sizeof code, "%u", ok);
	if (rt->flags & R_FILE)
		json_object_set_new(resp, code,
				    json_pack("{s:s, s:{s:{s:{s:s, s:s}}}}", "description",
					      "the file as received, with Content-Disposition: "
					      "attachment and the type its bytes were judged to be",
					      "content", "application/octet-stream", "schema", "type",
					      "string", "format", "binary"));
	else
		json_object_set_new(resp, code,
				    ok == 204 ? json_pack("{s:s}", "description", "done")
					      : json_pack("{s:s, s:{s:{s:o}}}", "description",
							  "done", "content", "application/json",
							  "schema", ok_schema(rt)));
	json_object_set_new(resp, "400", error_ref("a malformed request"));
	json_object_set_new(resp, "default", error_ref("any other failure (429 throttled, 500, "
						       "503): the same error object"));
	if (rt->perm != PERM_PUBLIC) {
		json_object_set_new(resp, "401", error_ref("not signed in"));
		json_object_set_new(resp, "403",
				    error_ref("not allowed for the role, or no CSRF token"));
	}
	if (strstr(rt->path, "{id}"))
		json_object_set_new(resp, "404", error_ref("no such record in your scope"));
	if (write) {
		json_object_set_new(resp, "409", error_ref("a conflict with what is recorded"));
		json_object_set_new(resp, "413", error_ref("the body is too large"));
		json_object_set_new(resp, "415",
				    error_ref(rt->flags & R_IMPORT ? "the body is not a spreadsheet"
								 : "the body is not application/json"));
		json_object_set_new(resp, "422",
				    rt->flags & R_IMPORT
					    ? json_pack("{s:s, s:{s:{s:{s:s}}}}", "description",
							"the file has errors: the report lists every "
							"one (row, column, header, value, message)",
							"content", "application/json", "schema",
							"type", "object")
					    : error_ref("a field is missing, unknown or wrong"));
	}
	op = json_pack("{s:s, s:s, s:[s], s:o, s:o, s:s}", "operationId",
		       operation_id(rt, opid, sizeof opid), "summary", rt->summary, "tags", rt->tag,
		       "parameters", parameters(rt), "responses", resp, "x-permission",
		       perm_code(rt->perm));
	if (rt->flags & R_UPLOAD) {
		json_object_set_new(resp, "413", error_ref("the file is larger than the setting "
							   "evidence_max_mb allows"));
		json_object_set_new(resp, "415", error_ref("the body is neither multipart/form-data "
							   "nor application/octet-stream"));
		json_object_set_new(resp, "422", error_ref("no name, an empty file, or a type not "
							   "allowed (文件类型不允许)"));
		json_object_set_new(
			op, "requestBody",
			json_pack("{s:b, s:{s:{s:{s:s, s:[s], s:{s:{s:s, s:s}}}}, s:{s:{s:s, s:s}}}}",
				  "required", 1, "content", "multipart/form-data", "schema", "type",
				  "object", "required", "file", "properties", "file", "type",
				  "string", "format", "binary", "application/octet-stream",
				  "schema", "type", "string", "format", "binary"));
	}
	if (rt->flags & R_IMPORT)
		json_object_set_new(op, "requestBody",
				    json_pack("{s:b, s:{s:{s:{s:s, s:s}}}}", "required", 1,
					      "content", "*/*", "schema", "type", "string",
					      "format", "binary"));
	if (write && rt->nbody)
		json_object_set_new(op, "requestBody",
				    json_pack("{s:b, s:{s:{s:o}}}", "required", 1, "content",
					      "application/json", "schema", body_schema(rt)));
	/* who may call it: anyone (an empty requirement), or a session or a bearer token */
	json_object_set_new(op, "security",
			    rt->perm == PERM_PUBLIC
				    ? json_pack("[{}]")
				    : json_pack("[{s:[]}, {s:[]}]", "session", "bearer"));
	return op;
}

/* lower: "GET" → "get" (OpenAPI names operations in lower case). */
static const char *lower(const char *m, char buf[8])
{
	size_t i;

	for (i = 0; m[i] && i < 7; i++)
		buf[i] = (char)(m[i] >= 'A' && m[i] <= 'Z' ? m[i] + 32 : m[i]);
	buf[i] = '\0';
	return buf;
}

json_t *api_openapi_doc(void)
{
	json_t *paths = json_object();
	char m[8];

	for (size_t i = 0; i < api_nroutes; i++) {
		const struct route *rt = &api_routes[i];
		json_t *item = json_object_get(paths, rt->path);

		if (!item) {
			item = json_object();
			json_object_set_new(paths, rt->path, item);
		}
		json_object_set_new(item, lower(rt->method, m), operation(rt));
	}
	return json_pack(
		"{s:s, s:{s:s, s:s, s:s}, s:[{s:s}], s:o, s:{s:{s:{s:s, s:s, s:s, s:s}, s:{s:s, "
		"s:s}}, s:{s:{s:s, s:[s], s:{s:{s:s, s:[s, s], s:{s:{s:s}, s:{s:s}, s:{s:[s, "
		"s]}}}}}}}, s:[{s:[]}, {s:[]}]}",
		"openapi", "3.1.0", "info", "title", "cyberduty API", "version", CD_VERSION,
		"description",
		"网络安全工作责任制 — the register, deadlines, notices, incidents and accountability "
		"of one organisation. Errors are {\"error\":{\"code\",\"message\",\"field\"}}.",
		"servers", "url", "/", "paths", paths, "components", "securitySchemes", "session",
		"type", "apiKey", "in", "cookie", "name", API_SESSION_COOKIE, "description",
		"the session cookie of POST /api/v1/session; writes also need the X-CSRF-Token "
		"header",
		"bearer", "type", "http", "scheme", "bearer", "schemas", "Error", "type", "object",
		"required", "error", "properties", "error", "type", "object", "required", "code",
		"message", "properties", "code", "type", "string", "message", "type", "string",
		"field", "type", "string", "null", "security", "session", "bearer");
}

int api_openapi(struct api_ctx *x)
{
	return api_ok(x, 200, api_openapi_doc());
}
