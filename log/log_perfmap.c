/* log/log_perfmap.c: `-d perfmap`, the map file perf reads to name code
 * that has no ELF symbols (/tmp/perf-PID.map, one "START SIZE NAME" line
 * per translated block), so `perf report` shows which guest block the
 * samples in the code cache fall in. */
#include "log/log.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static pthread_mutex_t perfmap_lock = PTHREAD_MUTEX_INITIALIZER;
static int perfmap_fd = -1;
static pid_t perfmap_pid;

/* The file is per process: a forked guest reopens its own. */
static int perfmap_open(void)
{
    char path[64];
    pid_t pid = getpid();

    if (perfmap_fd >= 0 && perfmap_pid == pid)
        return perfmap_fd;
    if (perfmap_fd >= 0)
        close(perfmap_fd);
    snprintf(path, sizeof path, "/tmp/perf-%d.map", (int)pid);
    perfmap_fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    perfmap_pid = pid;
    return perfmap_fd;
}

void log_perfmap_block(uintptr_t code, size_t size, uint64_t guest_pc)
{
    char line[96];
    int n = snprintf(line, sizeof line, "%lx %zx guest:0x%llx\n",
                     (unsigned long)code, size,
                     (unsigned long long)guest_pc);
    int fd;

    pthread_mutex_lock(&perfmap_lock);
    fd = perfmap_open();
    /* A lost line only leaves samples unnamed: nothing to report. */
    if (fd >= 0 && write(fd, line, (size_t)n) != n)
        perfmap_fd = -1, close(fd);
    pthread_mutex_unlock(&perfmap_lock);
}
