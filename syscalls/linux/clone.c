/* syscalls/linux/clone.c: guest threads: clone and clone3 with CLONE_VM
 * become a host thread on its own copy of the CPU state; exit and
 * exit_group end one thread or all. Process clones go to process.c. */
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log/log.h"
#include "syscalls/linux/lx_signal.h"
#include "syscalls/linux/lx_thr.h"

/* Live guest threads of this process (the main one included). */
static atomic_int lx_nthreads = 1;

void lx_thr_forked_child(void)
{
    atomic_store(&lx_nthreads, 1);
}

int lx_thr_count(void)
{
    return atomic_load(&lx_nthreads);
}

/* What a new thread needs until it runs: filled by the parent, read by the
 * child before it posts ready (the parent's stack frame dies after). */
struct lx_thr_boot {
    struct lx_task *task;
    const struct lx_clone_req *req;
    sem_t ready;
    long result; /* the child's tid, or -LX_Exxx */
};

static void lx_thr_put_tid(struct lx_task *t, gva addr, int tid)
{
    int32_t v = tid;

    if (addr)
        (void)lx_copy_out(t, addr, &v, sizeof v); /* the kernel ignores
                                                     faults here too */
}

/* The end of a thread made by clone: leave the translator, free, and end
 * the process if it was the last guest thread. */
static void lx_thr_finish(struct lx_task *t, int status)
{
    translator_thread_end(t->tr);
    free(t->env);
    free(t);
    if (atomic_fetch_sub(&lx_nthreads, 1) == 1) {
        fflush(log_file());
        _exit(status);
    }
}

static void *lx_thr_main(void *arg)
{
    struct lx_thr_boot *b = arg;
    struct lx_task *t = b->task;
    const struct lx_clone_req *r = b->req;

    t->tid = (int)syscall(SYS_gettid);
    if (translator_thread_start(t->tr) < 0) {
        b->result = -LX_EAGAIN;
        sem_post(&b->ready);
        return NULL;
    }
    /* Both before the child runs, as the kernel does: glibc's new thread
     * may read its own tid at once. */
    if (r->flags & CLONE_PARENT_SETTID)
        lx_thr_put_tid(t, r->parent_tid, t->tid);
    if (r->flags & CLONE_CHILD_SETTID)
        lx_thr_put_tid(t, r->child_tid, t->tid);
    b->result = t->tid;
    sem_post(&b->ready);
    lx_thr_finish(t, lx_thread_run(t, t->tr));
    return NULL;
}

static void lx_set_reg(struct lx_task *t, uint32_t off, uint64_t v)
{
    memcpy((char *)t->env + off, &v, sizeof v);
}

struct lx_task *lx_thr_new_task(struct lx_task *p,
                                const struct lx_clone_req *r)
{
    size_t size = (p->fe->state_size + 63) & ~(size_t)63;
    struct lx_task *t = malloc(sizeof *t);
    void *env = aligned_alloc(64, size);

    if (!t || !env) {
        free(t), free(env);
        return NULL;
    }
    memcpy(env, p->env, p->fe->state_size);
    *t = *p;
    t->env = env;
    t->tid = 0;
    t->exited = false;
    t->exit_status = 0;
    t->clear_child_tid = (r->flags & CLONE_CHILD_CLEARTID) ? r->child_tid : 0;
    t->robust_list = 0;
    t->robust_len = 0;
    t->heap_task = true;
    lx_set_reg(t, t->abi->syscall_ret, 0);
    if (r->stack)
        lx_set_reg(t, t->abi->sp, r->stack);
    if (r->flags & CLONE_SETTLS)
        lx_set_reg(t, t->abi->tp, r->tls);
    return t;
}

static long lx_thr_spawn(struct lx_task *t, struct lx_thr_boot *b)
{
    pthread_attr_t attr;
    pthread_t th;
    int rc;

    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    atomic_fetch_add(&lx_nthreads, 1);
    rc = pthread_create(&th, &attr, lx_thr_main, b);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        atomic_fetch_sub(&lx_nthreads, 1);
        free(t->env);
        free(t);
        return -LX_EAGAIN;
    }
    while (sem_wait(&b->ready) != 0)
        ;
    if (b->result < 0) { /* the child could not register: it is gone */
        atomic_fetch_sub(&lx_nthreads, 1);
        free(t->env);
        free(t);
    }
    return b->result;
}

/* The flags a thread of a process must come with (pthread_create's set
 * has these and more: SYSVSEM, SETTLS, the tid writes). */
#define LX_THREAD_FLAGS                                                        \
    (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD)

static long lx_clone_thread(struct lx_task *t, const struct lx_clone_req *r)
{
    struct lx_thr_boot b = {.req = r};
    long ret;

    if (!t->tr || !t->fe)
        return -LX_ENOSYS; /* no runtime behind this task (unit tests) */
    if ((r->flags & LX_THREAD_FLAGS) != LX_THREAD_FLAGS)
        return -LX_EINVAL; /* a process sharing memory: not emulated */
    if (!(b.task = lx_thr_new_task(t, r)))
        return -LX_ENOMEM;
    sem_init(&b.ready, 0, 0);
    ret = lx_thr_spawn(b.task, &b);
    sem_destroy(&b.ready);
    return ret;
}

long lx_clone(struct lx_task *t, const struct lx_clone_req *r)
{
    if (r->flags & (CLONE_PIDFD | CLONE_NEWNS | CLONE_NEWUSER | CLONE_NEWPID |
                    CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS |
                    CLONE_NEWCGROUP | CLONE_PTRACE | CLONE_UNTRACED))
        return -LX_EINVAL; /* not emulated */
    if ((r->flags & CLONE_VM) && !(r->flags & CLONE_VFORK))
        return lx_clone_thread(t, r);
    if (r->flags & (CLONE_THREAD | CLONE_SIGHAND))
        return -LX_EINVAL; /* the kernel's rule: these need CLONE_VM */
    return lx_clone_process(t, r);
}

/* clone(flags, stack, parent_tid, tls, child_tid): the order of riscv64
 * and arm64 (both CONFIG_CLONE_BACKWARDS); the low byte of flags is the
 * exit signal. */
long lx_sys_clone(struct lx_task *t, const uint64_t a[6])
{
    struct lx_clone_req r = {
        .flags = a[0] & ~(uint64_t)0xff,
        .exit_signal = a[0] & 0xff,
        .stack = a[1],
        .parent_tid = a[2],
        .tls = a[3],
        .child_tid = a[4],
    };

    return lx_clone(t, &r);
}

/* struct clone_args (linux/sched.h): 64 bytes in its first version, 88
 * with set_tid and cgroup. */
struct lx_clone_args {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
        stack_size, tls, set_tid, set_tid_size, cgroup;
};

long lx_sys_clone3(struct lx_task *t, const uint64_t a[6])
{
    struct lx_clone_args ca = {0};
    struct lx_clone_req r;

    if (a[1] < 64)
        return -LX_EINVAL;
    if (a[1] > 4096)
        return -LX_E2BIG;
    if (lx_copy_in(t, &ca, a[0], a[1] < sizeof ca ? a[1] : sizeof ca) < 0)
        return -LX_EFAULT;
    if (ca.set_tid || ca.set_tid_size || ca.cgroup || ca.exit_signal > 64 ||
        (ca.flags & 0xff))
        return -LX_EINVAL;
    if (!ca.stack != !ca.stack_size)
        return -LX_EINVAL;
    r = (struct lx_clone_req){
        .flags = ca.flags,
        .exit_signal = ca.exit_signal,
        .stack = ca.stack ? ca.stack + ca.stack_size : 0, /* grows down */
        .parent_tid = ca.parent_tid,
        .tls = ca.tls,
        .child_tid = ca.child_tid,
    };
    return lx_clone(t, &r);
}

/* exit: ends this thread. The main host thread cannot return while others
 * run (user mode would tear the translator down under them): it leaves
 * quietly, and the last thread to go ends the process. */
long lx_sys_thr_exit(struct lx_task *t, const uint64_t a[6])
{
    t->exited = true;
    t->exit_status = (int)(a[0] & 0xff);
    if (t->strace) /* before a joiner may run on and end the process */
        lx_strace_exit(t, 93, a);
    lx_thr_release(t);
    if (!t->heap_task && atomic_load(&lx_nthreads) > 1) {
        lx_tasks_remove(t); /* signals to its tid find no thread now */
        if (t->tr)
            translator_thread_end(t->tr);
        if (atomic_fetch_sub(&lx_nthreads, 1) > 1)
            pthread_exit(NULL);
        _exit(t->exit_status); /* the others left meanwhile */
    }
    return 0;
}

/* exit_group: with other threads alive, the host process ends here (the
 * kernel kills the others the same way); alone, the normal return path
 * prints -d stats and frees. */
long lx_sys_thr_exit_group(struct lx_task *t, const uint64_t a[6])
{
    t->exited = true;
    t->exit_status = (int)(a[0] & 0xff);
    if (t->strace) /* the dispatcher may never see this call end */
        lx_strace_exit(t, 94, a);
    if (t->heap_task || atomic_load(&lx_nthreads) > 1) {
        fflush(log_file());
        _exit(t->exit_status);
    }
    return 0;
}
