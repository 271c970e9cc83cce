/* mm/mm_query.c: questions about the guest's mappings: range checks for
 * syscall arguments, code fetch for the translator, /proc/self/maps. */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysmacros.h>

#include "mm/mm_internal.h"

bool mm_check_range(struct mm *mm, gva addr, uint64_t len, int prot)
{
    bool ok;

    if (len == 0)
        return true;
    if (addr >= MM_VA_LIMIT || len > MM_VA_LIMIT - addr)
        return false;
    pthread_mutex_lock(&mm->lock);
    ok = mm_regions_cover(mm, addr, addr + len, prot);
    pthread_mutex_unlock(&mm->lock);
    return ok;
}

bool mm_query(struct mm *mm, gva addr, struct mm_region *out)
{
    size_t i;
    bool found;

    pthread_mutex_lock(&mm->lock);
    i = mm_regions_find(mm, addr);
    found = i < mm->n && mm->r[i].start <= addr;
    if (found)
        *out = mm->r[i];
    pthread_mutex_unlock(&mm->lock);
    return found;
}

/* The translator fetches one instruction at a time, mostly from the
 * region of the last fetch: the lock held, any region that holds pc is
 * the one (they do not overlap), else the search finds it. */
static size_t mm_fetch_region(struct mm *mm, gva pc)
{
    size_t i = mm->fetch_hint;

    if (i < mm->n && mm->r[i].start <= pc && pc < mm->r[i].end)
        return i;
    i = mm_regions_find(mm, pc);
    mm->fetch_hint = i;
    return i;
}

size_t mm_fetch_code(void *opaque, gva pc, void *buf, size_t len)
{
    struct mm *mm = opaque;
    size_t done = 0, i;

    pthread_mutex_lock(&mm->lock);
    i = mm_fetch_region(mm, pc);
    while (done < len && i < mm->n && mm->r[i].start <= pc &&
           (mm->r[i].prot & PROT_EXEC)) {
        size_t n = mm->r[i].end - pc;

        if (n > len - done)
            n = len - done;
        memcpy((char *)buf + done, mm_host(mm, pc), n);
        done += n;
        pc += n;
        i++;
    }
    pthread_mutex_unlock(&mm->lock);
    return done;
}

/* One line as Linux's show_map_vma() prints it: the name starts at column
 * 73, and a line without a name ends with the space after the inode. */
static int mm_maps_line(const struct mm_region *r, FILE *out)
{
    bool file_offset =
        !(r->flags & MM_REGION_ANON) || (r->flags & MM_REGION_SHARED);
    int n = fprintf(out, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu ",
                    (unsigned long long)r->start, (unsigned long long)r->end,
                    r->prot & PROT_READ ? 'r' : '-',
                    r->prot & PROT_WRITE ? 'w' : '-',
                    r->prot & PROT_EXEC ? 'x' : '-',
                    r->flags & MM_REGION_SHARED ? 's' : 'p',
                    (unsigned long long)(file_offset ? r->offset : 0),
                    major(r->dev), minor(r->dev), (unsigned long long)r->inode);

    if (n < 0)
        return -1;
    if (r->name && fprintf(out, "%*s%s", n < 73 ? 73 - n : 0, "", r->name) < 0)
        return -1;
    return fputc('\n', out) == EOF ? -1 : 0;
}

int mm_maps_print(struct mm *mm, FILE *out)
{
    int rc = 0;

    pthread_mutex_lock(&mm->lock);
    for (size_t i = 0; i < mm->n && rc == 0; i++)
        rc = mm_maps_line(&mm->r[i], out);
    pthread_mutex_unlock(&mm->lock);
    return rc < 0 ? -EIO : 0;
}
