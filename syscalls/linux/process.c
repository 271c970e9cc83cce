/* syscalls/linux/process.c: new guest processes: fork, and vfork without
 * CLONE_VM as a fork whose parent waits until the child execs or exits
 * (with CLONE_VM: vfork.c). The host fork is bracketed by the mm and code-cache fork helpers,
 * and the child gets its own copy of the code cache. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mm/mm.h"
#include "syscalls/linux/lx_signal.h"
#include "syscalls/linux/lx_thr.h"
#include "translator/cache/cache_int.h"
#include "translator/exec_internal.h"

/* In a vfork child: the write end of the pipe its parent reads until
 * exec (close-on-exec) or exit closes it; -1 elsewhere. */
static int lx_vfork_fd = -1;

/* The code cache's two views share one memfd, which a fork would share
 * too: parent and child would write into each other's code (new blocks,
 * chain patches). Before the fork, with the cache locked so nothing
 * changes under the copy, the parent copies it into a new memfd; the
 * child maps that one at the same addresses. -1: nothing to copy (one
 * private view, which the fork copies) or no memory. */
static int lx_code_snapshot(struct code_cache *c, bool *failed)
{
    const struct exec_mem *m = cache_exec_mem(c);
    int fd;

    *failed = false;
    if (!m->dual)
        return -1;
    fd = memfd_create("ferry-code", MFD_CLOEXEC);
    if (fd < 0 || ftruncate(fd, (off_t)m->size) < 0)
        goto fail;
    /* Only [0, pos) holds anything (the bump allocator's mark, read under
     * the lock): forks stay cheap with a large, mostly empty cache. */
    for (size_t done = 0, used = c->pos; done < used;) {
        ssize_t n = pwrite(fd, m->rw + done, used - done, (off_t)done);

        if (n <= 0)
            goto fail;
        done += (size_t)n;
    }
    return fd;
fail:
    if (fd >= 0)
        close(fd);
    *failed = true;
    return -1;
}

static void lx_code_adopt(struct code_cache *c, int fd)
{
    const struct exec_mem *m = cache_exec_mem(c);
    static const char msg[] = "ferry: fork: cannot map the code cache\n";

    if (mmap(m->rw, m->size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
             fd, 0) == MAP_FAILED ||
        mmap(m->rx, m->size, PROT_READ | PROT_EXEC, MAP_SHARED | MAP_FIXED,
             fd, 0) == MAP_FAILED) {
        (void)!write(2, msg, sizeof msg - 1);
        _exit(125);
    }
    close(fd);
}

/* The child's side: its own code, then the cache and mm made whole. */
static void lx_fork_child(struct lx_task *t, struct code_cache *c, int fd)
{
    if (fd >= 0)
        lx_code_adopt(c, fd);
    if (c)
        cache_fork_child(c);
    if (t->tr)
        translator_fork_end(t->tr);
    mm_fork_end(t->mm);
    lx_thr_forked_child();
    t->tid = (int)syscall(SYS_gettid);
    lx_tasks_forked_child(t);
    if (lx_vfork_fd >= 0) { /* ours belongs to our own vfork parent */
        close(lx_vfork_fd);
        lx_vfork_fd = -1;
    }
}

/* The host fork, with no guest memory or cache change half made. */
static pid_t lx_host_fork(struct lx_task *t)
{
    struct code_cache *c = t->tr ? t->tr->cache : NULL;
    bool failed = false;
    int fd = -1;
    pid_t pid;

    mm_fork_begin(t->mm);
    if (c) {
        cache_fork_prepare(c);
        fd = lx_code_snapshot(c, &failed);
    }
    if (t->tr)
        translator_fork_prepare(t->tr);
    pid = failed ? (errno = ENOMEM, -1) : fork();
    if (pid == 0) {
        lx_fork_child(t, c, fd);
        return 0;
    }
    if (fd >= 0)
        close(fd);
    if (t->tr)
        translator_fork_end(t->tr);
    if (c)
        cache_fork_parent(c);
    mm_fork_end(t->mm);
    return pid;
}

static void lx_put_tid(struct lx_task *t, gva addr, int tid)
{
    int32_t v = tid;

    if (addr)
        (void)lx_copy_out(t, addr, &v, sizeof v);
}

/* The child's side of clone: its tid writes, stack and result. */
static long lx_clone_child(struct lx_task *t, const struct lx_clone_req *r)
{
    uint64_t sp = r->stack;

    if (r->flags & CLONE_CHILD_SETTID)
        lx_put_tid(t, r->child_tid, t->tid);
    if (r->flags & CLONE_PARENT_SETTID)
        lx_put_tid(t, r->parent_tid, t->tid);
    t->clear_child_tid = (r->flags & CLONE_CHILD_CLEARTID) ? r->child_tid : 0;
    if (sp)
        memcpy((char *)t->env + t->abi->sp, &sp, sizeof sp);
    if (r->flags & CLONE_SETTLS)
        memcpy((char *)t->env + t->abi->tp, &r->tls, sizeof r->tls);
    return 0;
}

/* vfork's parent: blocked until the child execs or exits. */
static void lx_vfork_wait(int fd)
{
    char c;

    while (read(fd, &c, 1) < 0 && errno == EINTR)
        ;
    close(fd);
}

long lx_clone_process(struct lx_task *t, const struct lx_clone_req *r)
{
    bool vfork = r->flags & CLONE_VFORK;
    int p[2] = {-1, -1};
    pid_t pid;

    /* Sharing memory needs a runtime to run the child (unit tests have
     * none: a fork whose parent waits is the nearest). */
    if (vfork && (r->flags & CLONE_VM) && t->tr && t->fe)
        return lx_clone_vfork_vm(t, r);
    if (r->exit_signal != SIGCHLD)
        return -LX_EINVAL; /* host fork() always signals SIGCHLD */
    if (vfork && pipe2(p, O_CLOEXEC) < 0)
        return -(long)errno;
    pid = lx_host_fork(t);
    if (pid < 0) {
        long err = -(long)errno;

        if (vfork)
            close(p[0]), close(p[1]);
        return err;
    }
    if (pid == 0) {
        if (vfork) {
            close(p[0]);
            lx_vfork_fd = p[1];
        }
        return lx_clone_child(t, r);
    }
    if (r->flags & CLONE_PARENT_SETTID)
        lx_put_tid(t, r->parent_tid, pid);
    if (vfork) {
        close(p[1]);
        lx_vfork_wait(p[0]);
    }
    return pid;
}
