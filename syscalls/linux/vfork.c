/* syscalls/linux/vfork.c: clone(CLONE_VM | CLONE_VFORK), as glibc's
 * posix_spawn and vfork make it: a child process that shares its
 * parent's memory, while the parent's thread waits until the child execs
 * or exits. posix_spawn relies on the sharing: its child writes an exec
 * failure where the parent reads it.
 *
 * The host gives the same: the child is a host clone(CLONE_VM |
 * CLONE_VFORK) running the guest on a copy of the parent thread's state,
 * on a host stack of its own. It borrows the waiting thread's
 * thread-local storage (its signal context, its code-cache registration,
 * its fault frame), which the parent puts back as it was when it
 * resumes. */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log/log.h"
#include "syscalls/linux/lx_signal.h"
#include "syscalls/linux/lx_thr.h"
#include "translator/cache/cache_int.h"
#include "translator/exec_internal.h"

/* The child's host stack: ferry's syscall paths want a few pages of
 * path buffers; untouched pages cost nothing. */
#define LX_VFORK_STACK (1u << 20)

struct lx_vfork {
    struct lx_task *child;
    const struct lx_clone_req *req;
};

static void lx_vfork_put_tid(struct lx_task *t, gva addr, int tid)
{
    int32_t v = tid;

    if (addr)
        (void)lx_copy_out(t, addr, &v, sizeof v);
}

/* The child: its tid writes, then the guest until it exits (an exec
 * never comes back). It starts with every host signal blocked. */
static int lx_vfork_child(void *arg)
{
    struct lx_vfork *v = arg;
    struct lx_task *t = v->child;
    int status;

    t->tid = (int)syscall(SYS_gettid);
    if (v->req->flags & CLONE_CHILD_SETTID)
        lx_vfork_put_tid(t, v->req->child_tid, t->tid);
    if (v->req->flags & CLONE_PARENT_SETTID)
        lx_vfork_put_tid(t, v->req->parent_tid, t->tid);
    lx_signal_vfork_resume(t); /* host signals are recorded for t */
    lx_signal_set_host_mask(t->sig_blocked);
    translator_thread_online(t->tr);
    status = lx_thread_run(t, t->tr);
    translator_thread_offline(t->tr);
    fflush(log_file());
    _exit(status);
}

/* The child's task: the parent's state with a0 = 0, and the parent's
 * dispositions copied, since CLONE_VM without CLONE_SIGHAND does not
 * share them. */
static struct lx_task *lx_vfork_task(struct lx_task *t,
                                     const struct lx_clone_req *r)
{
    struct lx_task *c = lx_thr_new_task(t, r);
    size_t size = (LX_NSIG + 1) * sizeof(struct lx_sigaction);

    if (!c)
        return NULL;
    if (!(c->vfork_actions = malloc(size))) {
        free(c->env);
        free(c);
        return NULL;
    }
    memcpy(c->vfork_actions, lx_signal_actions(t), size);
    c->sig_queue = NULL;
    return c;
}

static void lx_vfork_free(struct lx_task *c)
{
    free(c->vfork_actions);
    free(c->sig_queue); /* left by a child that exec'd or _exit'ed */
    free(c->env);
    free(c);
}

/* Runs the host clone with every signal blocked, so that nothing is
 * recorded against the child's context on this thread once it is gone;
 * then puts the thread-local state back. */
static long lx_vfork_run(struct lx_task *t, struct lx_vfork *v, void *stack)
{
    struct exec_fault_frame *frame = exec_fault_cur;
    sigset_t old;
    long pid;
    int err;

    lx_signal_block_all(&old);
    pid = clone(lx_vfork_child, (char *)stack + LX_VFORK_STACK,
                CLONE_VM | CLONE_VFORK | (int)v->req->exit_signal, v);
    err = errno;
    lx_signal_vfork_resume(t);
    exec_fault_cur = frame;
    /* A child killed while running code left this thread online. */
    if (!cache_tls.offline)
        translator_thread_offline(t->tr);
    lx_signal_set_raw_mask(&old);
    return pid < 0 ? -(long)err : pid;
}

long lx_clone_vfork_vm(struct lx_task *t, const struct lx_clone_req *r)
{
    struct lx_vfork v = {.req = r};
    void *stack;
    long pid;

    if (!t->tr || !t->fe)
        return -LX_ENOSYS; /* no runtime behind this task (unit tests) */
    if (r->exit_signal > LX_NSIG)
        return -LX_EINVAL;
    if (!(v.child = lx_vfork_task(t, r)))
        return -LX_ENOMEM;
    stack = mmap(NULL, LX_VFORK_STACK, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED) {
        lx_vfork_free(v.child);
        return -LX_ENOMEM;
    }
    pid = lx_vfork_run(t, &v, stack);
    munmap(stack, LX_VFORK_STACK);
    lx_vfork_free(v.child);
    return pid;
}
