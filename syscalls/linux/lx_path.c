/* syscalls/linux/lx_path.c: guest paths to host paths: absolute paths
 * are looked up in the sysroot first (like qemu-user's -L), and
 * /proc/self/exe is the guest program. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "syscalls/linux/lx_sys.h"

/* Trees that belong to the host kernel or are scratch space: the guest
 * sees the host's, never the sysroot's. */
static bool lx_path_is_host_only(const char *path)
{
    static const char *const roots[] = {"/proc", "/dev", "/sys", "/tmp"};

    for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++) {
        size_t n = strlen(roots[i]);

        if (strncmp(path, roots[i], n) == 0 &&
            (path[n] == '\0' || path[n] == '/'))
            return true;
    }
    return false;
}

const char *lx_host_path(struct lx_task *t, const char *path, char *buf)
{
    struct stat st;
    int n;

    if (t->exe_path && lx_proc_self(path, "exe"))
        return t->exe_path;
    if (!t->sysroot || !t->sysroot[0] || path[0] != '/' || !path[1] ||
        lx_path_is_host_only(path))
        return path;
    n = snprintf(buf, LX_PATH_MAX, "%s%s", t->sysroot, path);
    if (n < 0 || n >= LX_PATH_MAX)
        return path;
    /* A dangling symlink in the sysroot still counts as "there". */
    if (fstatat(AT_FDCWD, buf, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return path;
    return buf;
}

int lx_get_path(struct lx_task *t, gva src, char *buf, char *tmp,
                const char **out)
{
    int rc = lx_copy_path(t, buf, src);

    if (rc < 0)
        return rc;
    *out = lx_host_path(t, buf, tmp);
    return 0;
}
