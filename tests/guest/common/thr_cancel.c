/* thr_cancel: pthread_cancel of a thread blocked in read() and of one at
 * pthread_testcancel, with their cleanup handlers; setuid/setgid in a
 * process with other threads (glibc tells every thread to change its
 * ids with a signal, SIGSETXID). glibc's SIGCANCEL and SIGSETXID are
 * signals 32 and 33, sent from one thread to another.
 * Architecture-neutral: thr_cancel.ref is this program's output built
 * natively with gcc on x86-64 Linux. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static atomic_int cleanups, started, spins, reader_tid;
static int pipe_fds[2];

static const char *_Atomic last_cleanup = "none";

/* Printed by the canceller after the join: the order of two threads'
 * output would depend on timing. */
static void cleanup(void *arg)
{
    atomic_store(&last_cleanup, arg);
    atomic_fetch_add(&cleanups, 1);
}

static void *reader(void *arg)
{
    char c;

    (void)arg;
    pthread_cleanup_push(cleanup, "reader");
    atomic_store(&reader_tid, (int)syscall(SYS_gettid));
    atomic_store(&started, 1);
    (void)!read(pipe_fds[0], &c, 1); /* nothing ever comes */
    printf("reader: read returned\n");
    pthread_cleanup_pop(0);
    return NULL;
}

static void *spinner(void *arg)
{
    (void)arg;
    pthread_cleanup_push(cleanup, "spinner");
    for (;;) {
        atomic_fetch_add(&spins, 1);
        pthread_testcancel();
    }
    pthread_cleanup_pop(0);
    return NULL;
}

static void cancel_and_join(pthread_t th, const char *name)
{
    void *ret = NULL;
    int rc = pthread_cancel(th);

    printf("%s: pthread_cancel %d\n", name, rc);
    rc = pthread_join(th, &ret);
    printf("%s: join %d, canceled %d, cleanup ran: %s\n", name, rc,
           ret == PTHREAD_CANCELED, atomic_load(&last_cleanup));
}

static void test_cancel(void)
{
    pthread_t th;

    if (pipe(pipe_fds) != 0)
        return;
    pthread_create(&th, NULL, reader, NULL);
    while (!atomic_load(&started))
        usleep(1000);
    usleep(50000); /* let it block in read */
    /* Signal 0 only asks whether the thread is there; glibc's own signal
     * numbers, raw, reach no thread that does not exist. */
    printf("tgkill 0 to the reader: %ld\n",
           syscall(SYS_tgkill, getpid(), atomic_load(&reader_tid), 0));
    errno = 0;
    syscall(SYS_tgkill, getpid(), 0x3fffffff, 32);
    printf("tgkill 32 to no thread: %s\n", errno == ESRCH ? "ESRCH" : "?");
    cancel_and_join(th, "reader");

    pthread_create(&th, NULL, spinner, NULL);
    while (atomic_load(&spins) < 1000)
        usleep(1000);
    cancel_and_join(th, "spinner");
    printf("cleanups: %d\n", atomic_load(&cleanups));
}

/* Threads blocked in a condition wait and in read must each take the
 * new ids before setuid/setgid returns. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int done;

static void *waiter(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    while (!done)
        pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    return NULL;
}

static void *blocked_reader(void *arg)
{
    char c;

    (void)arg;
    return (void *)(long)read(pipe_fds[0], &c, 1);
}

static void test_setxid(void)
{
    pthread_t w[3], r;
    void *ret;

    for (int i = 0; i < 3; i++)
        pthread_create(&w[i], NULL, waiter, NULL);
    pthread_create(&r, NULL, blocked_reader, NULL);
    usleep(50000);
    printf("setgid: %d\n", setgid(getgid()));
    printf("setuid: %d\n", setuid(getuid()));
    printf("ids kept: %d\n", getuid() == geteuid() && getgid() == getegid());
    pthread_mutex_lock(&lock);
    done = 1;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < 3; i++)
        pthread_join(w[i], NULL);
    (void)!write(pipe_fds[1], "x", 1);
    pthread_join(r, &ret);
    printf("reader after setxid read %ld\n", (long)ret);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_cancel();
    test_setxid();
    return 0;
}
