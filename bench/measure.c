/* SPDX-License-Identifier: MIT */
/* measure: run a command a few times and print its best wall time and its peak memory, with
 * the microsecond clock and wait4() rather than /usr/bin/time's 10 ms resolution. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static void usage(void)
{
	fputs(
	    "usage: measure [-r RUNS] [-a] [-i IN] [-o OUT] [-e ERR] [-x STATUS] -- COMMAND "
	    "[ARG...]\n"
	    "Runs COMMAND RUNS times (default 3) with stdout to OUT and stderr to ERR (default\n"
	    "/dev/null), and prints \"SECONDS KIB STATUS\": the best wall time (-a: the mean),\n"
	    "the largest peak resident set of any run and the last exit status. -x fails (exit 1)\n"
	    "when a run exits with a status other than STATUS.\n",
	    stderr);
	exit(2);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	long runs = 3;
	int mean = 0, want = -1;
	const char *in = "/dev/null", *out = "/dev/null", *err = "/dev/null";
	int opt;
	while ((opt = getopt(argc, argv, "+r:ai:o:e:x:")) != -1) {
		switch (opt) {
		case 'r':
			runs = strtol(optarg, NULL, 10);
			break;
		case 'a':
			mean = 1;
			break;
		case 'i':
			in = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'e':
			err = optarg;
			break;
		case 'x':
			want = (int)strtol(optarg, NULL, 10);
			break;
		default:
			usage();
		}
	}
	if (optind >= argc || runs < 1)
		usage();
	double best = 1e30, sum = 0;
	long peak = 0;
	int status = 0;
	for (long i = 0; i < runs; i++) {
		posix_spawn_file_actions_t fa;
		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_addopen(&fa, 0, in, O_RDONLY, 0);
		posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		posix_spawn_file_actions_addopen(&fa, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		pid_t pid;
		double t0 = now();
		int e = posix_spawnp(&pid, argv[optind], &fa, NULL, argv + optind, environ);
		posix_spawn_file_actions_destroy(&fa);
		if (e) {
			fprintf(stderr, "measure: %s: %s\n", argv[optind], strerror(e));
			return 1;
		}
		int st;
		struct rusage ru;
		while (wait4(pid, &st, 0, &ru) < 0)
			if (errno != EINTR) {
				perror("measure: wait4");
				return 1;
			}
		double t = now() - t0;
		sum += t;
		if (t < best)
			best = t;
		if (ru.ru_maxrss > peak)
			peak = ru.ru_maxrss;
		status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		if (want >= 0 && status != want) {
			fprintf(stderr, "measure: %s exited with %d, expected %d\n", argv[optind],
				status, want);
			return 1;
		}
	}
	printf("%.6f %ld %d\n", mean ? sum / (double)runs : best, peak, status);
	return 0;
}
