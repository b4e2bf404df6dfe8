/* SPDX-License-Identifier: MIT */
/* lsp_json: the language server's JSON reader — Debian's cJSON, opened with dlopen on the first
 * message, so that the other commands do not load it at start-up — and its accessors. */
#include "lsp_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "lazylib.h"

#define CJSON_FUNCS(X) X(cJSON_ParseWithLength) X(cJSON_Delete)
static struct {
	CJSON_FUNCS(LAZYLIB_PTR)
} cj;
static const char *const cj_names[] = { CJSON_FUNCS(LAZYLIB_NAME) };

static struct lazylib cj_lib = LAZYLIB_INIT(CJSON_SONAME, cj_names, cj);

struct cJSON *lsp_json_parse(const char *s, size_t len, const char **why)
{
	*why = lazylib_use(&cj_lib);
	if (*why)
		return NULL;
	/* cJSON refuses nesting deeper than CJSON_NESTING_LIMIT (1000), so its recursion is
	 * bounded whatever the client sends */
	return cj.cJSON_ParseWithLength(s, len);
}

void lsp_json_free(struct cJSON *v)
{
	if (v)
		cj.cJSON_Delete(v);
}

/* Members are compared byte for byte: JSON-RPC keys are case-sensitive, unlike
 * cJSON_GetObjectItem's. */
struct cJSON *lsp_json_get(const struct cJSON *obj, const char *key)
{
	if (!lsp_json_is_object(obj))
		return NULL;
	for (struct cJSON *c = obj->child; c; c = c->next)
		if (c->string && !strcmp(c->string, key))
			return c;
	return NULL;
}

struct cJSON *lsp_json_path(const struct cJSON *obj, const char *path)
{
	char key[64];
	const struct cJSON *v = obj;
	while (v && *path) {
		size_t n = strcspn(path, ".");
		if (n >= sizeof key)
			return NULL;
		memcpy(key, path, n);
		key[n] = '\0';
		v = lsp_json_get(v, key);
		path += n + (path[n] == '.');
	}
	return (struct cJSON *)v;
}

const char *lsp_json_str(const struct cJSON *v)
{
	return v && (v->type & 0xFF) == cJSON_String ? v->valuestring : NULL;
}

bool lsp_json_int(const struct cJSON *v, long *out)
{
	if (!v || (v->type & 0xFF) != cJSON_Number)
		return false;
	double d = v->valuedouble;
	/* positions and versions are uinteger/integer (< 2^31): anything else is invalid */
	if (!isfinite(d) || d != floor(d) || d < -2147483648.0 || d > 2147483647.0)
		return false;
	*out = (long)d;
	return true;
}

bool lsp_json_is_object(const struct cJSON *v)
{
	return v && (v->type & 0xFF) == cJSON_Object;
}

bool lsp_json_is_array(const struct cJSON *v)
{
	return v && (v->type & 0xFF) == cJSON_Array;
}

bool lsp_json_is_null(const struct cJSON *v)
{
	return v && (v->type & 0xFF) == cJSON_NULL;
}

bool lsp_json_is_true(const struct cJSON *v)
{
	return v && (v->type & 0xFF) == cJSON_True;
}

struct cJSON *lsp_json_first(const struct cJSON *arr)
{
	return lsp_json_is_array(arr) ? arr->child : NULL;
}

struct cJSON *lsp_json_next(const struct cJSON *v)
{
	return v ? v->next : NULL;
}

void lsp_json_copy(struct json_writer *w, const char *key, const struct cJSON *v)
{
	switch (v ? v->type & 0xFF : cJSON_NULL) {
	case cJSON_False:
		json_bool(w, key, false);
		break;
	case cJSON_True:
		json_bool(w, key, true);
		break;
	case cJSON_Number: {
		long n;
		if (lsp_json_int(v, &n)) {
			json_int(w, key, n);
		} else {
			char num[64];
			snprintf(num, sizeof num, "%.17g",
				 isfinite(v->valuedouble) ? v->valuedouble : 0.0);
			json_number(w, key, num);
		}
		break;
	}
	case cJSON_String:
		json_string(w, key, v->valuestring);
		break;
	case cJSON_Array:
	case cJSON_Object: {
		bool obj = (v->type & 0xFF) == cJSON_Object;
		if (obj)
			json_begin_object(w, key, JSON_COMPACT);
		else
			json_begin_array(w, key, JSON_COMPACT);
		for (const struct cJSON *c = v->child; c; c = c->next)
			lsp_json_copy(w, obj ? (c->string ? c->string : "") : NULL, c);
		json_end(w);
		break;
	}
	default:
		json_null(w, key);
	}
}
