/* syscalls/linux/lx_mem.c: guest memory as syscall arguments: every
 * pointer is checked against the guest's mappings, so a bad one is EFAULT
 * and never a host fault. */
#include <string.h>
#include <sys/mman.h>

#include "mm/mm.h"
#include "syscalls/linux/lx_sys.h"

_Static_assert(LX_PROT_READ == PROT_READ && LX_PROT_WRITE == PROT_WRITE,
               "mm takes the generic PROT_ values");

void *lx_guest_ptr(struct lx_task *t, gva addr, size_t len, int prot)
{
    /* Nothing is touched: any address will do, even NULL, which
     * mm_g2h() would give for 0 in an identity-mapped space. */
    static char lx_empty;

    if (len == 0)
        return &lx_empty;
    if (addr + len < addr || !mm_check_range(t->mm, addr, len, prot))
        return NULL;
    /* The host kernel or ferry is about to write there: pages holding
     * translated code are write-protected (self-modifying code), so lift
     * that first, dropping their translations. */
    if ((prot & LX_PROT_WRITE) && mm_code_unprotect_range(t->mm, addr, len))
        return NULL;
    return mm_g2h(t->mm, addr);
}

int lx_copy_in(struct lx_task *t, void *dst, gva src, size_t len)
{
    const void *p = lx_guest_ptr(t, src, len, LX_PROT_READ);

    if (!p)
        return -LX_EFAULT;
    memcpy(dst, p, len);
    return 0;
}

int lx_copy_out(struct lx_task *t, gva dst, const void *src, size_t len)
{
    void *p = lx_guest_ptr(t, dst, len, LX_PROT_WRITE);

    if (!p)
        return -LX_EFAULT;
    memcpy(p, src, len);
    return 0;
}

/* Reads page by page: a path may end right before an unmapped page. */
int lx_copy_path(struct lx_task *t, char *buf, gva src)
{
    size_t done = 0;

    while (done < LX_PATH_MAX) {
        gva addr = src + done;
        size_t chunk = MM_PAGE_SIZE - (size_t)(addr % MM_PAGE_SIZE);
        const char *p, *nul;

        if (chunk > LX_PATH_MAX - done)
            chunk = LX_PATH_MAX - done;
        if (!(p = lx_guest_ptr(t, addr, chunk, LX_PROT_READ)))
            return -LX_EFAULT;
        nul = memchr(p, '\0', chunk);
        memcpy(buf + done, p, nul ? (size_t)(nul - p) + 1 : chunk);
        if (nul)
            return 0;
        done += chunk;
    }
    return -LX_ENAMETOOLONG;
}
