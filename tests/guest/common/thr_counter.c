/* thr_counter.c: 16 threads each add 100000 to an atomic counter and to a
 * mutex-protected one; the totals must be exact. Expected output from a
 * native gcc run (architecture-neutral). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#define NTHREADS 16
#define NITERS 100000

static atomic_long atomic_total;
static long locked_total;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < NITERS; i++) {
        atomic_fetch_add(&atomic_total, 1);
        pthread_mutex_lock(&lock);
        locked_total++;
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t th[NTHREADS];

    for (int i = 0; i < NTHREADS; i++)
        if (pthread_create(&th[i], NULL, worker, NULL) != 0) {
            printf("pthread_create failed\n");
            return 1;
        }
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(th[i], NULL);
    printf("atomic %ld\n", (long)atomic_total);
    printf("mutex %ld\n", locked_total);
    return 0;
}
