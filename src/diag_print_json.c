/* SPDX-License-Identifier: MIT */
/* diag_print_json: findings as one versioned JSON document for programs (schema 1). */
#include "diag.h"

#include <stdint.h>
#include <string.h>

#include "config.h"
#include "utf8.h"

/* A JSON string literal. Every control character is escaped (RFC 8259 requires C0; DEL and C1
 * are escaped too so the output is safe to show), U+2028/U+2029 are escaped because JavaScript
 * before ES2019 treats them as line ends, and invalid UTF-8 becomes U+FFFD so the document is
 * always valid. Other UTF-8 passes through unchanged. */
static void put_str(FILE *out, const char *s)
{
	if (!s) {
		fputs("null", out);
		return;
	}
	size_t len = strlen(s);
	fputc('"', out);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			switch (c) {
			case '"':
				fputs("\\\"", out);
				break;
			case '\\':
				fputs("\\\\", out);
				break;
			case '\b':
				fputs("\\b", out);
				break;
			case '\f':
				fputs("\\f", out);
				break;
			case '\n':
				fputs("\\n", out);
				break;
			case '\r':
				fputs("\\r", out);
				break;
			case '\t':
				fputs("\\t", out);
				break;
			default:
				if (c < 0x20 || c == 0x7F)
					fprintf(out, "\\u%04x", c);
				else
					fputc(c, out);
			}
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (!k) {
			fputs("\\ufffd", out);
			i++;
			continue;
		}
		if (cp < 0xA0 || cp == 0x2028 || cp == 0x2029)
			fprintf(out, "\\u%04x", (unsigned)cp);
		else
			fwrite(s + i, 1, k, out);
		i += k;
	}
	fputc('"', out);
}

static void put_key(FILE *out, const char *key, bool first)
{
	if (!first)
		fputs(", ", out);
	put_str(out, key);
	fputs(": ", out);
}

static void put_pos(FILE *out, struct loc l)
{
	fprintf(out, "{\"line\": %u, \"column\": %u}", (unsigned)l.line, (unsigned)l.col);
}

static void put_diag(FILE *out, const struct diag *d)
{
	const struct diag_info *info = diag_info(d->code);
	fputc('{', out);
	put_key(out, "file", true);
	put_str(out, d->file);
	/* 0 keeps its meaning from struct loc (unknown) so that the fields are always integers. */
	fprintf(out, ", \"line\": %u, \"column\": %u", (unsigned)d->loc.line, (unsigned)d->loc.col);
	put_key(out, "severity", false);
	put_str(out, severity_name(d->sev));
	put_key(out, "code", false);
	put_str(out, info->name);
	put_key(out, "rule", false);
	put_str(out, info->rule);
	put_key(out, "message", false);
	put_str(out, d->msg);
	if (d->help) {
		put_key(out, "help", false);
		put_str(out, d->help);
	}
	if (d->fix) {
		put_key(out, "fix", false);
		fputs("{\"start\": ", out);
		put_pos(out, d->fix->start);
		fputs(", \"end\": ", out);
		put_pos(out, d->fix->end);
		put_key(out, "text", false);
		put_str(out, d->fix->text);
		fputc('}', out);
	}
	if (d->msg2) {
		put_key(out, "related", false);
		fputc('{', out);
		put_key(out, "file", true);
		put_str(out, d->file2 && *d->file2 ? d->file2 : d->file);
		fprintf(out, ", \"line\": %u, \"column\": %u", (unsigned)d->loc2.line,
			(unsigned)d->loc2.col);
		put_key(out, "message", false);
		put_str(out, d->msg2);
		fputc('}', out);
	}
	fputc('}', out);
}

void diag_print_json(const struct diag_store *ds, FILE *out, const struct diag_print_opts *o)
{
	fputs("{\n  \"zhun\": ", out);
	put_str(out, ZHUN_VERSION);
	fputs(",\n  \"schema\": 1,\n  \"command\": ", out);
	put_str(out, o ? o->tool_command : NULL);
	fputs(",\n  \"diagnostics\": [", out);
	/* One finding per line: readable, and line-oriented tools can still diff it. */
	for (size_t i = 0; i < ds->n; i++) {
		fputs(i ? ",\n    " : "\n    ", out);
		put_diag(out, &ds->v[i]);
	}
	fputs(ds->n ? "\n  ],\n" : "],\n", out);
	fprintf(out,
		"  \"summary\": {\"errors\": %zu, \"warnings\": %zu, \"notes\": %zu, \"fatal\": %zu}\n"
		"}\n",
		ds->counts[SEV_ERROR], ds->counts[SEV_WARNING], ds->counts[SEV_NOTE],
		ds->counts[SEV_FATAL]);
}
