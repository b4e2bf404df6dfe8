/* SPDX-License-Identifier: MIT */
/* office: legacy Office and WPS files — Word 97–2003 .doc, WPS Writer .wps, Excel 97–2003 .xls,
 * WPS Spreadsheets .et, all OLE2 compound files — converted to .docx or .xlsx through
 * LibreOffice headless (`soffice --convert-to`), for the importer: each run in a private
 * temporary directory and profile, under a time limit and a size limit, the directory removed
 * whatever happens; no macro runs and, where the kernel allows a network namespace, nothing is
 * reachable (docs/limits.md). No shell is involved. */
#ifndef ZHUN_OFFICE_H
#define ZHUN_OFFICE_H

#include <stdbool.h>
#include <stddef.h>

struct diag_store;
struct limits;
struct strbuf;

enum office_kind {
	OFFICE_NONE = 0,
	OFFICE_WORD,  /* .doc, .wps, .dot → .docx */
	OFFICE_SHEET, /* .xls, .et, .xlt → .xlsx */
};

/* Seconds a conversion may take unless ZHUN_CONVERT_TIMEOUT (whole seconds, 1–3600) says. */
#define OFFICE_TIMEOUT 60

/* True when buf starts with the OLE2 compound file signature D0 CF 11 E0 A1 B1 1A E1. */
bool office_sniff(const char *buf, size_t len);

/*
 * What a compound file holds: by the streams its directory names ("WordDocument" → a Word or
 * WPS Writer document; "Workbook" or "Book" → an Excel or WPS Spreadsheets workbook), else by
 * the name's ending (.doc .wps .dot / .xls .et .xlt, any case). OFFICE_NONE when neither tells
 * (an encrypted or unknown compound file).
 */
enum office_kind office_kind(const char *path, const char *buf, size_t len);

/*
 * Convert buf[0..len) (a compound file named `path` in findings) to a .docx (OFFICE_WORD) or
 * .xlsx (OFFICE_SHEET) and append the result's bytes to `out`. Runs the program named by
 * ZHUN_SOFFICE, else `soffice` (else `libreoffice`) found on PATH, with a private profile that
 * turns macros off and never updates links, fields or formulas, in a network namespace of its
 * own when one can be made (else the profile alone keeps it off the network), its standard
 * input /dev/null, killed with its process group after the time limit. Returns false after one
 * fatal `import-converter` finding at `path`: LibreOffice not installed (the message names the
 * Debian package: libreoffice-writer-nogui or libreoffice-calc-nogui), the conversion failed or
 * produced nothing, it took longer than the limit, or the result is larger than lim->max_file_size;
 * or an `internal` one when the temporary directory cannot be made.
 */
bool office_convert(const char *path, const char *buf, size_t len, enum office_kind kind,
		    struct strbuf *out, struct diag_store *ds, const struct limits *lim);

/*
 * A copy of the environment for a child (posix_spawn, execve) in which `name` (without "=") is
 * set to `value`: every entry of that name left out and "name=value" added last. The array and
 * that one new entry belong to the caller, the other entries stay environ's: free them with
 * office_env_free. Never NULL.
 */
char **office_env_with(const char *name, const char *value);

/* Free a copy made by office_env_with: its added entry and the array. NULL is ignored. */
void office_env_free(char **env);

#endif
