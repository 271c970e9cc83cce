/* startup.c - native helper for bench/run: start-up times side by side.
 * Times each command once per round, round after round, so that a slow
 * spell of a noisy machine falls on all of them alike, and prints each
 * command's median wall time (spawn to reaped) in seconds, one per line.
 * Each timed run follows an untimed run of the same command, so that it
 * is measured warm, as a benchmark tool's runs after their warm-up are
 * (right after another command's run, a long one above all, a command
 * finds the caches cold: qemu's 30 ms evicted most of ferry's). Each
 * round starts one command further on.
 * Usage: startup RUNS WARMUP CMD [ARG...] [--- CMD [ARG...]]...
 * Exit status 1 if a run fails (the failing command is named on stderr). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#define MAX_CMDS 8

extern char **environ;

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One run of argv with stdin and stdout on /dev/null; its wall time, or
 * -1 if it could not start or did not exit 0. */
static double run_once(char **argv)
{
    posix_spawn_file_actions_t fa;
    double t0, t1;
    pid_t pid;
    int st;

    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    t0 = now();
    if (posix_spawn(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
        posix_spawn_file_actions_destroy(&fa);
        return -1;
    }
    if (waitpid(pid, &st, 0) != pid)
        return -1;
    t1 = now();
    posix_spawn_file_actions_destroy(&fa);
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? t1 - t0 : -1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    char **cmd[MAX_CMDS];
    int ncmd = 0, runs, warmup;
    double *t[MAX_CMDS];

    if (argc < 4 || (runs = atoi(argv[1])) < 1 || (warmup = atoi(argv[2])) < 0) {
        fprintf(stderr, "usage: startup RUNS WARMUP CMD [ARG...] [--- CMD [ARG...]]...\n");
        return 2;
    }
    cmd[ncmd++] = &argv[3];
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "---") != 0)
            continue;
        argv[i] = NULL; /* ends the command before it */
        if (i + 1 >= argc || ncmd == MAX_CMDS) {
            fprintf(stderr, "startup: an empty command, or more than %d\n", MAX_CMDS);
            return 2;
        }
        cmd[ncmd++] = &argv[i + 1];
    }
    for (int c = 0; c < ncmd; c++)
        if (!(t[c] = malloc(sizeof(double) * (size_t)runs))) {
            perror("startup");
            return 2;
        }
    for (int r = -warmup; r < runs; r++)
        for (int k = 0; k < ncmd; k++) {
            int c = ((r % ncmd) + ncmd + k) % ncmd;
            double s = run_once(cmd[c]) < 0 ? -1 : run_once(cmd[c]);

            if (s < 0) {
                fprintf(stderr, "startup: %s failed\n", cmd[c][0]);
                return 1;
            }
            if (r >= 0)
                t[c][r] = s;
        }
    for (int c = 0; c < ncmd; c++) {
        qsort(t[c], (size_t)runs, sizeof(double), cmp_double);
        printf("%.6f\n", runs % 2 ? t[c][runs / 2]
                                  : (t[c][runs / 2 - 1] + t[c][runs / 2]) / 2);
    }
    return 0;
}
