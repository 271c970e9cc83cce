/* hostabi/host_heap.c: mapping in the C heap's pages ahead of use. */
#include "hostabi/hostabi.h"

#include <malloc.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define HEAP_TOP_PAD ((size_t)256 << 10) /* growth step from then on */
#define HEAP_PIECE ((size_t)120 << 10)   /* below the mmap threshold */

/* The heap is grown by a piece that malloc takes from the brk heap, with
 * the top pad raised so that one brk does it and only the new top's
 * header is written (every write to a fresh page is a fault); the piece
 * goes back to the top chunk, which the trim threshold keeps from
 * shrinking again. Kernels before 5.14 lack MADV_POPULATE_WRITE: pages
 * then fault on demand as before. */
void host_heap_prefault(size_t grow)
{
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    void *first, *piece[2] = {NULL, NULL};
    uintptr_t start, end;

    mallopt(M_TOP_PAD, (int)(grow > HEAP_TOP_PAD ? grow : HEAP_TOP_PAD));
    mallopt(M_TRIM_THRESHOLD, (int)(2 * HEAP_TOP_PAD + 2 * grow));
    if (!(first = malloc(1)))
        return;
    start = ((uintptr_t)first + page - 1) & ~(page - 1);
    for (int i = 0; i < 2 && (uintptr_t)sbrk(0) < start + grow; i++)
        piece[i] = malloc(HEAP_PIECE);
    end = (uintptr_t)sbrk(0) & ~(page - 1);
    if (grow && end > start + grow)
        end = start + grow;
    if (end > start)
        madvise((void *)start, end - start, MADV_POPULATE_WRITE);
    free(piece[1]);
    free(piece[0]);
    free(first);
    mallopt(M_TOP_PAD, (int)HEAP_TOP_PAD);
}
