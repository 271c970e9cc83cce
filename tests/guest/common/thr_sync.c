/* thr_sync.c: condition variables (a bounded queue), a barrier, thread-
 * local storage (__thread and pthread_key_create with destructors),
 * pthread_join's return values, and a detached thread. Expected output
 * from a native gcc run (architecture-neutral). */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define NCONS 4
#define NITEMS 10000
#define QCAP 8

static int queue[QCAP], qhead, qlen;
static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t qnotempty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t qnotfull = PTHREAD_COND_INITIALIZER;

static void put(int v)
{
    pthread_mutex_lock(&qlock);
    while (qlen == QCAP)
        pthread_cond_wait(&qnotfull, &qlock);
    queue[(qhead + qlen++) % QCAP] = v;
    pthread_cond_signal(&qnotempty);
    pthread_mutex_unlock(&qlock);
}

static int get(void)
{
    int v;

    pthread_mutex_lock(&qlock);
    while (qlen == 0)
        pthread_cond_wait(&qnotempty, &qlock);
    v = queue[qhead];
    qhead = (qhead + 1) % QCAP;
    qlen--;
    pthread_cond_signal(&qnotfull);
    pthread_mutex_unlock(&qlock);
    return v;
}

/* Each consumer sums what it takes until it sees -1; returns the sum. */
static void *consumer(void *arg)
{
    long sum = 0;
    int v;

    (void)arg;
    while ((v = get()) >= 0)
        sum += v;
    return (void *)sum;
}

static void test_queue(void)
{
    pthread_t th[NCONS];
    long total = 0;

    for (int i = 0; i < NCONS; i++)
        pthread_create(&th[i], NULL, consumer, NULL);
    for (int i = 1; i <= NITEMS; i++)
        put(i);
    for (int i = 0; i < NCONS; i++)
        put(-1);
    for (int i = 0; i < NCONS; i++) {
        void *r;

        pthread_join(th[i], &r);
        total += (long)r;
    }
    printf("queue sum %ld (expected %ld)\n", total,
           (long)NITEMS * (NITEMS + 1) / 2);
}

#define NBAR 6
static pthread_barrier_t barrier;
static int arrived[NBAR];
static int serial_count;
static pthread_mutex_t slock = PTHREAD_MUTEX_INITIALIZER;

/* Every thread must see all arrivals after the barrier. */
static void *barrier_worker(void *arg)
{
    int id = (int)(intptr_t)arg, seen = 0;

    __atomic_store_n(&arrived[id], 1, __ATOMIC_SEQ_CST);
    if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD) {
        pthread_mutex_lock(&slock);
        serial_count++;
        pthread_mutex_unlock(&slock);
    }
    for (int i = 0; i < NBAR; i++)
        seen += __atomic_load_n(&arrived[i], __ATOMIC_SEQ_CST);
    return (void *)(intptr_t)seen;
}

static void test_barrier(void)
{
    pthread_t th[NBAR];
    int ok = 1;

    pthread_barrier_init(&barrier, NULL, NBAR);
    for (int i = 0; i < NBAR; i++)
        pthread_create(&th[i], NULL, barrier_worker, (void *)(intptr_t)i);
    for (int i = 0; i < NBAR; i++) {
        void *r;

        pthread_join(th[i], &r);
        ok &= (intptr_t)r == NBAR;
    }
    pthread_barrier_destroy(&barrier);
    printf("barrier: all saw all %s, serial threads %d\n", ok ? "yes" : "no",
           serial_count);
}

static __thread int tls_value = 7;
static pthread_key_t key;
static int destructor_sum;
static pthread_mutex_t dlock = PTHREAD_MUTEX_INITIALIZER;

static void destructor(void *p)
{
    pthread_mutex_lock(&dlock);
    destructor_sum += *(int *)p;
    pthread_mutex_unlock(&dlock);
    free(p);
}

static void *tls_worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    int *p = malloc(sizeof *p);

    tls_value += id; /* this thread's copy only */
    *p = id * 100;
    pthread_setspecific(key, p);
    usleep(1000);
    return (void *)(intptr_t)(tls_value * 1000 +
                              *(int *)pthread_getspecific(key) / 100);
}

static void test_tls(void)
{
    pthread_t th[5];

    pthread_key_create(&key, destructor);
    for (int i = 0; i < 5; i++)
        pthread_create(&th[i], NULL, tls_worker, (void *)(intptr_t)(i + 1));
    for (int i = 0; i < 5; i++) {
        void *r;

        pthread_join(th[i], &r);
        printf("tls thread %d returned %ld\n", i + 1, (long)(intptr_t)r);
    }
    printf("main tls %d, destructor sum %d\n", tls_value, destructor_sum);
}

static void *exit_worker(void *arg)
{
    pthread_exit((void *)((intptr_t)arg * 3));
}

static volatile int detached_done;

static void *detached_worker(void *arg)
{
    (void)arg;
    __atomic_store_n(&detached_done, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

static void test_join_and_detach(void)
{
    pthread_t th, d;
    void *r;
    pthread_attr_t attr;

    pthread_create(&th, NULL, exit_worker, (void *)14);
    pthread_join(th, &r);
    printf("pthread_exit value %ld\n", (long)(intptr_t)r);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_create(&d, &attr, detached_worker, NULL);
    while (!__atomic_load_n(&detached_done, __ATOMIC_SEQ_CST))
        sched_yield();
    printf("detached thread ran\n");
}

int main(void)
{
    test_queue();
    test_barrier();
    test_tls();
    test_join_and_detach();
    return 0;
}
