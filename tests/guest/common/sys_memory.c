/* sys_memory: the memory syscalls from C: anonymous and file mappings,
 * protection (seen as EFAULT from read(2), no signals needed), partial
 * unmapping, mremap, madvise and brk. Addresses are never printed.
 * Architecture-neutral: sys_memory.ref is this program's output built
 * natively with gcc on x86-64 Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static const char *err(long rc)
{
    return rc < 0 ? strerrorname_np(errno) : "ok";
}

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

static void anonymous(long page, int zero_fd)
{
    unsigned char *p = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    printf("mmap anon: %d\n", p != MAP_FAILED);
    printf("zero filled: %d\n", all_zero(p, 3 * page));
    memset(p, 0x5a, 3 * page);
    printf("read into mapping: %zd\n", read(zero_fd, p, 16));
    printf("mprotect ro: %d\n", mprotect(p, page, PROT_READ));
    printf("read into read-only page: %s\n", err(read(zero_fd, p, 16)));
    printf("munmap middle: %d\n", munmap(p + page, page));
    printf("read into hole: %s\n", err(read(zero_fd, p + page, 16)));
    printf("last page kept: %d\n", p[2 * page] == 0x5a);
    printf("munmap unaligned: %s\n", err(munmap(p + 1, page)));
    printf("munmap rest: %d %d\n", munmap(p, page), munmap(p + 2 * page, page));
    printf("mmap len 0: %s\n",
           err(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) ==
                       MAP_FAILED
                   ? -1
                   : 0));
    printf("mmap bad fd: %s\n",
           err(mmap(NULL, page, PROT_READ, MAP_PRIVATE, 999, 0) == MAP_FAILED
                   ? -1
                   : 0));
}

static void remap_and_advise(long page)
{
    unsigned char *p = mmap(NULL, page, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                  *q;

    strcpy((char *)p, "moves along");
    q = mremap(p, page, 16 * page, MREMAP_MAYMOVE);
    printf("mremap: %d kept %d\n", q != MAP_FAILED,
           strcmp((char *)q, "moves along") == 0);
    printf("grown part zero: %d\n", all_zero(q + page, 15 * page));
    printf("madvise dontneed: %d\n", madvise(q, 16 * page, MADV_DONTNEED));
    printf("zero after dontneed: %d\n", all_zero(q, 16 * page));
    p = mmap(q + 4 * page, page, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("MAP_FIXED inside: %d\n", p == q + 4 * page);
    printf("munmap: %d\n", munmap(q, 16 * page));
}

static void files(long page)
{
    char path[] = "/tmp/ferry-sys-memory-XXXXXX", buf[8] = {0};
    int fd = mkstemp(path);
    char *p;

    write(fd, "file contents", 13);
    p = mmap(NULL, page, PROT_READ, MAP_PRIVATE, fd, 0);
    printf("private file map: %d '%.13s'\n", p != MAP_FAILED, p);
    printf("past EOF zero: %d\n", all_zero((unsigned char *)p + 13, 100));
    munmap(p, page);
    p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    memcpy(p, "FILE", 4);
    printf("msync: %d\n", msync(p, page, MS_SYNC));
    printf("pread sees shared write: %zd", pread(fd, buf, 4, 0));
    printf(" '%.4s'\n", buf);
    munmap(p, page);
    printf("offset not aligned: %s\n",
           err(mmap(NULL, page, PROT_READ, MAP_PRIVATE, fd, 1) == MAP_FAILED
                   ? -1
                   : 0));
    close(fd);
    unlink(path);
}

static void heap(void)
{
    char *start = sbrk(0), *end;

    printf("sbrk grow: %d\n", sbrk(100000) == start);
    end = sbrk(0);
    printf("break moved: %d\n", end == start + 100000);
    memset(start, 1, 100000);
    printf("heap writable: %d\n", start[99999] == 1);
    printf("sbrk shrink: %d\n", sbrk(-100000) == end);
    printf("back at start: %d\n", sbrk(0) == start);
    void *big = malloc(64 << 20);
    printf("malloc 64MiB: %d\n", big != NULL);
    free(big);
}

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    int zero_fd = open("/dev/zero", O_RDONLY);

    printf("page size 4096: %d\n", page == 4096);
    anonymous(page, zero_fd);
    remap_and_advise(page);
    files(page);
    heap();
    return 0;
}
