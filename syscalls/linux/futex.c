/* syscalls/linux/futex.c: futex and its neighbours (get_robust_list,
 * membarrier), and what a dying thread owes the others. Guest memory is
 * host memory at guest_base + addr and guest tids are host tids, so every
 * futex op runs as the host's on the host address. */
#include <linux/futex.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "syscalls/linux/lx_thr.h"

long lx_host_futex(void *uaddr, int op, uint32_t val, const void *timeout,
                   void *uaddr2, uint32_t val3)
{
    return lx_ret(syscall(SYS_futex, uaddr, op, val, timeout, uaddr2, val3));
}

/* The ops whose fourth argument points to a timeout (the others use it as
 * a count, val2) and those with a second futex word. */
static bool lx_futex_has_timeout(int cmd)
{
    return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET ||
           cmd == FUTEX_LOCK_PI || cmd == 13 /* FUTEX_LOCK_PI2 */ ||
           cmd == FUTEX_WAIT_REQUEUE_PI;
}

static bool lx_futex_has_uaddr2(int cmd)
{
    return cmd == FUTEX_REQUEUE || cmd == FUTEX_CMP_REQUEUE ||
           cmd == FUTEX_WAKE_OP || cmd == FUTEX_CMP_REQUEUE_PI ||
           cmd == FUTEX_WAIT_REQUEUE_PI;
}

/* futex(uaddr, op, val, timeout|val2, uaddr2, val3). struct timespec is
 * two 64-bit words on both sides; the op passes unchanged (private and
 * clock flags included). */
long lx_sys_futex(struct lx_task *t, const uint64_t a[6])
{
    int op = (int)a[1], cmd = op & FUTEX_CMD_MASK;
    void *uaddr = lx_guest_ptr(t, a[0], 4, LX_PROT_READ), *uaddr2 = NULL;
    struct timespec ts;
    const void *timeout = (const void *)(uintptr_t)a[3]; /* val2 */

    if (!uaddr)
        return -LX_EFAULT;
    if (lx_futex_has_timeout(cmd)) {
        timeout = NULL;
        if (a[3] && lx_copy_in(t, &ts, a[3], sizeof ts) < 0)
            return -LX_EFAULT;
        if (a[3])
            timeout = &ts;
    }
    if (lx_futex_has_uaddr2(cmd) &&
        !(uaddr2 = lx_guest_ptr(t, a[4], 4, LX_PROT_READ)))
        return -LX_EFAULT;
    return lx_host_futex(uaddr, op, (uint32_t)a[2], timeout, uaddr2,
                         (uint32_t)a[5]);
}

/* get_robust_list(pid, head_ptr, len_ptr): only the caller's own list;
 * other threads' lists are not tracked (EPERM, as for a task the caller
 * may not inspect). */
long lx_sys_get_robust_list(struct lx_task *t, const uint64_t a[6])
{
    int pid = (int)a[0];

    if (pid != 0 && pid != t->tid)
        return -LX_EPERM;
    if (lx_copy_out(t, a[1], &t->robust_list, 8) < 0 ||
        lx_copy_out(t, a[2], &t->robust_len, 8) < 0)
        return -LX_EFAULT;
    return 0;
}

/* membarrier(cmd, flags, cpu_id): guest threads are host threads, so the
 * host's barrier orders them (QUERY answers what the host supports). */
long lx_sys_membarrier(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(syscall(SYS_membarrier, (int)a[0], (unsigned)a[1],
                          (int)a[2]));
}

/* The robust list's head (linux/futex.h, 64-bit): the first entry, the
 * futex word's offset from an entry, and an entry being changed. */
struct lx_robust_head {
    uint64_t next;
    int64_t futex_offset;
    uint64_t pending;
};

#define LX_ROBUST_LIMIT 2048 /* the kernel's ROBUST_LIST_LIMIT */

/* One robust futex of a dying owner: the kernel's handle_futex_death. */
static void lx_robust_death(struct lx_task *t, gva word, bool pi)
{
    _Atomic uint32_t *w = lx_guest_ptr(t, word, 4,
                                       LX_PROT_READ | LX_PROT_WRITE);
    uint32_t old, new;

    if (!w || (word & 3))
        return;
    old = atomic_load(w);
    do {
        if ((old & FUTEX_TID_MASK) != (uint32_t)t->tid)
            return;
        new = (old & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
    } while (!atomic_compare_exchange_weak(w, &old, new));
    if (!pi && (old & FUTEX_WAITERS))
        lx_host_futex((void *)w, FUTEX_WAKE, 1, NULL, NULL, 0);
}

/* Walks the list as exit_robust_list does: entries with bit 0 set are PI
 * futexes; the pending one is handled last unless it was on the list. */
static void lx_robust_walk(struct lx_task *t)
{
    struct lx_robust_head h;
    gva head = t->robust_list, entry;
    int n = 0;

    if (!head || lx_copy_in(t, &h, head, sizeof h) < 0)
        return;
    entry = h.next;
    while (entry != head && n++ < LX_ROBUST_LIMIT) {
        uint64_t next;

        if (lx_copy_in(t, &next, entry & ~(gva)1, sizeof next) < 0)
            return;
        if ((entry & ~(gva)1) != (h.pending & ~(gva)1))
            lx_robust_death(t, (entry & ~(gva)1) + (gva)h.futex_offset,
                            entry & 1);
        entry = next;
    }
    if (h.pending)
        lx_robust_death(t, (h.pending & ~(gva)1) + (gva)h.futex_offset,
                        h.pending & 1);
}

void lx_thr_release(struct lx_task *t)
{
    _Atomic uint32_t *tidp;

    lx_robust_walk(t);
    t->robust_list = 0;
    if (!t->clear_child_tid)
        return;
    tidp = lx_guest_ptr(t, t->clear_child_tid, 4,
                        LX_PROT_READ | LX_PROT_WRITE);
    t->clear_child_tid = 0;
    if (!tidp)
        return;
    /* A shared wake, as the kernel's: glibc's join waits with LLL_SHARED. */
    atomic_store(tidp, 0);
    lx_host_futex((void *)tidp, FUTEX_WAKE, 1, NULL, NULL, 0);
}
