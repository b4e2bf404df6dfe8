/* SPDX-License-Identifier: MIT */
/* office: legacy Office and WPS compound files through LibreOffice headless into .docx and
 * .xlsx (include/office.h). */
/* unshare(2) and the namespace flags */
#define _GNU_SOURCE
#include "office.h"

#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "i18n.h"
#include "load.h"
#include "strbuf.h"
#include "xalloc.h"

extern char **environ;

static const unsigned char ole2_magic[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

bool office_sniff(const char *buf, size_t len)
{
	return len >= sizeof ole2_magic && memcmp(buf, ole2_magic, sizeof ole2_magic) == 0;
}

/* Does the compound file name a stream `name`? Directory entries hold names in UTF-16LE; a
 * scan for the encoded name is enough to tell Word from Excel without a compound-file reader,
 * and a wrong guess only picks the other converter, whose failure is reported. */
static bool has_stream(const char *buf, size_t len, const char *name)
{
	unsigned char pat[64];
	size_t n = strlen(name);
	if (n * 2 > sizeof pat)
		return false;
	for (size_t i = 0; i < n; i++) {
		pat[2 * i] = (unsigned char)name[i];
		pat[2 * i + 1] = 0;
	}
	for (size_t i = 0; i + n * 2 <= len; i++)
		if (buf[i] == (char)pat[0] && memcmp(buf + i, pat, n * 2) == 0)
			return true;
	return false;
}

static bool ends_with_ci(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

enum office_kind office_kind(const char *path, const char *buf, size_t len)
{
	if (has_stream(buf, len, "WordDocument"))
		return OFFICE_WORD;
	if (has_stream(buf, len, "Workbook") || has_stream(buf, len, "Book"))
		return OFFICE_SHEET;
	static const char *const word[] = { ".doc", ".wps", ".dot", ".docx" };
	static const char *const sheet[] = { ".xls", ".et", ".xlt", ".xlsx" };
	for (size_t i = 0; path && i < sizeof word / sizeof word[0]; i++)
		if (ends_with_ci(path, word[i]))
			return OFFICE_WORD;
	for (size_t i = 0; path && i < sizeof sheet / sizeof sheet[0]; i++)
		if (ends_with_ci(path, sheet[i]))
			return OFFICE_SHEET;
	return OFFICE_NONE;
}

/* The first of `names` that is an executable file in a directory of PATH; caller frees. */
static char *find_program(const char *const *names)
{
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *const *n = names; *n; n++) {
		for (const char *p = path; *p;) {
			const char *colon = strchr(p, ':');
			size_t dl = colon ? (size_t)(colon - p) : strlen(p);
			char *cand = xasprintf("%.*s/%s", (int)(dl ? dl : 1), dl ? p : ".", *n);
			if (access(cand, X_OK) == 0)
				return cand;
			free(cand);
			p += dl + (colon ? 1 : 0);
		}
	}
	return NULL;
}

/* Remove a directory and everything in it, links not followed; `depth` bounds the recursion
 * (a LibreOffice profile is a few levels deep). */
static void rm_tree_at(const char *path, int depth)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode) && depth < 32) {
		DIR *d = opendir(path);
		struct dirent *e;
		while (d && (e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char *sub = xasprintf("%s/%s", path, e->d_name);
			rm_tree_at(sub, depth + 1);
			free(sub);
		}
		if (d)
			closedir(d);
		rmdir(path);
	} else
		unlink(path);
}

static void rm_tree(const char *dir)
{
	rm_tree_at(dir, 0);
}

static bool write_all(const char *path, const char *buf, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return false;
	while (len) {
		ssize_t k = write(fd, buf, len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			close(fd);
			return false;
		}
		buf += k;
		len -= (size_t)k;
	}
	return close(fd) == 0;
}

static int timeout_seconds(void)
{
	const char *v = getenv("ZHUN_CONVERT_TIMEOUT");
	if (!v || !*v)
		return OFFICE_TIMEOUT;
	char *end;
	long s = strtol(v, &end, 10);
	return *end || s < 1 || s > 3600 ? OFFICE_TIMEOUT : (int)s;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The last line LibreOffice wrote on stderr, for the message (it says "Error: source file
 * could not be loaded" and the like). Only the end of the log is read: a document may make it
 * write for the whole time limit. */
static void last_line(const char *log, struct strbuf *out)
{
	char buf[4096];
	strbuf_reset(out);
	int fd = open(log, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	off_t end = lseek(fd, 0, SEEK_END);
	ssize_t n = end < 0 ? -1 : pread(fd, buf, sizeof buf - 1, end > 4095 ? end - 4095 : 0);
	close(fd);
	if (n <= 0)
		return;
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		n--;
	buf[n] = '\0';
	const char *nl = strrchr(buf, '\n');
	const char *s = nl ? nl + 1 : buf;
	strbuf_add(out, s, strlen(s) > 200 ? 200 : strlen(s));
}

/* The settings of the private profile (registrymodifications.xcu, LibreOffice's user layer):
 * no macro runs — "very high" security trusts no location, and execution is off altogether —,
 * and nothing a document links to is fetched: links are never updated (Writer counts NEVER as
 * 0, Calc as 1), nor fields, nor formulas recalculated on load (a WEBSERVICE call), and linked
 * images from documents of no trusted origin are blocked. The network namespace below is the
 * wall; these hold where the kernel refuses one. */
static const struct {
	const char *path, *name, *value;
} profile_settings[] = {
	{ "Common/Security/Scripting", "MacroSecurityLevel", "3" },
	{ "Common/Security/Scripting", "DisableMacrosExecution", "true" },
	{ "Common/Security/Scripting", "BlockUntrustedRefererLinks", "true" },
	{ "Writer/Content/Update", "Link", "0" },
	{ "Writer/Content/Update", "Field", "false" },
	{ "Calc/Content/Update", "Link", "1" },
	{ "Calc/Formula/Load", "OOXMLRecalcMode", "1" },
	{ "Calc/Formula/Load", "ODFRecalcMode", "1" },
};

/* Write `text` to `path` and close it; in the child between fork and exec, so system calls
 * only. */
static void put(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		ssize_t k = write(fd, text, strlen(text));
		(void)k;
		close(fd);
	}
}

/* A network of its own for the converter, with only a loopback interface, down: whatever a
 * document links to, nothing is reached. Root gets a network namespace; anyone else first a
 * user namespace in which it keeps its own ids (`map` "uid uid 1", `gmap` "gid gid 1"), where
 * the kernel allows one. Returns false when it refuses both; the profile's settings then stand
 * alone. In the child between fork and exec: system calls only. */
static bool isolate(const char *map, const char *gmap)
{
	if (unshare(CLONE_NEWNET) == 0)
		return true;
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0)
		return false;
	put("/proc/self/setgroups", "deny");
	put("/proc/self/uid_map", map);
	put("/proc/self/gid_map", gmap);
	return true;
}

/* Start argv[0] in a process group of its own (so that the helpers it starts die with it on a
 * timeout), isolated from the network where the kernel allows it, with standard input from
 * /dev/null and its output appended to `log`. Returns 0 and sets *pid, or the errno of the
 * failed start (an exec failure travels back through a close-on-exec pipe). */
static int start(char *const argv[], char *const env[], const char *log, pid_t *pid)
{
	char map[64], gmap[64];
	snprintf(map, sizeof map, "%lu %lu 1\n", (unsigned long)getuid(), (unsigned long)getuid());
	snprintf(gmap, sizeof gmap, "%lu %lu 1\n", (unsigned long)getgid(),
		 (unsigned long)getgid());
	int p[2];
	if (pipe(p) != 0)
		return errno;
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	fcntl(p[1], F_SETFD, FD_CLOEXEC);
	pid_t c = fork();
	if (c < 0) {
		int e = errno;
		close(p[0]);
		close(p[1]);
		return e;
	}
	if (c == 0) {
		setpgid(0, 0);
		isolate(map, gmap);
		int in = open("/dev/null", O_RDONLY);
		int out = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);
		if (in >= 0 && out >= 0 && dup2(in, 0) == 0 && dup2(out, 1) == 1 &&
		    dup2(out, 2) == 2)
			execve(argv[0], argv, env);
		int e = errno;
		ssize_t k = write(p[1], &e, sizeof e);
		(void)k;
		_exit(127);
	}
	/* the child's own call may come later than a kill(-pid) */
	setpgid(c, c);
	close(p[1]);
	int e = 0;
	ssize_t k;
	while ((k = read(p[0], &e, sizeof e)) < 0 && errno == EINTR)
		;
	close(p[0]);
	if (k == (ssize_t)sizeof e) {
		waitpid(c, NULL, 0);
		return e;
	}
	*pid = c;
	return 0;
}

/* The private profile with its settings; false with errno set. */
static bool make_profile(const char *dir)
{
	char *profile = xasprintf("%s/profile", dir);
	char *user = xasprintf("%s/profile/user", dir);
	char *xcu = xasprintf("%s/profile/user/registrymodifications.xcu", dir);
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			 "<oor:items xmlns:oor=\"http://openoffice.org/2001/registry\" "
			 "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
			 "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n");
	for (size_t i = 0; i < sizeof profile_settings / sizeof profile_settings[0]; i++)
		strbuf_addf(&sb,
			    "<item oor:path=\"/org.openoffice.Office.%s\"><prop oor:name=\"%s\" "
			    "oor:op=\"fuse\"><value>%s</value></prop></item>\n",
			    profile_settings[i].path, profile_settings[i].name,
			    profile_settings[i].value);
	strbuf_adds(&sb, "</oor:items>\n");
	bool ok =
	    mkdir(profile, 0700) == 0 && mkdir(user, 0700) == 0 && write_all(xcu, sb.buf, sb.len);
	strbuf_release(&sb);
	free(xcu);
	free(user);
	free(profile);
	return ok;
}

bool office_convert(const char *path, const char *buf, size_t len, enum office_kind kind,
		    struct strbuf *out, struct diag_store *ds, const struct limits *lim)
{
	const char *target = kind == OFFICE_SHEET ? "xlsx" : "docx";
	static const char *const names[] = { "soffice", "libreoffice", NULL };
	/* ZHUN_SOFFICE names a LibreOffice installed outside PATH (/opt/libreoffice…/soffice) */
	const char *own = getenv("ZHUN_SOFFICE");
	char *prog =
	    own && *own ? (access(own, X_OK) == 0 ? xstrdup(own) : NULL) : find_program(names);
	if (!prog) {
		struct diag *d =
		    diag_add(ds, DIAG_IMPORT_CONVERTER, path, (struct loc){ 0, 0 },
			     kind == OFFICE_SHEET
				 ? _("\"%s\" is a legacy Excel or WPS workbook and LibreOffice "
				     "(soffice) is not installed to convert it")
				 : _("\"%s\" is a legacy Word or WPS document and LibreOffice "
				     "(soffice) is not installed to convert it"),
			     path);
		diag_set_help(
		    d, _("install the Debian package %s, or save the file as .%s and import that"),
		    kind == OFFICE_SHEET ? "libreoffice-calc-nogui" : "libreoffice-writer-nogui",
		    target);
		return false;
	}
	const char *tmpdir = getenv("TMPDIR");
	char *dir = xasprintf("%s/zhun-convert-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(dir)) {
		diag_add(ds, DIAG_INTERNAL, path, (struct loc){ 0, 0 },
			 _("cannot make a temporary directory for the conversion: %s"),
			 strerror(errno));
		free(dir);
		free(prog);
		return false;
	}
	char *in = xasprintf("%s/in.%s", dir, kind == OFFICE_SHEET ? "xls" : "doc");
	char *outdir = xasprintf("%s/out", dir);
	char *log = xasprintf("%s/log", dir);
	char *profile = xasprintf("-env:UserInstallation=file://%s/profile", dir);
	char *result = xasprintf("%s/in.%s", outdir, target);
	bool ok = false;
	struct strbuf msg = STRBUF_INIT;
	if (!write_all(in, buf, len) || mkdir(outdir, 0700) != 0 || !make_profile(dir)) {
		diag_add(ds, DIAG_INTERNAL, path, (struct loc){ 0, 0 },
			 _("cannot write the temporary copy for the conversion: %s"),
			 strerror(errno));
		goto done;
	}
	char *argv[] = { prog,
			 "--headless",
			 "--norestore",
			 "--nologo",
			 "--nolockcheck",
			 profile,
			 "--convert-to",
			 (char *)target,
			 "--outdir",
			 outdir,
			 in,
			 NULL };
	/* LibreOffice keeps temporary files of its own under TMPDIR and leaves them when it is
	 * killed: they go into the directory that is removed */
	char *childtmp = xasprintf("%s/tmp", dir);
	char **env = office_env_with("TMPDIR", childtmp);
	pid_t pid = 0;
	int err = mkdir(childtmp, 0700) == 0 ? start(argv, env, log, &pid) : errno;
	office_env_free(env);
	free(childtmp);
	if (err) {
		diag_add(ds, DIAG_IMPORT_CONVERTER, path, (struct loc){ 0, 0 },
			 _("cannot run %s to convert \"%s\": %s"), prog, path, strerror(err));
		goto done;
	}
	int limit = timeout_seconds();
	double deadline = now() + limit;
	int status = 0;
	bool timed_out = false;
	for (;;) {
		pid_t w = waitpid(pid, &status, WNOHANG);
		if (w == pid || (w < 0 && errno != EINTR))
			break;
		if (now() > deadline) {
			kill(-pid, SIGKILL);
			waitpid(pid, &status, 0);
			timed_out = true;
			break;
		}
		struct timespec ts = { 0, 20 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	/* what it left running in its group (a stray soffice.bin) goes too, and is gone before the
	 * directory is removed, or it would write into it again */
	kill(-pid, SIGKILL);
	for (int i = 0; i < 100 && kill(-pid, 0) == 0; i++) {
		struct timespec ts = { 0, 20 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	if (timed_out) {
		struct diag *d = diag_add(
		    ds, DIAG_IMPORT_CONVERTER, path, (struct loc){ 0, 0 },
		    _("LibreOffice took longer than %d s to convert \"%s\" and was stopped"), limit,
		    path);
		diag_set_help(d,
			      _("set ZHUN_CONVERT_TIMEOUT to allow more seconds, or save the file "
				"as .%s and import that"),
			      target);
		goto done;
	}
	struct stat st;
	if (stat(result, &st) != 0) {
		last_line(log, &msg);
		struct diag *d = diag_add(
		    ds, DIAG_IMPORT_CONVERTER, path, (struct loc){ 0, 0 },
		    _("LibreOffice could not convert \"%s\" to .%s (exit status %d%s%s)"), path,
		    target, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
		    msg.len ? ": " : "", msg.buf);
		diag_set_help(d, _("open the file in Word, WPS or LibreOffice and save it as .%s"),
			      target);
		goto done;
	}
	if ((size_t)st.st_size > lim->max_file_size) {
		diag_add(ds, DIAG_IMPORT_CONVERTER, path, (struct loc){ 0, 0 },
			 _("the .%s converted from \"%s\" has %lld bytes, over the limit of %zu"),
			 target, path, (long long)st.st_size, lim->max_file_size);
		goto done;
	}
	if (strbuf_read_file(out, result) != 0) {
		diag_add(ds, DIAG_IMPORT_CONVERTER, path, (struct loc){ 0, 0 },
			 _("cannot read the .%s converted from \"%s\": %s"), target, path,
			 strerror(errno));
		goto done;
	}
	ok = true;
done:
	rm_tree(dir);
	strbuf_release(&msg);
	free(result);
	free(profile);
	free(log);
	free(outdir);
	free(in);
	free(dir);
	free(prog);
	return ok;
}

char **office_env_with(const char *name, const char *value)
{
	size_t len = strlen(name);
	size_t n = 0;
	while (environ[n])
		n++;
	char **env = xmalloc((n + 2) * sizeof *env);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], name, len) != 0 || environ[i][len] != '=')
			env[k++] = environ[i];
	env[k++] = xasprintf("%s=%s", name, value);
	env[k] = NULL;
	return env;
}

void office_env_free(char **env)
{
	if (!env)
		return;
	size_t n = 0;
	while (env[n])
		n++;
	/* the entry office_env_with added is the last one */
	if (n)
		free(env[n - 1]);
	free(env);
}
