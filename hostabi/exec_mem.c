/* hostabi/exec_mem.c: memory for generated code, W^X: two views of one
 * memfd (written through one, run through the other), or one view whose
 * protection flips when memfd is unavailable. */
#include "hostabi/hostabi.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

static size_t page_round(size_t size)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);

    return (size + page - 1) & ~(page - 1);
}

static int map_dual(struct exec_mem *m)
{
    int fd = memfd_create("ferry-code", MFD_CLOEXEC);
    int err;

    if (fd < 0)
        return -errno;
    if (ftruncate(fd, (off_t)m->size) < 0)
        goto fail;
    m->rw = mmap(NULL, m->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (m->rw == MAP_FAILED) {
        m->rw = NULL;
        goto fail;
    }
    m->rx = mmap(NULL, m->size, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    if (m->rx == MAP_FAILED) {
        err = -errno;
        munmap(m->rw, m->size);
        m->rw = m->rx = NULL;
        close(fd);
        return err;
    }
    close(fd);
    m->dual = true;
    return 0;
fail:
    err = -errno;
    close(fd);
    return err;
}

int exec_mem_map(struct exec_mem *m, size_t size)
{
    m->size = page_round(size);
    m->populated = 0;
    if (map_dual(m) == 0)
        return 0;
    m->rw = mmap(NULL, m->size, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m->rw == MAP_FAILED) {
        m->rw = m->rx = NULL;
        return -errno;
    }
    m->rx = m->rw;
    m->dual = false;
    return 0;
}

void exec_mem_unmap(struct exec_mem *m)
{
    munmap(m->rw, m->size);
    if (m->dual)
        munmap(m->rx, m->size);
    m->rw = m->rx = NULL;
}

int exec_mem_set_writable(struct exec_mem *m, bool writable)
{
    if (m->dual)
        return 0;
    if (mprotect(m->rw, m->size,
                 writable ? PROT_READ | PROT_WRITE : PROT_READ | PROT_EXEC))
        return -errno;
    return 0;
}

/* Populated at a time: enough that a short program makes a few calls, and
 * little enough not to weigh on its peak memory (both views count) nor
 * on start-up: every page populated is a fresh page of the memfd (a
 * static hello world, 10 KiB of code, starts 0.1 ms sooner with 16 KiB
 * chunks than with 32). */
#define EXEC_MEM_PREFAULT_CHUNK ((size_t)16 << 10)

/* Each first touch of a code page costs a page fault in each view (the
 * write, then the first run), and faults are the bulk of start-up in a
 * virtual machine; one madvise per chunk maps the pages in a batch, up to
 * the chunk end holds (a chunk ahead cost a hello world 4 fresh pages for
 * nothing). Kernels before 5.14 lack MADV_POPULATE_*: they fault on
 * demand. */
void exec_mem_prefault(struct exec_mem *m, size_t end)
{
    size_t target = (end + EXEC_MEM_PREFAULT_CHUNK - 1) &
                    ~(EXEC_MEM_PREFAULT_CHUNK - 1);
    size_t off = m->populated, len;

    if (end <= m->populated || off >= m->size)
        return;
    if (target > m->size)
        target = m->size;
    len = target - off;
    m->populated = target;
    if (madvise(m->rw + off, len, MADV_POPULATE_WRITE) != 0)
        return;
    if (m->dual)
        madvise(m->rx + off, len, MADV_POPULATE_READ);
}
