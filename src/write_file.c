/* SPDX-License-Identifier: MIT */
/* write_file: replace a file atomically (temporary file beside the target, fsync, rename, fsync
 * of the directory), keeping the old file's permissions; a symlinked target only when asked. */
#include "write.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "strbuf.h"
#include "xalloc.h"

/* Follow symlinks from `path` to the file that will really be replaced (which need not exist:
 * a dangling link creates its target). Returns a new string, or NULL with errno set. */
static char *resolve_target(const char *path)
{
	char *cur = xstrdup(path);
	for (int hops = 0;; hops++) {
		struct stat st;
		if (lstat(cur, &st) != 0) {
			if (errno == ENOENT) /* a new file (or a dangling link's target) */
				return cur;
			int e = errno;
			free(cur);
			errno = e;
			return NULL;
		}
		if (!S_ISLNK(st.st_mode))
			return cur;
		if (hops >= 40) {
			free(cur);
			errno = ELOOP;
			return NULL;
		}
		char link[PATH_MAX];
		ssize_t n = readlink(cur, link, sizeof link - 1);
		if (n < 0) {
			int e = errno;
			free(cur);
			errno = e;
			return NULL;
		}
		link[n] = '\0';
		char *next;
		const char *slash = strrchr(cur, '/');
		if (link[0] == '/' || !slash) {
			next = xstrdup(link);
		} else {
			/* a relative link is relative to the directory holding the link */
			next = xasprintf("%.*s/%s", (int)(slash - cur), cur, link);
		}
		free(cur);
		cur = next;
	}
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static int write_stdout(const char *data, size_t len)
{
	if (fflush(stdout) != 0) /* keep order with anything already printed through stdio */
		return -1;
	return write_all(STDOUT_FILENO, data, len);
}

/* A device, FIFO or socket cannot be replaced by renaming (and `-o /dev/null` must not turn
 * /dev/null into a regular file): write into it instead. */
static int write_in_place(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (write_all(fd, data, len) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return close(fd);
}

static mode_t new_file_mode(void)
{
	/* umask can only be read by setting it; zhun is single-threaded */
	mode_t mask = umask(022);
	umask(mask);
	return 0666 & ~mask;
}

/* zhun's own descriptors as the user names them (`-o /dev/stdout > report.html`): links by
 * nature, and never something a checkout can hold. */
static bool own_descriptor(const char *path)
{
	static const char *const names[] = { "/dev/stdout", "/dev/stderr", "/dev/fd/",
					     "/proc/self/fd/", NULL };
	for (const char *const *n = names; *n; n++)
		if (!strncmp(path, *n, strlen(*n)))
			return true;
	return false;
}

/* A symlink as the final component: a committed `table.html -> ~/.bashrc` must not make `-o
 * table.html` write elsewhere. A link to a character device, FIFO or socket is written in
 * place, as those are; anything else is refused unless the caller follows links. */
static bool symlink_refused(const char *path, unsigned flags)
{
	struct stat l, t;
	if (flags & WRITE_FOLLOW_SYMLINKS || own_descriptor(path) || lstat(path, &l) != 0 ||
	    !S_ISLNK(l.st_mode))
		return false;
	return stat(path, &t) != 0 ||
	       !(S_ISCHR(t.st_mode) || S_ISFIFO(t.st_mode) || S_ISSOCK(t.st_mode));
}

static int replace(const char *path, const char *data, size_t len, unsigned flags);

int write_file_atomic(const char *path, const char *data, size_t len, unsigned flags)
{
	if (strcmp(path, "-") == 0)
		return write_stdout(data, len);
	if (symlink_refused(path, flags)) {
		errno = ELOOP;
		return -1;
	}
	/* past `ulimit -f` write() is to fail with EFBIG, so that the temporary file is removed,
	 * rather than the default action killing zhun with the file left behind */
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	sigemptyset(&ign.sa_mask);
	bool restore = sigaction(SIGXFSZ, &ign, &old) == 0;
	int r = replace(path, data, len, flags);
	int e = errno;
	if (restore)
		sigaction(SIGXFSZ, &old, NULL);
	errno = e;
	return r;
}

static int replace(const char *path, const char *data, size_t len, unsigned flags)
{
	/* not following: the rename below replaces a link that appeared meanwhile rather than
	 * writing through it (rename(2) never follows its final component) */
	char *target = flags & WRITE_FOLLOW_SYMLINKS || own_descriptor(path) ? resolve_target(path)
									     : xstrdup(path);
	if (!target)
		return -1;

	struct stat old;
	bool exists = stat(target, &old) == 0;
	if (exists && !S_ISREG(old.st_mode)) {
		int r =
		    S_ISDIR(old.st_mode) ? (errno = EISDIR, -1) : write_in_place(target, data, len);
		int e = errno;
		free(target);
		errno = e;
		return r;
	}

	const char *slash = strrchr(target, '/');
	char *dir = slash ? xasprintf("%.*s", slash == target ? 1 : (int)(slash - target), target)
			  : xstrdup(".");
	const char *base = slash ? slash + 1 : target;
	/* hidden, in the same directory (rename is atomic only within one file system) */
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, base);

	int fd = mkstemp(tmp);
	if (fd < 0)
		goto fail_nofile;
	if (write_all(fd, data, len) != 0 || fsync(fd) != 0)
		goto fail;
	if (exists) {
		/* keep owner and group where allowed (as root always), then the mode; chown
		 * first because it may clear set-id bits */
		if (fchown(fd, old.st_uid, old.st_gid) != 0 && errno != EPERM)
			goto fail;
		if (fchmod(fd, old.st_mode & 07777) != 0)
			goto fail;
	} else if (fchmod(fd, new_file_mode()) != 0) {
		goto fail;
	}
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, target) != 0)
		goto fail;

	/* make the rename itself durable; file systems that cannot sync a directory say so with
	 * EINVAL, which is no failure of ours */
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		if (fsync(dfd) != 0 && errno != EINVAL && errno != ENOTSUP) {
			int e = errno;
			close(dfd);
			free(tmp);
			free(dir);
			free(target);
			errno = e;
			return -1;
		}
		close(dfd);
	}
	free(tmp);
	free(dir);
	free(target);
	return 0;

fail : {
	int e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = e;
}
fail_nofile : {
	int e = errno;
	free(tmp);
	free(dir);
	free(target);
	errno = e;
	return -1;
}
}
