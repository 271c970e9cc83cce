/* thr_robust.c: a robust mutex whose owner thread ends while holding it:
 * the next locker gets EOWNERDEAD (the kernel, here ferry, walks the dead
 * thread's robust list), makes it consistent and can use it again; plus
 * a PI mutex handed between threads. Expected output from a native gcc
 * run (architecture-neutral). */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t robust, pi;
static int pi_count;

static void *die_holding(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&robust);
    return NULL; /* ends without unlocking */
}

static void *pi_worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 10000; i++) {
        pthread_mutex_lock(&pi);
        pi_count++;
        pthread_mutex_unlock(&pi);
    }
    return NULL;
}

int main(void)
{
    pthread_mutexattr_t a;
    pthread_t th[4];
    int rc;

    pthread_mutexattr_init(&a);
    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&robust, &a);
    pthread_create(&th[0], NULL, die_holding, NULL);
    pthread_join(th[0], NULL);
    rc = pthread_mutex_lock(&robust);
    printf("lock after the owner died: %s\n",
           rc == EOWNERDEAD ? "EOWNERDEAD" : strerror(rc));
    printf("consistent: %d\n", pthread_mutex_consistent(&robust));
    pthread_mutex_unlock(&robust);
    printf("lock again: %d\n", pthread_mutex_lock(&robust));
    pthread_mutex_unlock(&robust);

    pthread_mutexattr_init(&a);
    pthread_mutexattr_setprotocol(&a, PTHREAD_PRIO_INHERIT);
    pthread_mutex_init(&pi, &a);
    for (int i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, pi_worker, NULL);
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    printf("pi mutex count: %d\n", pi_count);
    return 0;
}
