/* SPDX-License-Identifier: MIT */
/* stdno: the grammar of Chinese standard numbers (domain-rules.md §5): parse, normalise, print,
 * compare, and derive the work key and edition key that every other module uses. */
#ifndef ZHUN_STDNO_H
#define ZHUN_STDNO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strbuf;

/* Which family a number belongs to; decides the DOC-008 group and the level. */
enum stdno_class {
	STDNO_NATIONAL = 1, /* GB, GB/T, GB/Z, GBZ, GJB, GSB, JJF, JJG, GBn (and GB 5xxxx eng.) */
	STDNO_SECTOR,	    /* XX, XX/T with XX from data/sectors.tsv */
	STDNO_ENGINEERING,  /* JGJ, CJJ, … from data/engineering.tsv */
	STDNO_LOCAL,	    /* DBnn[/T], DBnnnn[/T] */
	STDNO_GROUP,	    /* T/ORG */
	STDNO_ENTERPRISE,   /* Q/ENT */
	STDNO_INTL,	    /* ISO, IEC, ISO/IEC … (accepted so adopts/refs can name them) */
	STDNO_OTHER,	    /* 建标 building norms and other bodies */
};

/* The level (宜定级别) a number implies; values shared with the model's `level`. */
enum stdno_level {
	LEVEL_NONE = 0,
	LEVEL_NATIONAL,
	LEVEL_SECTOR,
	LEVEL_LOCAL,
	LEVEL_GROUP,
	LEVEL_ENTERPRISE,
};

/* Warnings a number may carry while still parsing (bit flags in stdno.warn). */
enum {
	STDNO_W_SEPARATOR = 1u << 0,	  /* year separator not U+2014 (SNO-006) */
	STDNO_W_SPACING = 1u << 1,	  /* not exactly one U+0020 after the code (SNO-006) */
	STDNO_W_TWO_DIGIT_YEAR = 1u << 2, /* 2-digit year that reads as ≥ 95 → 1995+ (SNO-007) */
	STDNO_W_LEGACY_SECTOR = 1u << 3,  /* mandatory sector number without /T (SNO-002) */
	STDNO_W_LEGACY_LOCAL = 1u << 4,	  /* DBnn without /T (SNO-003) */
	STDNO_W_FULLWIDTH = 1u << 5,	  /* full-width letters/digits/slash were folded */
	STDNO_W_SEQ_DASH =
	    1u << 6, /* a dash inside a dashed sequence is not '-' U+002D (SNO-005) */
};

/* Why a number failed to parse (stdno_error.code). */
enum stdno_err {
	STDNO_E_OK = 0,
	STDNO_E_EMPTY,	    /* nothing but white space */
	STDNO_E_PREFIX,	    /* no known prefix at the start */
	STDNO_E_SECTOR,	    /* two-letter code not in the sector table */
	STDNO_E_PROVINCE,   /* DB + digits with an unknown province code (SNO-003) */
	STDNO_E_GROUP,	    /* T/ without an upper-case organisation code (SNO-004) */
	STDNO_E_ENTERPRISE, /* Q/ without an enterprise code (SNO-005) */
	STDNO_E_SEQ,	    /* missing or malformed sequence number */
	STDNO_E_GLYPH,	    /* O/o/I/l inside a numeric part: OCR confusion (SNO-009) */
	STDNO_E_PART,	    /* part subdivided (GB/T 20001.1.1) or part 0 (NUM-009) */
	STDNO_E_YEAR,	    /* year not 2 or 4 digits, or 2-digit year with a 4-digit form due */
	STDNO_E_MONTH,	    /* month outside 01..12 */
	STDNO_E_TRAILING,   /* unexpected text after the number */
	STDNO_E_ALLPARTS_DATED, /* （所有部分） with a year (XREF-002) */
	STDNO_E_DBS,		/* food-safety local standard DBS… out of scope */
};

/* The buffer of struct stdno.seq: a sequence of up to 39 bytes, and room after it for the
 * adoption of the usual double numbers (GB/T 19001—2016/ISO 9001:2015). An adoption that does
 * not fit beside its sequence (sequence + adoption > 38 bytes) is not read as one: the number
 * ends before its "/". */
enum { STDNO_SEQ_BUF = 40 };

/* Room for stdno_prefix()'s result: "T/" or "Q/" + a code of up to 23 bytes, or code + "/T". */
enum { STDNO_PREFIX_MAX = 32 };

struct stdno_error {
	enum stdno_err code;
	size_t offset; /* byte offset into the input where the problem starts */
};

/* A parsed number. Plain data, fixed-size buffers: copy freely, no ownership. Every row and
 * reference of a model holds one, so it keeps only what cannot be derived (84 bytes): the small
 * fields come first and are bytes; the rendered prefix is stdno_prefix(), and an adoption lives
 * in `seq`'s buffer after the sequence's NUL (stdno_adoption()). */
struct stdno {
	uint8_t cls;	     /* enum stdno_class */
	uint8_t level;	     /* enum stdno_level */
	char mand;	     /* 0, 'T' or 'Z' */
	bool two_digit_year; /* the year was written with two digits */
	bool all_parts;	     /* （所有部分） */
	uint8_t month;	     /* 0 = none */
	uint8_t warn;	     /* STDNO_W_* flags */
	bool adopted;	     /* an identical-adoption number follows the sequence in `seq` */
	uint32_t part;	     /* 0 = no part */
	int amend;	     /* 修改单 number n of /XGn, 0 = none */
	uint16_t year;	     /* full year (2-digit years expanded: 80 → 1980); 0 = undated */
	uint16_t amend_year; /* year of the amendment, 0 = none */
	char code[24]; /* issuing code as normalised: "GB", "WH", "DB21", "DB3206", "CAS", "QZBWG",
			  "JGJ", "建标", "ISO/IEC" */
	/* The sequence as written (leading zeros kept, at most 39 bytes): "0016", "301-003"; when
	 * `adopted`, the adoption's canonical form follows its NUL, also NUL-terminated. */
	char seq[STDNO_SEQ_BUF];
};

/* Load the sector, engineering and province tables from directory `datadir` (files sectors.tsv,
 * engineering.tsv, provinces.tsv: one `CODE<TAB>name` a line, `#` comments). May be called
 * again to add codes from another directory (later entries extend, never replace). Returns 0,
 * or -1 with a message in `err` (at least 256 bytes) when a file exists but cannot be read or
 * has a malformed line. Missing files are not an error. Not thread-safe; call at start-up. */
int stdno_tables_load(const char *datadir, char *err, size_t errlen);
/* Free the loaded tables (all codes are unknown afterwards); for tests and leak checkers. */
void stdno_tables_release(void);

/* True when the tables hold the sector / province code (for tests and messages). */
bool stdno_is_sector(const char *code);
bool stdno_is_province(const char *two_digits);
bool stdno_is_engineering(const char *code);
/* Chinese name of a sector or province code, or NULL. */
const char *stdno_sector_name(const char *code);
const char *stdno_province_name(const char *two_digits);

/* Parse `len` bytes of UTF-8 at `s` (not necessarily NUL-terminated). Leading and trailing white
 * space (ASCII and U+3000) is ignored. Returns true and fills `out` on success; false and fills
 * `err` (if not NULL) otherwise, leaving `out` unspecified. Never allocates.
 * Grammar decisions the spec leaves open: a 4-digit year must be ≥ 1900; 2-digit years are
 * always 19yy; after T/ and Q/ the space is what ends the code (codes may hold digits), so
 * "T/CAS608" is STDNO_E_SEQ; in Q/ and GSB numbers a 4-digit group below 1900 after the last
 * dash is part of the sequence (Q/XXBWG 101-0001), any other 4- or 2-digit group is the year;
 * ISO/IEC numbers take their year after ":" (or a dash-written year 1900..2099 as the last
 * group, "ISO/IEC Guide 21-1999", with STDNO_W_SEPARATOR) and parts after "-"; a part deeper
 * than one level (IEC 60364-5-52) stays in `seq`. */
bool stdno_parse(const char *s, size_t len, struct stdno *out, struct stdno_error *err);

/* Find a standard number starting exactly at `s` and return its length in bytes (0 if none),
 * filling `out`. Unlike stdno_parse it stops at the end of the number and accepts text after
 * it; used by the cross-reference extractor on running text ("应符合GB/T 18883的要求"). */
size_t stdno_scan(const char *s, size_t len, struct stdno *out);
/* stdno_scan that also says why nothing was found: returns 0 with err->code STDNO_E_PREFIX when
 * no standard code starts at `s`, and 0 with another code (and err->offset, a byte offset from
 * `s`) when something that starts like a number is malformed (GB/T 5O89, GB/T 18883—2022（所有
 * 部分）), so the extractor can report it instead of skipping it. `err` may be NULL. */
size_t stdno_scan_err(const char *s, size_t len, struct stdno *out, struct stdno_error *err);

/* The rendered prefix of `n` in `buf`, which it returns: "GB/T", "WH/T", "DB21/T", "T/CAS",
 * "Q/QZBWG", "建标", "ISO/IEC" (code, then "/" + mand for mandatory-or-not families). */
const char *stdno_prefix(const struct stdno *n, char buf[STDNO_PREFIX_MAX]);

/* The identical-adoption double number after "/" in canonical form, e.g. "ISO 9001:2015" for
 * "GB/T 19001—2016/ISO 9001:2015"; "" when there is none. Points into `n`: valid while `n` is. */
const char *stdno_adoption(const struct stdno *n);

/* English one-line description of a parse error code (caller translates with _()). */
const char *stdno_strerror(enum stdno_err code);

/* Append the canonical rendering (one space after the code, em dash before the year,
 * "（所有部分）" for all parts, "/XGn—YYYY" for an amendment) to `sb`. A two-digit year stays two
 * digits ("GB 2312—80"); ISO/IEC numbers render as "ISO 8601-1:2019". */
void stdno_format(const struct stdno *n, struct strbuf *sb);

/* Append the work key: prefix incl. /T|/Z + " " + seq without leading zeros + ".part".
 * "GB/T 1.1—2020" → "GB/T 1.1"; "LB/T 098—2025" → "LB/T 98". */
void stdno_work_key(const struct stdno *n, struct strbuf *sb);

/* Append the edition key: work key + "—" + year (+ "." + month). Undated → the work key.
 * The year is always the full year ("GB 2312-80" → "GB 2312—1980"), also for ISO/IEC numbers. */
void stdno_edition_key(const struct stdno *n, struct strbuf *sb);

/* Same work (work keys equal)? Same edition (edition keys equal, amendments ignored)? */
bool stdno_same_work(const struct stdno *a, const struct stdno *b);
bool stdno_same_edition(const struct stdno *a, const struct stdno *b);

/* DOC-008 group of a number in a normative-reference list: 1 national, 2 sector (incl.
 * engineering), 3 local, 4 group, 5 ISO/IEC, 6 other bodies (incl. 建标 and enterprise). */
int stdno_ref_group(const struct stdno *n);

/* DOC-008 order: negative, 0, positive like strcmp. Within national and ISO/IEC groups by
 * sequence number numerically then part numerically (GB vs GB/T ignored); within the other
 * groups by code then sequence. */
int stdno_ref_cmp(const struct stdno *a, const struct stdno *b);

#endif
