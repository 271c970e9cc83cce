/* syscall.c - many small system calls, as real test suites make them: in a
 * fresh temporary directory of small files, rounds of stat, open, read,
 * fstat, lseek, close, access, a failing stat and getpid. The output depends
 * only on the files' contents and the results, never on pids or paths. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NFILES 32
#define ROUNDS 1000

static char dir[4096];

static void die(const char *what)
{
    fprintf(stderr, "syscall: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void file_path(char *buf, size_t size, int i)
{
    snprintf(buf, size, "%s/f%02d", dir, i);
}

/* File i holds 37 * i + 1 bytes of a pattern that depends on i. */
static void make_files(void)
{
    const char *tmp = getenv("TMPDIR");
    char path[4200], data[2048];

    snprintf(dir, sizeof dir, "%s/ferry-bench-syscall.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        die("mkdtemp");
    for (int i = 0; i < NFILES; i++) {
        size_t n = 37u * (size_t)i + 1;
        for (size_t k = 0; k < n; k++)
            data[k] = (char)('a' + (k * 7 + (size_t)i) % 26);
        file_path(path, sizeof path, i);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || write(fd, data, n) != (ssize_t)n || close(fd) != 0)
            die("creating a file");
    }
}

static void remove_files(void)
{
    char path[4200];

    for (int i = 0; i < NFILES; i++) {
        file_path(path, sizeof path, i);
        unlink(path);
    }
    rmdir(dir);
}

int main(void)
{
    char path[NFILES][4200], missing[4200], buf[4096];
    uint64_t hash = 14695981039346656037ULL, sizes = 0, calls = 0, enoent = 0;
    pid_t pid = getpid();
    struct stat st;

    make_files();
    for (int i = 0; i < NFILES; i++)
        file_path(path[i], sizeof path[i], i);
    snprintf(missing, sizeof missing, "%s/missing", dir);
    for (int round = 0; round < ROUNDS; round++) {
        for (int i = 0; i < NFILES; i++) {
            if (stat(path[i], &st) != 0)
                die("stat");
            sizes += (uint64_t)st.st_size;
            int fd = open(path[i], O_RDONLY);
            if (fd < 0)
                die("open");
            ssize_t n = read(fd, buf, sizeof buf);
            if (n < 0)
                die("read");
            for (ssize_t k = 0; k < n; k += 16) /* a sample: the syscalls dominate */
                hash = (hash ^ (unsigned char)buf[k]) * 1099511628211ULL;
            if (fstat(fd, &st) != 0 || lseek(fd, 0, SEEK_SET) != 0)
                die("fstat or lseek");
            sizes += (uint64_t)st.st_size;
            if (close(fd) != 0)
                die("close");
            if (access(path[i], R_OK) != 0)
                die("access");
            if (getpid() != pid)
                die("getpid changed");
            calls += 8;
        }
        if (stat(missing, &st) == 0 || errno != ENOENT)
            die("stat of a missing file");
        enoent++;
        calls++;
    }
    remove_files();
    printf("syscall: %llu calls, %llu size sum, %llu ENOENT, hash %016llx\n",
           (unsigned long long)calls, (unsigned long long)sizes,
           (unsigned long long)enoent, (unsigned long long)hash);
    return 0;
}
