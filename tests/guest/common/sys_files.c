/* sys_files: file I/O through the fs and fd syscalls in a fresh temporary
 * directory: create, write, read, seek, stat, link, rename, list, remove.
 * Architecture-neutral: sys_files.ref is this program's output built
 * natively with gcc on x86-64 Linux. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static char dir[64];

static const char *at(const char *name)
{
    static char path[4][128];
    static int i;

    i = (i + 1) % 4;
    snprintf(path[i], sizeof path[i], "%s/%s", dir, name);
    return path[i];
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_dir(void)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char *names[16];
    int n = 0;

    while ((e = readdir(d)) && n < 16)
        names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof names[0], cmp_str);
    printf("listing:");
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

static void write_and_read(void)
{
    int fd = open(at("data"), O_RDWR | O_CREAT | O_EXCL, 0644);
    char buf[32] = {0};
    struct iovec iov[2] = {{"gather ", 7}, {"write\n", 6}};

    printf("open: %s\n", fd >= 0 ? "ok" : strerror(errno));
    printf("write: %zd\n", write(fd, "hello, file\n", 12));
    printf("writev: %zd\n", writev(fd, iov, 2));
    printf("pwrite: %zd\n", pwrite(fd, "HELLO", 5, 0));
    printf("lseek end: %lld\n", (long long)lseek(fd, 0, SEEK_END));
    printf("lseek set: %lld\n", (long long)lseek(fd, 7, SEEK_SET));
    printf("read: %zd '%.4s'\n", read(fd, buf, 4), buf);
    memset(buf, 0, sizeof buf);
    printf("pread: %zd '%.12s'\n", pread(fd, buf, sizeof buf - 1, 12), buf);
    printf("again O_EXCL: %s\n",
           open(at("data"), O_RDWR | O_CREAT | O_EXCL, 0644) < 0
               ? strerror(errno)
               : "opened");
    close(fd);
}

static void stat_and_links(void)
{
    struct stat st;

    stat(at("data"), &st);
    printf("stat: size %lld mode %o nlink %lu regular %d\n",
           (long long)st.st_size, st.st_mode & 07777,
           (unsigned long)st.st_nlink, S_ISREG(st.st_mode));
    printf("link: %d\n", link(at("data"), at("hard")));
    stat(at("data"), &st);
    printf("nlink after link: %lu\n", (unsigned long)st.st_nlink);
    printf("symlink: %d\n", symlink("data", at("soft")));
    char target[64] = {0};
    printf("readlink: %zd '%s'\n", readlink(at("soft"), target, 63), target);
    lstat(at("soft"), &st);
    printf("lstat is link: %d\n", S_ISLNK(st.st_mode));
    printf("rename: %d\n", rename(at("hard"), at("renamed")));
    printf("truncate: %d\n", truncate(at("renamed"), 5));
    stat(at("data"), &st);
    printf("size after truncate: %lld\n", (long long)st.st_size);
    printf("chmod: %d\n", chmod(at("data"), 0600));
    stat(at("data"), &st);
    printf("mode after chmod: %o\n", st.st_mode & 07777);
    printf("access W_OK: %d\n", access(at("data"), W_OK));
    printf("mkdir: %d\n", mkdir(at("sub"), 0755));
    stat(at("sub"), &st);
    printf("sub is dir: %d mode %o\n", S_ISDIR(st.st_mode), st.st_mode & 07777);
}

static void cleanup(void)
{
    const char *names[] = {"data", "renamed", "soft"};

    printf("rmdir non-empty: %s\n", rmdir(dir) ? strerror(errno) : "ok");
    for (int i = 0; i < 3; i++)
        printf("unlink %s: %d\n", names[i], unlink(at(names[i])));
    printf("rmdir sub: %d\n", rmdir(at("sub")));
    list_dir();
    printf("rmdir: %d\n", rmdir(dir));
    printf("stat removed: %s\n", access(dir, F_OK) ? strerror(errno) : "ok");
}

int main(void)
{
    char cwd[256];

    umask(022);
    strcpy(dir, "/tmp/ferry-sys-files-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    write_and_read();
    stat_and_links();
    list_dir();
    printf("chdir: %d\n", chdir(dir));
    printf("getcwd matches: %d\n",
           getcwd(cwd, sizeof cwd) && strcmp(cwd, dir) == 0);
    printf("relative stat: %d\n", access("data", R_OK));
    chdir("/");
    cleanup();
    return 0;
}
