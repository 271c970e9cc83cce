/* sys_chroot: chroot(2) into a scratch directory: the errors first
 * (ENOENT, ENOTDIR, EFAULT, and EPERM for a process without
 * CAP_SYS_CHROOT), then absolute paths resolve inside the new root
 * (open, stat, mkdir, "/.." staying at the root, symlinks with absolute
 * targets, a /proc the new root does not have), getcwd marks a directory
 * outside the root as unreachable until chdir("/"), and a second chroot
 * nests inside the first.
 * Needs root (the test suites run as root). Runs in a scratch directory.
 * Architecture-neutral: sys_chroot.ref is this program's output built
 * natively with gcc on x86-64 Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "guest_show.h"

static long open2(const char *path, int flags)
{
    struct open_how how = {.flags = (unsigned)flags};

    return syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof how);
}

static void put(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

    if (write(fd, text, strlen(text)) < 0)
        perror("write");
    close(fd);
}

static void cat(const char *what, const char *path)
{
    char buf[64] = {0};
    int fd = open(path, O_RDONLY);

    if (fd < 0) {
        show(what, -1);
        return;
    }
    if (read(fd, buf, sizeof buf - 1) < 0)
        perror("read");
    printf("%s: %s", what, buf);
    close(fd);
}

/* The raw getcwd: glibc's refuses "(unreachable)" answers. */
static void cwd(const char *what)
{
    char buf[4096];
    long n = syscall(SYS_getcwd, buf, sizeof buf);

    if (n < 0)
        show(what, n);
    else if (strncmp(buf, "(unreachable)/", 14) == 0)
        printf("%s: (unreachable)...\n", what);
    else
        printf("%s: %s\n", what, buf);
}

int main(void)
{
    struct stat st;
    pid_t pid;
    int status;

    /* what an earlier run in this directory left */
    rmdir("jail/made");
    rmdir("jail/inner/made");
    mkdir("jail", 0755);
    mkdir("jail/etc", 0755);
    mkdir("jail/inner", 0755);
    mkdir("jail/inner/etc", 0755);
    put("jail/etc/hello", "inside the jail\n");
    put("jail/inner/etc/hello", "inside the inner jail\n");
    symlink("/etc/hello", "jail/etc/absolute");
    symlink("/etc", "jail/etc-link");
    symlink("../etc/hello", "jail/inner/relative");

    show("chroot missing", chroot("no_such_dir"));
    show("chroot a file", chroot("jail/etc/hello"));
    show("chroot bad pointer", chroot(bad_ptr));
    fflush(stdout);
    if ((pid = fork()) == 0) {
        if (setuid(65534) != 0)
            perror("setuid");
        show("chroot without CAP_SYS_CHROOT", chroot("jail"));
        fflush(stdout);
        _exit(0);
    }
    waitpid(pid, &status, 0);

    show("chroot", chroot("jail"));
    cat("read /etc/hello", "/etc/hello");
    cat("read /../../etc/hello", "/../../etc/hello");
    show("stat /etc", stat("/etc", &st));
    cat("read through an absolute link", "/etc/absolute");
    cat("read through a linked directory", "/etc-link/hello");
    cat("read through a relative link", "/inner/relative");
    show("stat through a linked directory", stat("/etc-link/hello", &st));
    show("lstat of an absolute link", lstat("/etc/absolute", &st));
    show("openat2 through an absolute link",
         open2("/etc/absolute", O_RDONLY) >= 0);
    show("O_PATH open of /etc", open("/etc", O_PATH | O_RDONLY) >= 0);
    show("stat /proc/self/maps", stat("/proc/self/maps", &st));
    show("open /proc/self/maps", open("/proc/self/maps", O_RDONLY));
    cwd("getcwd before chdir");
    show("mkdir /made", mkdir("/made", 0755));
    show("chdir /", chdir("/"));
    cwd("getcwd after chdir");
    show("made is here", stat("made", &st));
    show("chdir /inner", chdir("/inner"));
    cwd("getcwd in /inner");
    show("chroot .", chroot("."));
    cat("read /etc/hello again", "/etc/hello");
    cwd("getcwd at the new root");
    show("chroot /", chroot("/"));
    cat("read /etc/hello after chroot /", "/etc/hello");
    return 0;
}
