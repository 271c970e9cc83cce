/* peakrss.c - native helper for bench/run: runs a command and reports the peak
 * resident set size (KiB) of the child, from wait4()'s ru_maxrss.
 * Usage: peakrss [-o FILE] PROGRAM [ARG...]   (report goes to FILE, else stderr) */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    const char *outfile = NULL;
    int arg = 1;
    if (arg + 1 < argc && strcmp(argv[arg], "-o") == 0) {
        outfile = argv[arg + 1];
        arg += 2;
    }
    if (arg >= argc) {
        fprintf(stderr, "usage: peakrss [-o FILE] PROGRAM [ARG...]\n");
        return 2;
    }

    pid_t pid = fork();
    if (pid < 0) {
        perror("peakrss: fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[arg], &argv[arg]);
        fprintf(stderr, "peakrss: %s: %s\n", argv[arg], strerror(errno));
        _exit(127);
    }

    int status;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0) {
        if (errno != EINTR) {
            perror("peakrss: wait4");
            return 2;
        }
    }

    FILE *out = outfile ? fopen(outfile, "w") : stderr;
    if (!out) {
        perror(outfile);
        return 2;
    }
    fprintf(out, "%ld\n", ru.ru_maxrss); /* Linux reports KiB */
    if (out != stderr)
        fclose(out);

    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}
