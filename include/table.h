/* SPDX-License-Identifier: MIT */
/* table: the 标准体系表 model — structure chart with counts, detail grid with group sub-headings
 * and contiguous 序号, statistics grids — computed once from a system on an as-of date, and the
 * registry of renderers that draw it, one file per output format (render_<fmt>.c).
 *
 * The model is computed in one linear pass over the rows (plus one over the categories); every
 * renderer draws the same model and never recomputes a count, so all formats agree by
 * construction. Statistics come only from rows (domain-rules.md SYS-005, model.md §6).
 *
 * How to add an output format:
 *   1. write src/render_<fmt>.c with
 *      `int render_<fmt>(const struct table *t, const struct table_render_opts *o,
 *                        struct strbuf *out)` drawing the parts in o->parts into `out`;
 *   2. declare it at the end of this header and add one record to table_renderers[] in
 *      table.c (name, the parts it can draw, its default parts, whether it is binary,
 *      whether it wraps to a width);
 *   3. add the file to libzhun_sources in meson.build, a golden case per part under
 *      tests/golden/table/, and a paragraph in docs/table.md. cmd_table.c needs no change: it
 *      validates --format and --part against the registry. */
#ifndef ZHUN_TABLE_H
#define ZHUN_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

struct strbuf;
struct arena;

/* The parts of a 标准体系表 (SYS-001), as bit flags so a renderer can state what it draws. */
enum table_part {
	TABLE_CHART = 1u << 0,	/* 标准体系结构图 */
	TABLE_DETAIL = 1u << 1, /* 标准明细表 */
	TABLE_STATS = 1u << 2,	/* 标准统计表 */
	TABLE_ALL = 7u,
};

/* Detail-table columns; the keys (table_col_key) are what --columns takes and what JSON uses. */
enum table_col {
	TCOL_SEQ = 0,	/* seq        序号 */
	TCOL_CODE,	/* code       标准体系表编号 / 体系编号 */
	TCOL_TITLE,	/* title      标准名称 */
	TCOL_NUMBER,	/* number     标准编号 (normalised to the em dash) */
	TCOL_LEVEL,	/* level      宜定级别 / 级别 */
	TCOL_PUBLISHED, /* published  发布日期 */
	TCOL_EFFECTIVE, /* effective  实施日期 */
	TCOL_ADOPTS,	/* adopts     国际、国外标准号及采用关系 ("ISO …, NEQ") */
	TCOL_REPLACES, /* replaces   被代替标准号或作废 (replaces list; 作废 when abolished) */
	TCOL_STATUS,	/* status     状态 (on the as-of date) */
	TCOL_TYPE,	/* type       标准类别 */
	TCOL_ACTION,	/* action     立改废释 (拟制定/拟修订/拟废止) */
	TCOL_NOTE,	/* note       备注 (立改废释 marker first, then the note) */
	TCOL_CATEGORY,	/* category   所属类别 ("101 标准化导则") */
	TCOL_TITLE_EN,	/* title-en   英文名称 */
	TCOL_WITHDRAWN, /* withdrawn  废止日期 */
	/* the rest of a row, for `--columns all` (a table that `zhun import` reads back whole) */
	TCOL_REPLACED_BY, /* replaced-by  被以下标准代替 ("GB/T 1.1—2020、…") */
	TCOL_REFS,	  /* refs         规范性引用文件 */
	TCOL_KEY,	  /* key          标识 (the `key` given, not the derived one) */
	TCOL_DOCUMENT,	  /* document     文本文件 */
	TCOL_PATH, /* path         类别路径 ("100 通用基础标准 / 101 标准化导则") */
	TCOL_REVIEWED, /* reviewed   复审日期 (the row's latest review) */
	/* a row's records, one cell a kind, each entry with all its fields (docs/format.md §2,
	 * "The records in a table cell"), so that `zhun import` reads them back */
	TCOL_AMENDMENTS, /* amendments      修改单 ("XG1（2022-03-01发布）：…") */
	TCOL_INTERPRETATIONS, /* interpretations 解释 ("JS-1（2023-04-10发布，条款5.2）：…") */
	TCOL_REVIEWS,	      /* reviews         复审 ("2024-03-15 继续有效") */
	TCOL__COUNT
};

/* Column presets (SYS-003): gbt13016 is the GB/T 13016 明细表 form, pilot the form seen in
 * service-standardisation pilots. A preset also names the headings (体系编号 vs 标准体系表编号)
 * and the level words (国标 vs 国家), and orders the statistics grids. */
enum table_preset {
	TABLE_PRESET_GBT13016 = 0,
	TABLE_PRESET_PILOT,
};

struct table_opts {
	enum table_preset preset;
	const enum table_col *cols; /* chosen columns in order, or NULL for the preset's */
	size_t ncols;
	struct date as_of; /* y == 0: the system's date, else today */
	bool zh;	   /* headings and enum words in Chinese (else English) */
	bool counts;	   /* the chart shows row counts per box */
};

/* ---- the computed model ---- */

struct table_column {
	enum table_col id;
	const char *key;     /* "seq" */
	const char *heading; /* 序号 / No. */
	bool numeric;	     /* right-aligned */
};

enum table_line_kind {
	TABLE_LINE_GROUP = 1, /* a category sub-heading */
	TABLE_LINE_ROW,	      /* a standard */
};

/* One line of the detail grid. Groups come in category pre-order, each followed by the rows
 * filed directly in that category in input order; 序号 runs 1..n over the whole table. */
struct table_line {
	enum table_line_kind kind;
	const struct category *cat; /* GROUP: its category; ROW: the row's (NULL: unfiled) */
	int depth;		    /* GROUP: category depth (0 = block) */
	const char *label; /* GROUP: "101 标准化导则", with （空缺） for a vacant leaf */
	size_t nrows;	   /* GROUP: rows filed directly in it */
	const struct row *row; /* ROW */
	size_t seq;	       /* ROW: 序号 */
	int status;	       /* ROW: status on the as-of date (enum row_status) */
	const char **cells;    /* ROW: one text per detail column, "" when empty */
};

struct table_detail {
	struct table_column *cols;
	size_t ncols;
	struct table_line *lines;
	size_t nlines;
	size_t nrows; /* ROW lines */
};

/* One box of the structure chart, parallel to system->cat_preorder. */
struct table_chart_node {
	const struct category *cat;
	const char *label; /* "101 标准化导则" */
	size_t total;	   /* rows in the subtree (应有数) */
	size_t existing;   /* current or upcoming rows in the subtree (现有数) */
	size_t direct;	   /* rows filed directly in this category */
	size_t nextent;	   /* number of descendants (the subtree's boxes less this one) */
};

struct table_chart {
	const char *title; /* the root box: the system's title */
	struct table_chart_node *nodes;
	size_t n;
	size_t unfiled; /* rows whose code names no category (validation reports them) */
};

enum table_stat_kind {
	TABLE_STAT_COUNT = 1,
	TABLE_STAT_PERCENT, /* value in tenths of a percent, rounded half up; -1 when 0/0 */
};

struct table_stat_col {
	const char *key; /* "required", "existing", "ratio", "national", "total", "share" … */
	const char *heading;
	enum table_stat_kind kind;
};

struct table_stat_row {
	const char *key; /* "national", "basic", block code, "none", "total" */
	const char *label;
	bool total; /* the 共计/合计 row */
	long *v;    /* one value per column */
};

/* A statistics grid. Invariants (tested): count columns of the non-total rows sum to the total
 * row; in "level"/"type" existing ≤ required per row and the required column sums to the row
 * count; in "block" the level columns of each row sum to its total column. */
struct table_stat_grid {
	const char *key; /* "block", "level", "type", "status" */
	const char *title;
	struct table_stat_col *cols;
	size_t ncols;
	struct table_stat_row *rows;
	size_t nrows;
};

struct table {
	const struct system *sys;
	enum table_preset preset;
	struct date as_of;
	bool zh;
	bool counts;
	bool cols_chosen; /* the columns came from --columns, not from the preset */
	bool action_col;  /* 立改废释 has a column of its own: the 备注 is not led by it */
	size_t nrows, nexisting;
	struct table_chart chart;
	struct table_detail detail;
	struct table_stat_grid *grids;
	size_t ngrids;
	struct arena *arena; /* every string and array above */
};

/* Compute the whole model of system `s` (a built model; rows need not be valid: unknown
 * categories are filed under "unfiled"). Linear in rows + categories. Returns a table the
 * caller frees with table_free(); never NULL. */
struct table *table_new(const struct system *s, const struct table_opts *o);
void table_free(struct table *t);

/* ---- names ---- */

/* Column key ("seq") and the column for a key, or -1. */
const char *table_col_key(enum table_col c);
int table_col_by_key(const char *key);
/* Parse a comma-separated --columns list into out[] (at most `max`). Returns the count, or -1
 * with *bad pointing at the unknown key inside `list` (a new string the caller frees) — also for
 * an empty list or a repeated key. */
int table_columns_parse(const char *list, enum table_col *out, size_t max, char **bad);
/* The preset's columns (static array) and their count. */
const enum table_col *table_preset_cols(enum table_preset p, size_t *n);
/* "gbt13016"/"pilot" → preset, or -1; and back. */
int table_preset_by_name(const char *s);
const char *table_preset_name(enum table_preset p);
/* "chart"/"detail"/"stats"/"all" → part bits, or 0; part bit → name. */
unsigned table_part_by_name(const char *s);
const char *table_part_name(unsigned part);

/* ---- helpers for renderers ---- */

/* Append a percentage in tenths as "11.7" ("—" when negative, i.e. not defined). */
void table_percent(long tenths, struct strbuf *sb);
/* Title of a part in the table's language: 标准体系结构图 / 标准明细表 / 标准统计表. */
const char *table_part_title(const struct table *t, unsigned part);
/* The parts set in `parts` (enum table_part) in the order a document holds them (chart, detail,
 * stats), into v; returns how many. */
size_t table_parts_in_order(unsigned parts, unsigned v[3]);
/* The document title: "<system title>标准体系表" (zh) or "<title> — standard system table". */
void table_doc_title(const struct table *t, struct strbuf *sb);
/* Chart box text with the optional count: "101 标准化导则（6）" (zh) / "101 … (6)" (en). */
void table_chart_box_text(const struct table *t, const struct table_chart_node *nd,
			  struct strbuf *sb);
/* The vacant marker (空缺 / vacant) used by the chart renderers. */
const char *table_vacant_word(const struct table *t);
/* "YYYY-MM-DD" of the as-of date into buf (11 bytes). */
void table_date_str(const struct date *d, char buf[11]);

/* Split UTF-8 text into lines of at most `width` display columns (utf8_width), breaking at
 * spaces where possible and anywhere inside CJK text; explicit newlines are kept. Each line is
 * appended to `sb` followed by '\n'; returns the number of lines. width 0 means no wrapping. */
size_t table_wrap(const char *s, size_t width, struct strbuf *sb);

/* The lines of `s`, split at '\n', one per call: sets *line and *len to the next line and
 * returns true, or returns false after the last. *p starts at `s` and is advanced (NULL after
 * the last line); a string without '\n', the empty one included, is one line. */
bool table_next_line(const char **p, const char **line, size_t *len);

/* Text from a document on its way to a terminal (the text, markdown and dot renderers write to
 * stdout by default). table_term_escape appends `s` with every character a terminal would act
 * on shown as a visible escape, as the findings printer does: C0 controls other than line feed
 * (ESC starts window-title, OSC 8 link and clear-screen sequences; BEL rings), DEL and C1
 * controls as \x1b / \u009b, the bidirectional formatting characters (U+061C, U+200E,
 * U+200F, U+202A–U+202E, U+2066–U+2069) as \u202e, a byte that is not UTF-8 as \xNN, and a
 * tab as one space (harmless, but it would shift a grid). table_term_clean is true when `s`
 * holds none of them, so the common case copies nothing. */
bool table_term_clean(const char *s);
void table_term_escape(struct strbuf *sb, const char *s);

/* ---- renderers ---- */

struct table_render_opts {
	unsigned parts; /* TABLE_CHART | TABLE_DETAIL | TABLE_STATS, already valid for the format */
	size_t width;	/* text: display columns available, 0 = no limit */
};

struct table_renderer {
	const char *name;	/* the --format word */
	unsigned parts;		/* parts it can draw */
	unsigned default_parts; /* parts drawn when --part is not given */
	bool one_part;		/* holds one part at a time (csv: one rectangular table) */
	bool binary;		/* bytes unfit for a terminal: needs -o (xlsx) */
	bool wants_width;	/* wraps to table_render_opts.width: the command passes the
				 * terminal's (or $COLUMNS) */
	/* Append the rendering to `out`. Returns 0, or -1 on a system error (errno set; xlsx). */
	int (*render)(const struct table *t, const struct table_render_opts *o, struct strbuf *out);
};

/* The registry, terminated by a record with name NULL, in --help order. */
extern const struct table_renderer table_renderers[];
const struct table_renderer *table_renderer_find(const char *name);

int render_text(const struct table *t, const struct table_render_opts *o, struct strbuf *out);
int render_markdown(const struct table *t, const struct table_render_opts *o, struct strbuf *out);
int render_html(const struct table *t, const struct table_render_opts *o, struct strbuf *out);
int render_csv(const struct table *t, const struct table_render_opts *o, struct strbuf *out);
int render_json(const struct table *t, const struct table_render_opts *o, struct strbuf *out);
int render_xlsx(const struct table *t, const struct table_render_opts *o, struct strbuf *out);
int render_docx(const struct table *t, const struct table_render_opts *o, struct strbuf *out);
int render_svg(const struct table *t, const struct table_render_opts *o, struct strbuf *out);
int render_dot(const struct table *t, const struct table_render_opts *o, struct strbuf *out);

/* The SVG chart drawer shared by render_svg and render_html. `block` is the pre-order index of
 * one top-level block to draw alone (with its subtree), or (size_t)-1 for the whole tree;
 * `depth_limit` hides boxes deeper than it (-1: none). `standalone` adds the XML declaration and
 * the xmlns needed outside HTML. */
void render_svg_chart(const struct table *t, struct strbuf *out, size_t block, int depth_limit,
		      bool standalone);
/* Lanes (columns of boxes) the whole chart would use: the HTML page splits it above a limit. */
size_t render_svg_lanes(const struct table *t);

/* markup_escape (markup.h) as the renderers need it: for XML/HTML text and attribute values
 * alike (&, <, >, "), what XML 1.0 cannot carry (C0 controls other than tab and line feed,
 * carriage return included; U+FFFE, U+FFFF) as a space, invalid UTF-8 as U+FFFD.
 * table_xml_escape_n takes `len` bytes, NULs included. */
void table_xml_escape(struct strbuf *sb, const char *s);
void table_xml_escape_n(struct strbuf *sb, const char *s, size_t len);

#endif
