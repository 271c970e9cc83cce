/* syscalls/linux/proc.c: the /proc files that would describe ferry
 * instead of the guest: /proc/self/exe names the guest program and
 * /proc/self/maps lists the guest's mappings. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mm/mm.h"
#include "syscalls/linux/lx_sys.h"

bool lx_proc_self(const char *path, const char *leaf)
{
    static const char *const selves[] = {"/proc/self/", "/proc/thread-self/"};
    char pid_dir[32];
    size_t n;

    for (size_t i = 0; i < sizeof selves / sizeof selves[0]; i++) {
        n = strlen(selves[i]);
        if (strncmp(path, selves[i], n) == 0 && strcmp(path + n, leaf) == 0)
            return true;
    }
    snprintf(pid_dir, sizeof pid_dir, "/proc/%d/", (int)getpid());
    n = strlen(pid_dir);
    return strncmp(path, pid_dir, n) == 0 && strcmp(path + n, leaf) == 0;
}

/* A read-only snapshot of the guest's maps in an anonymous file. */
static long lx_proc_maps(struct lx_task *t, int flags)
{
    int fd = memfd_create("maps", (flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
    FILE *f;
    int rc;

    if (fd < 0)
        return -errno;
    if (!(f = fdopen(dup(fd), "w"))) {
        close(fd);
        return -LX_ENOMEM;
    }
    rc = mm_maps_print(t->mm, f);
    if (fclose(f) != 0 && rc == 0)
        rc = -LX_EIO;
    if (rc < 0 || lseek(fd, 0, SEEK_SET) != 0) {
        close(fd);
        return rc < 0 ? rc : -LX_EIO;
    }
    return fd;
}

long lx_proc_open(struct lx_task *t, const char *path, int flags, bool *handled)
{
    *handled = false;
    if (path[0] != '/' || strncmp(path, "/proc/", 6) != 0)
        return 0;
    if (lx_proc_self(path, "maps")) {
        *handled = true;
        /* mode 0444: only a privileged opener gets to write (and then
         * writes a private copy) */
        if ((flags & O_ACCMODE) != O_RDONLY && geteuid() != 0)
            return -LX_EACCES;
        return lx_proc_maps(t, flags);
    }
    return 0;
}
