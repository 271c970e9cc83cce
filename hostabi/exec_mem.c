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
