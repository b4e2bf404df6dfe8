/* SPDX-License-Identifier: MIT */
/* diag_print_json: findings as one versioned JSON document for programs (schema 1), and the
 * JSON object of one finding that the diff JSON shares. */
#include "diag.h"
#include "strbuf.h"

#include "config.h"
#include "json.h"

/* 0 keeps its meaning from struct loc (unknown) so that the fields are always integers. */
static void put_pos(struct json_writer *w, const char *key, struct loc l)
{
	json_begin_object(w, key, JSON_LINE);
	json_uint(w, "line", l.line);
	json_uint(w, "column", l.col);
	json_end(w);
}

void diag_json_object(struct json_writer *w, const char *key, const struct diag *d)
{
	const struct diag_info *info = diag_info(d->code);
	json_begin_object(w, key, JSON_LINE);
	json_string(w, "file", d->file);
	json_uint(w, "line", d->loc.line);
	json_uint(w, "column", d->loc.col);
	/* a workbook's line and column are a row and a column: say which sheet and cell */
	if (d->sheet && d->loc.line) {
		struct strbuf cell = STRBUF_INIT;
		diag_cell_ref(d->loc, &cell);
		json_string(w, "sheet", d->sheet);
		json_string(w, "cell", cell.buf);
		strbuf_release(&cell);
	}
	json_string(w, "severity", severity_name(d->sev));
	json_string(w, "code", info->name);
	json_string(w, "rule", info->rule);
	json_string(w, "message", d->msg);
	if (d->help)
		json_string(w, "help", d->help);
	if (d->fix) {
		json_begin_object(w, "fix", JSON_LINE);
		put_pos(w, "start", d->fix->start);
		put_pos(w, "end", d->fix->end);
		json_string(w, "text", d->fix->text);
		json_end(w);
	}
	if (d->msg2) {
		json_begin_object(w, "related", JSON_LINE);
		json_string(w, "file", d->file2 && *d->file2 ? d->file2 : d->file);
		json_uint(w, "line", d->loc2.line);
		json_uint(w, "column", d->loc2.col);
		json_string(w, "message", d->msg2);
		json_end(w);
	}
	json_end(w);
}

/* Declared here, registered in diag.c. */
diag_printer_fn diag_print_json;

void diag_print_json(const struct diag_store *ds, FILE *out, const struct diag_print_opts *o)
{
	struct json_writer w;
	json_writer_init_file(&w, out, JSON_PRETTY);
	json_begin_object(&w, NULL, JSON_PRETTY);
	json_string(&w, "zhun", ZHUN_VERSION);
	json_int(&w, "schema", 1);
	json_string(&w, "command", o ? o->tool_command : NULL);
	/* One finding per line: readable, and line-oriented tools can still diff it. */
	json_begin_array(&w, "diagnostics", JSON_PRETTY);
	for (size_t i = 0; i < ds->n; i++)
		diag_json_object(&w, NULL, &ds->v[i]);
	json_end(&w);
	json_begin_object(&w, "summary", JSON_LINE);
	json_uint(&w, "errors", ds->counts[SEV_ERROR]);
	json_uint(&w, "warnings", ds->counts[SEV_WARNING]);
	json_uint(&w, "notes", ds->counts[SEV_NOTE]);
	json_uint(&w, "fatal", ds->counts[SEV_FATAL]);
	json_end(&w);
	json_end(&w);
	strbuf_addc(w.out, '\n');
	json_writer_release(&w);
}
