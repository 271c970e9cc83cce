/* syscalls/linux/xattr.c: extended attributes (setxattr(2), getxattr(2),
 * listxattr(2), removexattr(2) and their l- and f- forms). Names and values
 * are bytes with no layout, so nothing is converted; the work is checking
 * the arguments in the kernel's order (fs/xattr.c: flags, name, size,
 * value, then the file) and copying through host buffers, so a bad buffer
 * is EFAULT only where the kernel would say so: after the lookup. */
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>

#include "mm/mm.h"
#include "syscalls/linux/lx_sys.h"

/* linux/limits.h */
#define LX_XATTR_NAME_MAX 255
#define LX_XATTR_SIZE_MAX 65536
#define LX_XATTR_LIST_MAX 65536
/* linux/xattr.h */
#define LX_XATTR_CREATE 1
#define LX_XATTR_REPLACE 2

/* How a call names its file: by path (following a final symlink or not)
 * or by descriptor. */
enum lx_xattr_target { LX_XA_PATH, LX_XA_LINK, LX_XA_FD };

/* The guest's attribute name into name (LX_XATTR_NAME_MAX + 1 bytes):
 * the kernel reads at most that many bytes, and an empty name or one
 * without a NUL within them is ERANGE. Page by page: a name may end just
 * before an unmapped page. */
static int lx_xattr_name(struct lx_task *t, gva src, char *name)
{
    size_t done = 0;

    while (done < LX_XATTR_NAME_MAX + 1) {
        gva addr = src + done;
        size_t chunk = MM_PAGE_SIZE - (size_t)(addr % MM_PAGE_SIZE);
        const char *p, *nul;

        if (chunk > LX_XATTR_NAME_MAX + 1 - done)
            chunk = LX_XATTR_NAME_MAX + 1 - done;
        if (!(p = lx_guest_ptr(t, addr, chunk, LX_PROT_READ)))
            return -LX_EFAULT;
        nul = memchr(p, '\0', chunk);
        memcpy(name + done, p, nul ? (size_t)(nul - p) + 1 : chunk);
        if (nul)
            return name[0] ? 0 : -LX_ERANGE;
        done += chunk;
    }
    return -LX_ERANGE;
}

/* The file argument as a host path (mapped as reads map when lookup,
 * as changes map otherwise) into buf; tmp is scratch. */
static int lx_xattr_path(struct lx_task *t, gva src, bool lookup, char *buf,
                         char *tmp, const char **out)
{
    int rc;

    if (lookup)
        return lx_get_path(t, src, buf, tmp, out);
    rc = lx_copy_new_path(t, buf, src);
    *out = buf;
    return rc;
}

/* setxattr, lsetxattr, fsetxattr(file, name, value, size, flags). */
static long lx_xattr_set(struct lx_task *t, const uint64_t a[6],
                         enum lx_xattr_target how)
{
    char name[LX_XATTR_NAME_MAX + 1], buf[LX_PATH_MAX], tmp[LX_PATH_MAX];
    const char *path = NULL;
    const void *value = NULL;
    size_t size = a[3];
    int flags = (int)a[4], rc;

    if (flags & ~(LX_XATTR_CREATE | LX_XATTR_REPLACE))
        return -LX_EINVAL;
    if ((rc = lx_xattr_name(t, a[1], name)) < 0)
        return rc;
    if (size > LX_XATTR_SIZE_MAX)
        return -LX_E2BIG;
    if (size && !(value = lx_guest_ptr(t, a[2], size, LX_PROT_READ)))
        return -LX_EFAULT;
    if (how == LX_XA_FD)
        return lx_ret(fsetxattr(lx_fd(a[0]), name, value, size, flags));
    if ((rc = lx_xattr_path(t, a[0], false, buf, tmp, &path)) < 0)
        return rc;
    if (how == LX_XA_LINK)
        return lx_ret(lsetxattr(path, name, value, size, flags));
    return lx_ret(setxattr(path, name, value, size, flags));
}

/* The host call of a get or list, into the host buffer hbuf. */
static long lx_xattr_host_get(struct lx_task *t, uint64_t file,
                              const char *name, void *hbuf, size_t size,
                              enum lx_xattr_target how)
{
    char buf[LX_PATH_MAX], tmp[LX_PATH_MAX];
    const char *path = NULL;
    int rc;

    if (how == LX_XA_FD)
        return name ? lx_ret(fgetxattr(lx_fd(file), name, hbuf, size))
                    : lx_ret(flistxattr(lx_fd(file), hbuf, size));
    if ((rc = lx_xattr_path(t, file, true, buf, tmp, &path)) < 0)
        return rc;
    if (how == LX_XA_LINK)
        return name ? lx_ret(lgetxattr(path, name, hbuf, size))
                    : lx_ret(llistxattr(path, hbuf, size));
    return name ? lx_ret(getxattr(path, name, hbuf, size))
                : lx_ret(listxattr(path, hbuf, size));
}

/* getxattr (name set) or listxattr (name NULL) into the guest's buffer at
 * dst: sizes above the limit are cut to it (the host then turns ERANGE
 * into E2BIG as the kernel does); size 0 asks for the length. */
static long lx_xattr_get(struct lx_task *t, uint64_t file, const char *name,
                         gva dst, size_t size, enum lx_xattr_target how)
{
    size_t max = name ? LX_XATTR_SIZE_MAX : LX_XATTR_LIST_MAX;
    void *hbuf = NULL;
    long n;

    if (size > max)
        size = max;
    if (size && !(hbuf = malloc(size)))
        return -LX_ENOMEM;
    n = lx_xattr_host_get(t, file, name, hbuf, size, how);
    if (n > 0 && size && lx_copy_out(t, dst, hbuf, (size_t)n) < 0)
        n = -LX_EFAULT;
    free(hbuf);
    return n;
}

static long lx_xattr_getname(struct lx_task *t, const uint64_t a[6],
                             enum lx_xattr_target how)
{
    char name[LX_XATTR_NAME_MAX + 1];
    int rc = lx_xattr_name(t, a[1], name);

    return rc < 0 ? rc : lx_xattr_get(t, a[0], name, a[2], a[3], how);
}

/* removexattr, lremovexattr, fremovexattr(file, name). */
static long lx_xattr_remove(struct lx_task *t, const uint64_t a[6],
                            enum lx_xattr_target how)
{
    char name[LX_XATTR_NAME_MAX + 1], buf[LX_PATH_MAX], tmp[LX_PATH_MAX];
    const char *path = NULL;
    int rc = lx_xattr_name(t, a[1], name);

    if (rc < 0)
        return rc;
    if (how == LX_XA_FD)
        return lx_ret(fremovexattr(lx_fd(a[0]), name));
    if ((rc = lx_xattr_path(t, a[0], false, buf, tmp, &path)) < 0)
        return rc;
    if (how == LX_XA_LINK)
        return lx_ret(lremovexattr(path, name));
    return lx_ret(removexattr(path, name));
}

long lx_sys_setxattr(struct lx_task *t, const uint64_t a[6])
{
    return lx_xattr_set(t, a, LX_XA_PATH);
}

long lx_sys_lsetxattr(struct lx_task *t, const uint64_t a[6])
{
    return lx_xattr_set(t, a, LX_XA_LINK);
}

long lx_sys_fsetxattr(struct lx_task *t, const uint64_t a[6])
{
    return lx_xattr_set(t, a, LX_XA_FD);
}

long lx_sys_getxattr(struct lx_task *t, const uint64_t a[6])
{
    return lx_xattr_getname(t, a, LX_XA_PATH);
}

long lx_sys_lgetxattr(struct lx_task *t, const uint64_t a[6])
{
    return lx_xattr_getname(t, a, LX_XA_LINK);
}

long lx_sys_fgetxattr(struct lx_task *t, const uint64_t a[6])
{
    return lx_xattr_getname(t, a, LX_XA_FD);
}

long lx_sys_listxattr(struct lx_task *t, const uint64_t a[6])
{
    return lx_xattr_get(t, a[0], NULL, a[1], a[2], LX_XA_PATH);
}

long lx_sys_llistxattr(struct lx_task *t, const uint64_t a[6])
{
    return lx_xattr_get(t, a[0], NULL, a[1], a[2], LX_XA_LINK);
}

long lx_sys_flistxattr(struct lx_task *t, const uint64_t a[6])
{
    return lx_xattr_get(t, a[0], NULL, a[1], a[2], LX_XA_FD);
}

long lx_sys_removexattr(struct lx_task *t, const uint64_t a[6])
{
    return lx_xattr_remove(t, a, LX_XA_PATH);
}

long lx_sys_lremovexattr(struct lx_task *t, const uint64_t a[6])
{
    return lx_xattr_remove(t, a, LX_XA_LINK);
}

long lx_sys_fremovexattr(struct lx_task *t, const uint64_t a[6])
{
    return lx_xattr_remove(t, a, LX_XA_FD);
}
