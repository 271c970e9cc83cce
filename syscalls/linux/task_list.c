/* syscalls/linux/task_list.c: this process's live guest threads by tid,
 * so that one thread can queue a signal for another (the ones host glibc
 * owns, 32 and 33, cannot go through the host: glibc's SIGCANCEL and
 * SIGSETXID of the guest's pthread_cancel and setuid). */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "syscalls/linux/lx_signal.h"
#include "syscalls/linux/lx_sys.h"

/* An unordered array: processes have few threads, and a signal to
 * another thread is rare next to everything else a thread does. The lock
 * keeps a found task alive: it leaves the list, under the lock, before
 * its queue is freed. */
static pthread_mutex_t lx_tasks_lock = PTHREAD_MUTEX_INITIALIZER;
static struct lx_task **lx_tasks;
static size_t lx_ntasks, lx_tasks_cap;

void lx_tasks_add(struct lx_task *t)
{
    pthread_mutex_lock(&lx_tasks_lock);
    if (lx_ntasks == lx_tasks_cap) {
        size_t cap = lx_tasks_cap ? 2 * lx_tasks_cap : 16;
        struct lx_task **n = realloc(lx_tasks, cap * sizeof *n);

        if (!n) { /* unreachable by tid: signals to it give ESRCH */
            pthread_mutex_unlock(&lx_tasks_lock);
            return;
        }
        lx_tasks = n;
        lx_tasks_cap = cap;
    }
    lx_tasks[lx_ntasks++] = t;
    pthread_mutex_unlock(&lx_tasks_lock);
}

void lx_tasks_remove(struct lx_task *t)
{
    pthread_mutex_lock(&lx_tasks_lock);
    for (size_t i = 0; i < lx_ntasks; i++)
        if (lx_tasks[i] == t) {
            lx_tasks[i] = lx_tasks[--lx_ntasks];
            break;
        }
    pthread_mutex_unlock(&lx_tasks_lock);
}

static struct lx_task *lx_tasks_find(int tid)
{
    for (size_t i = 0; i < lx_ntasks; i++)
        if (lx_tasks[i]->tid == tid)
            return lx_tasks[i];
    return NULL;
}

/* Queues info for t (found under the lock) and pokes it unless it
 * blocks the signal: its unblocking looks at the queue. */
static long lx_tasks_queue(struct lx_task *t, const struct lx_siginfo *info)
{
    int sig = info->si_signo;

    if (!sig)
        return 0;
    if (!lx_signal_queue(t, info))
        return -LX_EAGAIN;
    if (!(__atomic_load_n(&t->sig_blocked, __ATOMIC_ACQUIRE) & LX_SIGBIT(sig)))
        lx_signal_poke(t);
    return 0;
}

/* Whether thread tid still has sig queued and unblocked: then it may not
 * have seen the poke, which is lost when it lands between the thread's
 * last look at its queue and its next blocking host syscall. */
static bool lx_tasks_unseen(int tid, int sig)
{
    struct lx_task *t;
    bool unseen;

    pthread_mutex_lock(&lx_tasks_lock);
    t = lx_tasks_find(tid);
    unseen = t && (lx_signal_queued(t) & ~t->sig_blocked & LX_SIGBIT(sig));
    if (unseen)
        lx_signal_poke(t);
    pthread_mutex_unlock(&lx_tasks_lock);
    return unseen;
}

long lx_tasks_signal(int tid, const struct lx_siginfo *info)
{
    struct timespec ms = {0, 1000000};
    struct lx_task *t;
    long ret;

    pthread_mutex_lock(&lx_tasks_lock);
    ret = (t = lx_tasks_find(tid)) ? lx_tasks_queue(t, info) : -LX_ESRCH;
    pthread_mutex_unlock(&lx_tasks_lock);
    /* Poke again while it has not taken the signal (20 ms at most). */
    for (int i = 0; ret == 0 && info->si_signo && i < 20; i++) {
        nanosleep(&ms, NULL);
        if (!lx_tasks_unseen(tid, info->si_signo))
            break;
    }
    return ret;
}

/* The lock may have been held by a thread the fork did not copy: a
 * fresh one, and a fresh array (the old one may be mid-realloc). */
void lx_tasks_forked_child(struct lx_task *self)
{
    pthread_mutex_init(&lx_tasks_lock, NULL);
    lx_tasks = NULL;
    lx_ntasks = lx_tasks_cap = 0;
    lx_tasks_add(self);
}
