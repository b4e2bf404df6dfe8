/* SPDX-License-Identifier: MIT */
/* lsp_nav: hover, go to definition, find references and the document outline, answered from
 * the last good model of the project and the cross-references `check` extracts. */
#include "lsp_int.h"

#include <stdlib.h>
#include <string.h>

#include "check_int.h"
#include "i18n.h"
#include "model.h"
#include "paths.h"
#include "schema.h"
#include "utf8.h"
#include "xalloc.h"

/* ---- the YAML line under the cursor ---- */

/* The column of a line's key: after its spaces and any "- " of sequence items. */
static size_t key_col(const char *s, size_t a, size_t e, bool *item)
{
	size_t i = a;
	*item = false;
	for (;;) {
		while (i < e && s[i] == ' ')
			i++;
		if (i + 1 < e && s[i] == '-' && s[i + 1] == ' ') {
			*item = true;
			i += 2;
			continue;
		}
		if (i + 1 == e && s[i] == '-') {
			*item = true;
			i++;
		}
		break;
	}
	return i - a;
}

/* The key of the line (a, e) starting at column kc: its length, 0 when the line holds none. */
static size_t key_len(const char *s, size_t a, size_t e, size_t kc)
{
	size_t i = a + kc;
	if (i >= e || s[i] == '#' || s[i] == '"' || s[i] == '\'')
		return 0;
	for (size_t j = i; j < e; j++) {
		if (s[j] == ':' && (j + 1 == e || s[j + 1] == ' '))
			return j - i;
		if (s[j] == ' ' && j + 1 < e && s[j + 1] == '#')
			return 0;
	}
	return 0;
}

/* The record reached from `r` through the key `k`. */
static const struct rec_def *step(const struct rec_def *r, const char *k, bool *body)
{
	if (*body) {
		*body = false;
		const struct block_def *b = schema_block(k);
		return b ? b->rec : NULL;
	}
	const struct field *f = r ? schema_field(r, k) : NULL;
	if (!f)
		return NULL;
	if (f->type == FT_BODY) {
		*body = true;
		return r;
	}
	if (f->type == FT_LIST)
		return &schema_list_rec;
	return f->type == FT_REC || f->type == FT_RECLIST || f->type == FT_CELLROWS ? f->rec : NULL;
}

void lsp_yaml_line(const struct lsp_text *t, size_t off, struct lsp_line *out)
{
	memset(out, 0, sizeof *out);
	struct loc here = lsp_offset_to_loc(t, off);
	size_t ln = here.line - 1;
	const char *s = t->s;
	size_t a = t->line_start[ln];
	size_t e = ln + 1 < t->nlines ? t->line_start[ln + 1] - 1 : t->len;
	if (e > a && s[e - 1] == '\r')
		e--;
	out->line_start = a;
	out->line_end = e;
	bool item;
	size_t kc = key_col(s, a, e, &item);
	out->item = item;
	size_t kl = key_len(s, a, e, kc);
	out->key_start = out->key_end = a + kc;
	out->value = e;
	if (kl && kl < sizeof out->key) {
		memcpy(out->key, s + a + kc, kl);
		out->key[kl] = '\0';
		out->key_end = a + kc + kl;
		size_t v = out->key_end + 1;
		while (v < e && s[v] == ' ')
			v++;
		out->value = v;
	}
	out->in_key = off <= out->key_end;
	/* the keys above, each at a smaller column than the last */
	size_t cur = kl ? kc : (off - a < kc ? off - a : kc);
	char path[32][64];
	size_t np = 0;
	for (size_t l = ln; l-- > 0 && cur > 0 && np < 32;) {
		size_t la = t->line_start[l];
		size_t le = t->line_start[l + 1] - 1;
		if (le > la && s[le - 1] == '\r')
			le--;
		bool it;
		size_t c = key_col(s, la, le, &it);
		if (la + c >= le || s[la + c] == '#')
			continue;
		if (c >= cur)
			continue;
		size_t n = key_len(s, la, le, c);
		if (!n || n >= 64) {
			if (c < cur)
				cur = c;
			continue;
		}
		memcpy(path[np], s + la + c, n);
		path[np][n] = '\0';
		np++;
		cur = c;
	}
	if (!np && !kl)
		return;
	/* the root key decides the kind */
	const char *rootkey = np ? path[np - 1] : out->key;
	out->kind = doc_kind_from_name(rootkey);
	const struct rec_def *r = schema_root(out->kind);
	if (!np) {
		out->rec = NULL; /* the root key itself */
		return;
	}
	bool body = false;
	for (size_t k = np - 1; k-- > 0 && r;)
		r = step(r, path[k], &body);
	out->rec = body ? NULL : r;
}

/* ---- finding things in the model ---- */

/* The doc_info of `path` in the check context, or NULL. */
static struct doc_info *doc_info_of(struct check_ctx *c, const char *path)
{
	for (size_t i = 0; i < c->ndocs; i++)
		if (!strcmp(c->docs[i].doc->path, path))
			return &c->docs[i];
	return NULL;
}

/* The cross-reference whose text covers `l`, or NULL. */
static const struct xref *xref_at(const struct doc_info *di, struct loc l)
{
	for (size_t i = 0; di && i < di->nxrefs; i++) {
		const struct xref *x = &di->xrefs[i];
		if (x->loc.line != l.line || x->loc.col > l.col)
			continue;
		size_t n = utf8_count(x->text, strlen(x->text));
		if (l.col < x->loc.col + n)
			return x;
	}
	return NULL;
}

/* A numbered element found: at its number, else where it starts, and its title. */
static bool found(const struct text *num, struct loc whole, const struct text *t, struct loc *loc,
		  const char **title)
{
	*loc = num->loc.line ? num->loc : whole;
	*title = t->s;
	return true;
}

/* What a cross-reference points at: its loc, number and title (any may be absent). */
static bool xref_target(const struct doc_info *di, const struct xref *x, struct loc *loc,
			const char **num, const char **title)
{
	const char *key = x->target;
	char buf[64];
	*num = key;
	*title = NULL;
	switch (x->kind) {
	case XREF_CLAUSE:
	case XREF_CHAPTER:
	case XREF_BARE_CHAPTER: {
		const struct clause *c = strmap_get(&di->clauses, key);
		return c && found(&c->num, c->loc, &c->title, loc, title);
	}
	case XREF_NOTE:
	case XREF_LIST_ITEM: {
		/* "5.2/2", "9.3.3/b": the clause that holds it */
		size_t n = strcspn(key, "/");
		if (n >= sizeof buf)
			return false;
		memcpy(buf, key, n);
		buf[n] = '\0';
		const struct clause *c = strmap_get(&di->clauses, buf);
		return c && found(&c->num, c->loc, &c->title, loc, title);
	}
	case XREF_ANNEX: {
		const struct annex *a = strmap_get(&di->annexes, key);
		return a && found(&a->num, a->loc, &a->title, loc, title);
	}
	case XREF_TABLE:
	case XREF_FIGURE:
	case XREF_FORMULA: {
		const struct strmap *m = x->kind == XREF_TABLE	  ? &di->tables
					 : x->kind == XREF_FIGURE ? &di->figures
								  : &di->formulas;
		const struct block *b = strmap_get(m, key);
		return b && found(&b->num, b->loc, &b->title, loc, title);
	}
	default:
		return false;
	}
}

/* A standard number whose text covers byte `off` of t: its parse, start and end offsets. */
static bool number_at(const struct lsp_text *t, size_t off, struct stdno *no, size_t *a, size_t *b)
{
	struct lsp_line ln;
	lsp_yaml_line(t, off, &ln);
	size_t from = off > ln.line_start + 200 ? off - 200 : ln.line_start;
	for (size_t i = from; i <= off && i < ln.line_end; i++) {
		if (((unsigned char)t->s[i] & 0xC0) == 0x80)
			continue;
		size_t n = stdno_scan(t->s + i, ln.line_end - i, no);
		if (n && i + n > off) {
			*a = i;
			*b = i + n;
			return true;
		}
		if (n)
			i += n - 1;
	}
	return false;
}

static void add_date(struct strbuf *sb, const char *label, const struct date *d)
{
	char buf[DATE_TEXT_SIZE];
	if (d->y)
		strbuf_addf(sb, "  \n%s: %s", label, date_format(d, buf));
}

/* Hover text of a standard number: its title, status and dates from the rows and registries. */
static bool hover_number(struct check_ctx *c, const struct stdno *no, struct strbuf *sb)
{
	const struct row *row = NULL;
	const struct edition *ed = NULL;
	int st = check_number_status(c, no, &row, &ed);
	if (!st && !row && !ed)
		return false;
	struct strbuf num = STRBUF_INIT;
	strbuf_init(&num);
	stdno_format(no, &num);
	const char *title = row && row->title.s ? row->title.s
			    : ed && ed->title.s ? ed->title.s
						: NULL;
	strbuf_addf(sb, "**%s**", num.buf);
	if (title)
		strbuf_addf(sb, " %s", title);
	if (st)
		strbuf_addf(sb, "  \n%s: %s（%s）", _("status"), status_word(st, false),
			    status_word(st, true));
	if (row) {
		add_date(sb, _("published"), &row->published);
		add_date(sb, _("effective"), &row->effective);
		add_date(sb, _("withdrawn"), &row->withdrawn);
		if (row->code.s)
			strbuf_addf(sb, "  \n%s: %s", _("system row"), row->code.s);
	} else if (ed) {
		add_date(sb, _("published"), &ed->published);
		add_date(sb, _("effective"), &ed->effective);
		add_date(sb, _("withdrawn"), &ed->withdrawn);
	}
	strbuf_release(&num);
	return true;
}

/* Hover of a key (its line of the format reference) or of an enumerated word. */
static bool hover_key(const struct lsp_line *ln, const struct lsp_text *t, size_t off,
		      struct strbuf *sb)
{
	const struct field *f = ln->rec && ln->key[0] ? schema_field(ln->rec, ln->key) : NULL;
	if (!f || (!ln->in_key && f->type != FT_ENUM))
		return false;
	if (ln->in_key) {
		strbuf_addf(sb, "`%s` (%s): %s", f->key, ln->rec->name, f->doc ? f->doc : "");
		if (f->type == FT_ENUM) {
			strbuf_adds(sb, "  \n");
			schema_enum_words(f->en, sb);
		}
		return true;
	}
	size_t e = ln->line_end;
	while (e > ln->value && (t->s[e - 1] == ' ' || t->s[e - 1] == '"' || t->s[e - 1] == '\''))
		e--;
	size_t v = ln->value;
	while (v < e && (t->s[v] == '"' || t->s[v] == '\''))
		v++;
	char *word = xstrndup(t->s + v, e - v);
	int val = schema_enum_value(f->en, word);
	free(word);
	if (!val)
		return false;
	strbuf_addf(sb, "`%s`: %s — %s", f->key, schema_enum_word(f->en, val, false),
		    schema_enum_word(f->en, val, true));
	return true;
}

/* Rows filed under category `cat` or below it. */
static size_t rows_under(const struct system *sys, const struct category *cat)
{
	size_t n = 0;
	for (size_t i = 0; i < sys->nrows; i++)
		for (const struct category *k = sys->rows[i].category; k; k = k->parent)
			if (k == cat) {
				n++;
				break;
			}
	return n;
}

static struct category *category_at_line(struct system *sys, uint32_t line, bool *row_code)
{
	*row_code = false;
	for (size_t i = 0; i < sys->ncat; i++)
		if (sys->cat_preorder[i]->code.loc.line == line)
			return sys->cat_preorder[i];
	for (size_t i = 0; i < sys->nrows; i++)
		if (sys->rows[i].code.loc.line == line) {
			*row_code = true;
			return sys->rows[i].category;
		}
	return NULL;
}

/* ---- names in a records file ---- */

static bool name_stop(const char *s, size_t i, size_t end)
{
	return strchr(",[]{}\"'#", s[i]) || (s[i] == ':' && (i + 1 == end || s[i + 1] == ' '));
}

/* The row or category that the name at byte `off` of a records file designates (an item of
 * `standards:` or `scope:`, the value of `standard:`; in block or flow style): true with *row
 * or *cat set, false when the file is no records file of a system or the text there names
 * neither. */
static bool records_name_at(struct lsp_at *at, const struct row **row, const struct category **cat)
{
	*row = NULL;
	*cat = NULL;
	if (!at->m || at->ln.in_key || at->ln.kind != DOC_RECORDS)
		return false;
	const struct records_index *ix = lsp_model_records_index(at->m);
	struct doc *doc = lsp_model_doc(at->m, at->d->path);
	if (!ix || !doc || doc->kind != DOC_RECORDS)
		return false;
	const char *s = at->t.s;
	size_t a = at->off, b = at->off, ls = at->ln.line_start, le = at->ln.line_end;
	if (a < le && name_stop(s, a, le))
		return false;
	while (a > ls && !name_stop(s, a - 1, le) &&
	       !(a - 1 > ls && s[a - 1] == ' ' && s[a - 2] == ':'))
		a--;
	while (b < le && !name_stop(s, b, le))
		b++;
	while (a < b && s[a] == ' ')
		a++;
	if (b - a >= 2 && s[a] == '-' && s[a + 1] == ' ')
		a += 2;
	while (a < b && (s[a] == ' ' || s[b - 1] == ' ' || s[b - 1] == '\r'))
		s[a] == ' ' ? a++ : b--;
	if (a == b || at->off < a || at->off > b)
		return false;
	char *name = xstrndup(s + a, b - a);
	bool found = records_resolve(ix, name, row, cat);
	free(name);
	return found;
}

static void send_hover(struct lsp_server *s, const struct cJSON *id, const struct strbuf *text)
{
	struct json_writer w;
	lsp_begin_result(s, &w, id);
	if (!text->len) {
		json_null(&w, "result");
	} else {
		json_begin_object(&w, "result", JSON_COMPACT);
		json_begin_object(&w, "contents", JSON_COMPACT);
		json_string(&w, "kind", "markdown");
		json_string(&w, "value", text->buf);
		json_end(&w);
		json_end(&w);
	}
	lsp_end(s, &w);
}

int lsp_hover(struct lsp_server *s, const struct cJSON *id, const struct cJSON *params,
	      const char **msg)
{
	struct lsp_at at;
	if (!lsp_at_init(s, params, &at, msg))
		return LSP_INVALID_PARAMS;
	struct strbuf out = STRBUF_INIT;
	strbuf_init(&out);
	struct stdno no;
	size_t a, b;
	const struct xref *x = NULL;
	const struct row *rrow;
	const struct category *rcat;
	if (at.di && (x = xref_at(at.di, at.here)) && x->kind != XREF_STD) {
		struct loc l;
		const char *num, *title;
		if (xref_target(at.di, x, &l, &num, &title))
			strbuf_addf(&out, "%s %s", num, title ? title : "");
		else
			strbuf_addf(&out, _("'%s' has no target in this document"), x->text);
	} else if (records_name_at(&at, &rrow, &rcat)) {
		if (rrow && !(rrow->number.ok && hover_number(at.c, &rrow->number.no, &out)))
			strbuf_addf(&out, "**%s** %s  \n%s: %s", rrow->key_eff,
				    rrow->title.s ? rrow->title.s : "", _("system row"),
				    rrow->code.s ? rrow->code.s : "");
		if (rcat)
			strbuf_addf(&out, "%s %s  \n%s: %zu", rcat->code.s,
				    rcat->title.s ? rcat->title.s : "", _("rows"),
				    rows_under(at.m->p.system, rcat));
	} else if (at.c && number_at(&at.t, at.off, &no, &a, &b) && hover_number(at.c, &no, &out)) {
		/* done */
	} else if (hover_key(&at.ln, &at.t, at.off, &out)) {
		/* done */
	} else if (at.m && at.m->p.system && at.m->p.system_doc &&
		   !strcmp(at.m->p.system_doc->path, at.d->path)) {
		bool rc;
		const struct category *cat = category_at_line(at.m->p.system, at.here.line, &rc);
		if (cat && !at.ln.in_key && !strcmp(at.ln.key, "code"))
			strbuf_addf(&out, "%s %s  \n%s: %zu", cat->code.s,
				    cat->title.s ? cat->title.s : "", _("rows"),
				    rows_under(at.m->p.system, cat));
	}
	send_hover(s, id, &out);
	strbuf_release(&out);
	return 0;
}

bool lsp_at_init(struct lsp_server *s, const struct cJSON *params, struct lsp_at *at,
		 const char **msg)
{
	memset(at, 0, sizeof *at);
	at->d = lsp_doc_find(s, lsp_json_str(lsp_json_path(params, "textDocument.uri")));
	long line, ch;
	if (!at->d) {
		*msg = "the document is not open";
		return false;
	}
	if (!lsp_json_int(lsp_json_path(params, "position.line"), &line) ||
	    !lsp_json_int(lsp_json_path(params, "position.character"), &ch) || line < 0 || ch < 0) {
		*msg = "a position needs a line and a character";
		return false;
	}
	lsp_text_of_doc(at->d, &at->t);
	at->off = lsp_pos_to_offset(s, &at->t, line, ch);
	at->here = lsp_offset_to_loc(&at->t, at->off);
	lsp_yaml_line(&at->t, at->off, &at->ln);
	at->m = lsp_model_of(s, at->d->path);
	at->c = at->m ? lsp_model_ctx(at->m) : NULL;
	at->di = at->c ? doc_info_of(at->c, at->d->path) : NULL;
	return true;
}

/* ---- definition and references ---- */

static void write_location(struct lsp_server *s, struct json_writer *w, const char *key,
			   const char *path, struct loc l)
{
	struct lsp_text t;
	lsp_text_get(s, path, &t);
	char *uri = lsp_path_to_uri(path);
	json_begin_object(w, key, JSON_COMPACT);
	json_string(w, "uri", uri);
	lsp_write_range(w, "range", s, &t, l, l);
	json_end(w);
	free(uri);
	lsp_text_release(&t);
}

int lsp_definition(struct lsp_server *s, const struct cJSON *id, const struct cJSON *params,
		   const char **msg)
{
	struct lsp_at at;
	if (!lsp_at_init(s, params, &at, msg))
		return LSP_INVALID_PARAMS;
	const char *tpath = NULL;
	struct loc tl = { 0, 0 };
	char *file = NULL;
	const struct xref *x = at.di ? xref_at(at.di, at.here) : NULL;
	struct stdno no;
	size_t a, b;
	const char *num, *title;
	bool is_system =
	    at.m && at.m->p.system_doc && !strcmp(at.m->p.system_doc->path, at.d->path);
	const struct row *rrow;
	const struct category *rcat;
	if (x && x->kind != XREF_STD && xref_target(at.di, x, &tl, &num, &title)) {
		tpath = at.d->path;
	} else if (records_name_at(&at, &rrow, &rcat) && at.m->p.system_doc) {
		/* the row or category the record names, in the system */
		tpath = at.m->p.system_doc->path;
		tl = rcat			  ? rcat->code.loc
		     : rrow->number.text.loc.line ? rrow->number.text.loc
						  : rrow->loc;
	} else if (is_system && !at.ln.in_key &&
		   (!strcmp(at.ln.key, "document") || !strcmp(at.ln.key, "registry") ||
		    !strcmp(at.ln.key, "records") || (at.ln.item && !at.ln.key[0]))) {
		/* a linked file: the value, resolved against the system's directory */
		size_t v = at.ln.key[0] ? at.ln.value : at.ln.key_start;
		size_t e = at.ln.line_end;
		while (e > v &&
		       (at.t.s[e - 1] == ' ' || at.t.s[e - 1] == '"' || at.t.s[e - 1] == '\''))
			e--;
		while (v < e && (at.t.s[v] == '"' || at.t.s[v] == '\''))
			v++;
		if (e > v) {
			char *rel = xstrndup(at.t.s + v, e - v);
			char *dir = path_dir(at.d->path);
			char *j = path_join(dir, rel);
			file = lsp_path_normalise(j);
			free(j);
			free(dir);
			free(rel);
			/* a list item that names no file (own-prefixes) goes nowhere */
			if (lsp_doc_by_path(s, file) || path_is_file(file))
				tpath = file;
			tl = (struct loc){ 1, 1 };
		}
	} else if (at.c && number_at(&at.t, at.off, &no, &a, &b)) {
		const struct row *row = NULL;
		const struct edition *ed = NULL;
		check_number_status(at.c, &no, &row, &ed);
		if (row && at.c->system_path && !(is_system && row->loc.line == at.here.line)) {
			tpath = at.c->system_path;
			tl = row->number.text.loc.line ? row->number.text.loc : row->loc;
		} else if (row && at.m->p.row_document[row->index]) {
			tpath = at.m->p.row_document[row->index]->path;
			tl = (struct loc){ 1, 1 };
		} else if (ed) {
			tpath = check_edition_file(at.c, ed);
			tl = ed->loc;
		}
	} else if (is_system && !at.ln.in_key && !strcmp(at.ln.key, "code")) {
		bool rc;
		const struct category *cat = category_at_line(at.m->p.system, at.here.line, &rc);
		if (cat && rc) {
			tpath = at.d->path;
			tl = cat->code.loc;
		}
	}
	struct json_writer w;
	lsp_begin_result(s, &w, id);
	if (tpath && tpath[0])
		write_location(s, &w, "result", tpath, tl);
	else
		json_null(&w, "result");
	lsp_end(s, &w);
	free(file);
	return 0;
}

/* The clause number under the cursor: a cross-reference's target, or the `num` of a clause. */
static const char *clause_at(struct doc_info *di, const struct lsp_line *ln, struct loc here)
{
	const struct xref *x = xref_at(di, here);
	if (x && (x->kind == XREF_CLAUSE || x->kind == XREF_CHAPTER))
		return x->target;
	if (strcmp(ln->key, "num"))
		return NULL;
	for (size_t i = 0; i < di->clauses.cap; i++) {
		const struct clause *c = di->clauses.slots[i].value;
		if (di->clauses.slots[i].key && c && c->num.loc.line == here.line)
			return di->clauses.slots[i].key;
	}
	return NULL;
}

int lsp_references(struct lsp_server *s, const struct cJSON *id, const struct cJSON *params,
		   const char **msg)
{
	struct lsp_at at;
	if (!lsp_at_init(s, params, &at, msg))
		return LSP_INVALID_PARAMS;
	const char *target = at.di ? clause_at(at.di, &at.ln, at.here) : NULL;
	bool decl = lsp_json_is_true(lsp_json_path(params, "context.includeDeclaration"));
	struct json_writer w;
	lsp_begin_result(s, &w, id);
	json_begin_array(&w, "result", JSON_COMPACT);
	if (target) {
		const struct clause *cl = strmap_get(&at.di->clauses, target);
		if (decl && cl)
			write_location(s, &w, NULL, at.d->path,
				       cl->num.loc.line ? cl->num.loc : cl->loc);
		for (size_t i = 0; i < at.di->nxrefs; i++) {
			const struct xref *x = &at.di->xrefs[i];
			if ((x->kind == XREF_CLAUSE || x->kind == XREF_CHAPTER) &&
			    !strcmp(x->target, target))
				write_location(s, &w, NULL, at.d->path, x->loc);
		}
	}
	json_end(&w);
	lsp_end(s, &w);
	return 0;
}

/* ---- the outline ---- */

/* A DocumentSymbol named "lead a b" (lead may be NULL), at `a` or else at `whole`, left open:
 * with `children` inside a "children" array. symbol_close ends both. */
static bool symbol_open(struct lsp_server *s, struct json_writer *w, const struct lsp_text *t,
			const char *lead, const struct text *a, const struct text *b, int kind,
			struct loc whole, bool children)
{
	char *name = xasprintf("%s%s%s %s", lead ? lead : "", lead ? " " : "", a->s ? a->s : "",
			       b->s ? b->s : "");
	struct loc l = a->loc.line ? a->loc : whole;
	json_begin_object(w, NULL, JSON_COMPACT);
	json_string(w, "name", name[0] ? name : "?");
	json_int(w, "kind", kind);
	lsp_write_range(w, "range", s, t, l, lsp_word_end(t, l));
	lsp_write_range(w, "selectionRange", s, t, l, lsp_word_end(t, l));
	free(name);
	if (children)
		json_begin_array(w, "children", JSON_COMPACT);
	return children;
}

static void symbol_close(struct json_writer *w, bool children)
{
	if (children)
		json_end(w);
	json_end(w);
}

enum { SYM_MODULE = 2, SYM_NAMESPACE = 3 }; /* LSP SymbolKind */

static void clause_symbols(struct lsp_server *s, struct json_writer *w, const struct lsp_text *t,
			   const struct clause *v, size_t n, int depth)
{
	for (size_t i = 0; i < n; i++) {
		bool sub = symbol_open(s, w, t, NULL, &v[i].num, &v[i].title, SYM_NAMESPACE,
				       v[i].loc, v[i].nclauses && depth < 32);
		if (sub)
			clause_symbols(s, w, t, v[i].clauses, v[i].nclauses, depth + 1);
		symbol_close(w, sub);
	}
}

static void category_symbols(struct lsp_server *s, struct json_writer *w, const struct lsp_text *t,
			     const struct category *v, size_t n, int depth)
{
	for (size_t i = 0; i < n; i++) {
		bool sub = symbol_open(s, w, t, NULL, &v[i].code, &v[i].title, SYM_MODULE, v[i].loc,
				       v[i].nchildren && depth < 32);
		if (sub)
			category_symbols(s, w, t, v[i].children, v[i].nchildren, depth + 1);
		symbol_close(w, sub);
	}
}

int lsp_symbols(struct lsp_server *s, const struct cJSON *id, const struct cJSON *params,
		const char **msg)
{
	struct lsp_doc *d =
	    lsp_doc_find(s, lsp_json_str(lsp_json_path(params, "textDocument.uri")));
	if (!d) {
		*msg = "the document is not open";
		return LSP_INVALID_PARAMS;
	}
	struct lsp_text t;
	lsp_text_of_doc(d, &t);
	struct lsp_model *m = lsp_model_of(s, d->path);
	struct doc *doc = m ? lsp_model_doc(m, d->path) : NULL;
	struct json_writer w;
	lsp_begin_result(s, &w, id);
	json_begin_array(&w, "result", JSON_COMPACT);
	if (doc && doc->model && doc->kind == DOC_STANDARD) {
		const struct standard *st = doc->model;
		clause_symbols(s, &w, &t, st->clauses, st->nclauses, 0);
		for (size_t i = 0; i < st->nannexes; i++) {
			const struct annex *an = &st->annexes[i];
			bool sub = symbol_open(s, &w, &t, _("annex"), &an->num, &an->title,
					       SYM_MODULE, an->loc, an->nclauses);
			if (sub)
				clause_symbols(s, &w, &t, an->clauses, an->nclauses, 1);
			symbol_close(&w, sub);
		}
	} else if (doc && doc->model && doc->kind == DOC_SYSTEM) {
		const struct system *sys = doc->model;
		category_symbols(s, &w, &t, sys->categories, sys->ncategories, 0);
	}
	json_end(&w);
	lsp_end(s, &w);
	return 0;
}
