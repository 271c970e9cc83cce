/* sys_xattr: extended attributes by path, by link and by descriptor:
 * set (XATTR_CREATE / XATTR_REPLACE), get, list, remove, and the errors:
 * ENODATA, ERANGE (small buffer, empty or too long name), EEXIST, EINVAL
 * (bad flags), EFAULT (bad name, value or result buffer), E2BIG (value over
 * 64 KiB), ENOTSUP (procfs has no user attributes), ENOENT.
 * The test runs in a scratch directory of the build tree (an ext4 or tmpfs
 * file system, both with user.* attributes).
 * Architecture-neutral: sys_xattr.ref is this program's output built
 * natively with gcc on x86-64 Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "guest_show.h"

/* Never mapped; hidden from the compiler, which would warn. */
#define BAD ((void *)bad_ptr)

/* A list of NUL-separated names, sorted, on one line. */
static void show_list(const char *what, char *list, long n)
{
    char *names[16];
    int count = 0;

    for (long i = 0; i < n && count < 16; i += (long)strlen(list + i) + 1)
        names[count++] = list + i;
    for (int i = 0; i < count; i++)
        for (int j = i + 1; j < count; j++)
            if (strcmp(names[j], names[i]) < 0) {
                char *tmp = names[i];
                names[i] = names[j];
                names[j] = tmp;
            }
    printf("%s:", what);
    for (int i = 0; i < count; i++)
        printf(" %s", names[i]);
    printf("\n");
}

int main(void)
{
    char buf[256], list[1024], longname[300];
    char *big = calloc(1, 70000);
    int fd;
    long n;

    unlink("xa_link"); /* what an earlier, failed run left */
    unlink("xa_file");
    fd = open("xa_file", O_RDWR | O_CREAT | O_TRUNC, 0644);

    show("setxattr", setxattr("xa_file", "user.color", "blue", 4, 0));
    show("setxattr create again",
         setxattr("xa_file", "user.color", "red", 3, XATTR_CREATE));
    show("setxattr replace missing",
         setxattr("xa_file", "user.size", "1", 1, XATTR_REPLACE));
    show("setxattr replace",
         setxattr("xa_file", "user.color", "green", 5, XATTR_REPLACE));
    show("setxattr bad flags", setxattr("xa_file", "user.x", "1", 1, 4));
    show("setxattr empty value", setxattr("xa_file", "user.empty", "", 0, 0));
    n = getxattr("xa_file", "user.color", buf, sizeof buf);
    show("getxattr", n);
    printf("value: %.*s\n", (int)(n > 0 ? n : 0), buf);
    show("getxattr size 0", getxattr("xa_file", "user.color", NULL, 0));
    show("getxattr small buffer", getxattr("xa_file", "user.color", buf, 2));
    show("getxattr missing", getxattr("xa_file", "user.none", buf, sizeof buf));
    show("getxattr empty", getxattr("xa_file", "user.empty", buf, sizeof buf));
    show("getxattr no file", getxattr("no_such", "user.color", buf, 16));

    /* by descriptor */
    show("fsetxattr", fsetxattr(fd, "user.fd", "via fd", 6, 0));
    n = fgetxattr(fd, "user.fd", buf, sizeof buf);
    show("fgetxattr", n);
    printf("value: %.*s\n", (int)(n > 0 ? n : 0), buf);
    n = flistxattr(fd, list, sizeof list);
    show_list("flistxattr", list, n);
    show("flistxattr size 0", flistxattr(fd, NULL, 0));
    show("flistxattr small", flistxattr(fd, list, 3));
    show("fgetxattr bad fd", fgetxattr(-1, "user.fd", buf, sizeof buf));

    /* by link: a symlink itself cannot carry user attributes */
    show("symlink", symlink("xa_file", "xa_link"));
    n = getxattr("xa_link", "user.color", buf, sizeof buf);
    show("getxattr through link", n);
    show("lgetxattr on link", lgetxattr("xa_link", "user.color", buf, 16));
    show("lsetxattr on link", lsetxattr("xa_link", "user.a", "1", 1, 0));
    n = llistxattr("xa_file", list, sizeof list);
    show_list("llistxattr", list, n);
    n = listxattr("xa_link", list, sizeof list);
    show_list("listxattr through link", list, n);

    /* names */
    memset(longname, 'n', sizeof longname);
    memcpy(longname, "user.", 5);
    longname[299] = '\0';
    show("setxattr long name", setxattr("xa_file", longname, "1", 1, 0));
    show("setxattr empty name", setxattr("xa_file", "", "1", 1, 0));
    show("getxattr long name", getxattr("xa_file", longname, buf, 16));
    show("setxattr no namespace", setxattr("xa_file", "color", "1", 1, 0));

    /* bad pointers and sizes */
    show("setxattr bad name", setxattr("xa_file", BAD, "1", 1, 0));
    show("setxattr bad value", setxattr("xa_file", "user.v", BAD, 4, 0));
    show("setxattr bad path", setxattr(BAD, "user.v", "1", 1, 0));
    show("setxattr too big", setxattr("xa_file", "user.big", big, 65537, 0));
    show("getxattr bad buffer", getxattr("xa_file", "user.color", BAD, 16));
    show("getxattr bad buffer missing",
         getxattr("xa_file", "user.none", BAD, 16));
    show("listxattr bad buffer", listxattr("xa_file", BAD, 64));
    show("getxattr bad name", getxattr("xa_file", BAD, buf, 16));

    /* procfs has no user attributes */
    show("setxattr on procfs", setxattr("/proc/version", "user.a", "1", 1, 0));
    show("getxattr on procfs", getxattr("/proc/version", "user.a", buf, 16));

    /* remove */
    show("removexattr", removexattr("xa_file", "user.color"));
    show("removexattr again", removexattr("xa_file", "user.color"));
    show("lremovexattr", lremovexattr("xa_file", "user.empty"));
    show("fremovexattr", fremovexattr(fd, "user.fd"));
    show("fremovexattr bad name", fremovexattr(fd, BAD));
    show("listxattr empty", listxattr("xa_file", list, sizeof list));
    close(fd);
    unlink("xa_link");
    unlink("xa_file");
    free(big);
    return 0;
}
