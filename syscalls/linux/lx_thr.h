/* syscalls/linux/lx_thr.h: what clone.c, futex.c, process.c and wait.c
 * share: one clone request, and the thread and process life cycle. */
#ifndef FERRY_SYSCALLS_LINUX_LX_THR_H
#define FERRY_SYSCALLS_LINUX_LX_THR_H

#include <stdint.h>

#include "syscalls/linux/lx_sys.h"

/* clone's and clone3's arguments, decoded (stack: the initial stack
 * pointer, 0 to keep the parent's). */
struct lx_clone_req {
    uint64_t flags; /* CLONE_* without the exit signal */
    uint64_t exit_signal;
    gva stack;
    gva parent_tid, child_tid;
    uint64_t tls;
};

/* Either kind of clone: a thread (CLONE_VM) or a process (clone.c). */
long lx_clone(struct lx_task *t, const struct lx_clone_req *r);

/* A new process: fork, or vfork with or without CLONE_VM (process.c).
 * Returns the child's pid in the parent, 0 in the child. */
long lx_clone_process(struct lx_task *t, const struct lx_clone_req *r);

/* clone(CLONE_VM | CLONE_VFORK): a child process sharing t's memory
 * while t waits for its exec or exit (vfork.c). The child's pid or
 * -LX_Exxx. */
long lx_clone_vfork_vm(struct lx_task *t, const struct lx_clone_req *r);

/* A heap copy of p's task and CPU state for a child that runs guest code
 * in this address space: result register 0, r's stack and TLS, no robust
 * list; NULL without memory (clone.c). Free env, then the task. */
struct lx_task *lx_thr_new_task(struct lx_task *p,
                                const struct lx_clone_req *r);

/* A forked child has one guest thread: reset the count (clone.c). */
void lx_thr_forked_child(void);

/* How many guest threads the process has now (clone.c). */
int lx_thr_count(void);

/* What a dying thread owes the others (futex.c): its robust futexes
 * marked FUTEX_OWNER_DIED and woken, then 0 written to clear_child_tid
 * and one waiter there woken (pthread_join waits on it). */
void lx_thr_release(struct lx_task *t);

/* A host futex call on host addresses (futex.c). */
long lx_host_futex(void *uaddr, int op, uint32_t val, const void *timeout,
                   void *uaddr2, uint32_t val3);

#endif
