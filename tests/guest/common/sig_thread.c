/* sig_thread: pthread_kill reaches the thread it names: a handler runs in
 * the waiting thread (blocked in sigsuspend, or about to be: the signal
 * stays pending until then), not in the sender.
 * Architecture-neutral: sig_thread.ref is this program's output built
 * natively with gcc on x86-64 Linux. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

static atomic_int got, ready;
static pthread_t waiter_id;

static void on_usr1(int sig)
{
    (void)sig;
    got = pthread_equal(pthread_self(), waiter_id) ? 1 : 2;
}

static void *waiter(void *arg)
{
    sigset_t none;

    (void)arg;
    sigemptyset(&none);
    ready = 1;
    while (!got)
        sigsuspend(&none);
    return NULL;
}

int main(void)
{
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    signal(SIGUSR1, on_usr1);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    pthread_create(&waiter_id, NULL, waiter, NULL);
    while (!ready)
        usleep(1000);
    pthread_kill(waiter_id, SIGUSR1);
    pthread_join(waiter_id, NULL);
    printf("delivered in the waiter: %d\n", got == 1);
    return 0;
}
