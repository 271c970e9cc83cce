/* syscalls/linux/lx_path.c: guest paths to host paths: absolute paths
 * are looked up in the sysroot first (like qemu-user's -L), and
 * /proc/self/exe is the guest program. After the guest's chroot(2) every
 * absolute path lies under the new root instead (see lx_path_set_root). */
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* The guest's root directory as a canonical host path, NULL until its
 * first chroot(2). One per process, like the kernel's fs->root when
 * threads share CLONE_FS (the only way ferry starts them). Replaced, never
 * freed: a thread may still be reading the old one. */
static _Atomic(const char *) lx_root;

const char *lx_path_root(void)
{
    return atomic_load_explicit(&lx_root, memory_order_acquire);
}

/* Drops the last component of the resolved path out (len bytes). */
static size_t lx_path_pop(const char *out, size_t len)
{
    while (len > 0 && out[len - 1] != '/')
        len--;
    return len > 0 ? len - 1 : 0;
}

/* The kernel's link limit for one lookup (MAXSYMLINKS). */
#define LX_PATH_LINKS_MAX 40

/* Resolves the absolute guest path in inside root as a chroot's lookup
 * does, into out (a path relative to root, LX_PATH_MAX bytes): "." and
 * empty components go, ".." stops at the root, and a symlink met before
 * the last component is followed with its absolute target starting again
 * at the root. The last component is left to the host, so calls that do
 * not follow it still see the link. false: too long or too many links. */
static bool lx_path_resolve(const char *root, const char *in, char *out)
{
    char todo[LX_PATH_MAX], next[LX_PATH_MAX], host[LX_PATH_MAX];
    char target[LX_PATH_MAX];
    size_t len = 0, links = 0;
    const char *p = todo;

    if (snprintf(todo, sizeof todo, "%s", in) >= (int)sizeof todo)
        return false;
    while (*p) {
        size_t n;
        ssize_t tn;
        bool dot, dotdot;

        while (*p == '/')
            p++;
        if (!(n = strcspn(p, "/")))
            break;
        dot = n == 1 && p[0] == '.';
        dotdot = n == 2 && p[0] == '.' && p[1] == '.';
        if (dotdot) {
            len = lx_path_pop(out, len);
        } else if (!dot) {
            if (len + 1 + n >= LX_PATH_MAX)
                return false;
            out[len++] = '/';
            memcpy(out + len, p, n);
            len += n;
        }
        p += n;
        if (dot || dotdot || !p[strspn(p, "/")]) /* the last one: as is */
            continue;
        out[len] = '\0';
        snprintf(host, sizeof host, "%s%s", root, out);
        if ((tn = readlink(host, target, sizeof target - 1)) < 0)
            continue;
        if (++links > LX_PATH_LINKS_MAX)
            return false;
        target[tn] = '\0';
        len = target[0] == '/' ? 0 : lx_path_pop(out, len);
        if (snprintf(next, sizeof next, "%s%s", target, p) >= (int)sizeof next)
            return false;
        memcpy(todo, next, strlen(next) + 1);
        p = todo;
    }
    if (len == 0)
        out[len++] = '/';
    else if (in[strlen(in) - 1] == '/' && len + 1 < LX_PATH_MAX)
        out[len++] = '/'; /* "dir/" must still be a directory */
    out[len] = '\0';
    return true;
}

/* An absolute guest path under the chroot root into buf. A path that
 * cannot be resolved gives "", which the host fails with ENOENT: never a
 * path outside the root. */
static const char *lx_path_in_root(const char *root, const char *path,
                                   char *buf)
{
    char res[LX_PATH_MAX];
    int n;

    if (!lx_path_resolve(root, path, res))
        return strcpy(buf, "");
    n = snprintf(buf, LX_PATH_MAX, "%s%s", root, strcmp(res, "/") ? res : "");
    if (n < 0 || n >= LX_PATH_MAX)
        buf[0] = '\0';
    else if (!buf[0])
        strcpy(buf, "/");
    return buf;
}

const char *lx_host_path(struct lx_task *t, const char *path, char *buf)
{
    const char *root = lx_path_root();
    struct stat st;
    int n;

    if (root && path[0] == '/')
        return lx_path_in_root(root, path, buf);
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

int lx_copy_new_path(struct lx_task *t, char *buf, gva src)
{
    char tmp[LX_PATH_MAX];
    const char *root = lx_path_root();
    int rc = lx_copy_path(t, buf, src);

    if (rc < 0 || !root || buf[0] != '/')
        return rc;
    lx_path_in_root(root, buf, tmp);
    memcpy(buf, tmp, strlen(tmp) + 1);
    return 0;
}

/* chroot(2), emulated: the kernel's checks in its order (lookup, then
 * search permission, then CAP_SYS_CHROOT), then the canonical host path
 * becomes the root lx_host_path and lx_copy_new_path put every absolute
 * guest path under. The host's own root is left alone: ferry still needs
 * its files, its sysroot and /proc/self/exe for execve. */
long lx_path_set_root(struct lx_task *t, const char *host, bool privileged)
{
    char real[LX_PATH_MAX], *copy;
    const char *old = lx_path_root();
    struct stat st;

    if (stat(host, &st) != 0)
        return -errno;
    if (!S_ISDIR(st.st_mode))
        return -LX_ENOTDIR;
    if (access(host, X_OK) != 0)
        return -errno;
    if (!privileged)
        return -LX_EPERM;
    if (!realpath(host, real))
        return -errno;
    /* chroot("/") before any other: the guest's "/" stays the sysroot
     * over the host's. */
    if (!old && strcmp(real, "/") == 0)
        return 0;
    if (strcmp(real, "/") == 0)
        real[0] = '\0'; /* "" + "/x" is "/x" */
    if (!(copy = strdup(real)))
        return -LX_ENOMEM;
    atomic_store_explicit(&lx_root, copy, memory_order_release);
    /* execve runs the next program with -L SYSROOT: from now on the
     * root is where its interpreter and libraries are. */
    t->sysroot = copy[0] ? copy : "/";
    return 0;
}
