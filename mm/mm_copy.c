/* mm/mm_copy.c: copying to and from guest memory with the checks a
 * syscall needs (EFAULT), under the mm's lock so that another guest
 * thread cannot unmap the memory halfway through the copy. */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "mm/mm_internal.h"

static int mm_copy(struct mm *mm, gva addr, void *buf, size_t len,
                   bool to_guest)
{
    bool ok;

    if (len == 0)
        return 0;
    if (addr >= MM_VA_LIMIT || len > MM_VA_LIMIT - addr)
        return -EFAULT;
    pthread_mutex_lock(&mm->lock);
    ok = mm_regions_cover(mm, addr, addr + len,
                          to_guest ? PROT_WRITE : PROT_READ);
    if (ok && to_guest)
        memcpy(mm_host(mm, addr), buf, len);
    else if (ok)
        memcpy(buf, mm_host(mm, addr), len);
    pthread_mutex_unlock(&mm->lock);
    return ok ? 0 : -EFAULT;
}

int mm_read(struct mm *mm, gva addr, void *buf, size_t len)
{
    return mm_copy(mm, addr, buf, len, false);
}

int mm_write(struct mm *mm, gva addr, const void *buf, size_t len)
{
    return mm_copy(mm, addr, (void *)buf, len, true);
}

/* Copies readable bytes from addr up to the NUL (lock held). */
static int64_t mm_read_str_locked(const struct mm *mm, gva addr, char *buf,
                                  size_t size)
{
    size_t i = mm_regions_find(mm, addr), done = 0;

    while (done < size) {
        const struct mm_region *r = &mm->r[i];
        size_t n, want = size - done;
        const char *nul;

        if (i == mm->n || r->start > addr || !(r->prot & PROT_READ))
            return -EFAULT;
        n = r->end - addr < want ? r->end - addr : want;
        nul = memchr(mm_host(mm, addr), '\0', n);
        if (nul)
            n = (size_t)(nul - (const char *)mm_host(mm, addr)) + 1;
        memcpy(buf + done, mm_host(mm, addr), n);
        done += n;
        if (nul)
            return (int64_t)done - 1;
        addr += n;
        i++;
    }
    return -ENAMETOOLONG;
}

int64_t mm_read_str(struct mm *mm, gva addr, char *buf, size_t size)
{
    int64_t rc;

    if (size == 0)
        return -ENAMETOOLONG;
    if (addr >= MM_VA_LIMIT)
        return -EFAULT;
    pthread_mutex_lock(&mm->lock);
    rc = mm_read_str_locked(mm, addr, buf, size);
    pthread_mutex_unlock(&mm->lock);
    return rc;
}
