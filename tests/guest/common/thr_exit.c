/* thr_exit.c: how threads end a process: main calling pthread_exit while
 * a worker still runs (the process lives on and ends with 0), a worker
 * calling exit(3) while main waits in pthread_join, and a detached thread
 * still blocked when main returns. Each case runs in a forked child.
 * Expected output from a native gcc run (architecture-neutral). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void *late_worker(void *arg)
{
    (void)arg;
    usleep(50 * 1000);
    printf("worker outlived main\n");
    return NULL;
}

static void *exiting_worker(void *arg)
{
    (void)arg;
    usleep(20 * 1000);
    exit(3);
}

static void *blocked_worker(void *arg)
{
    (void)arg;
    pause();
    return NULL;
}

static int run_case(int which)
{
    pthread_t th;
    int st;
    pid_t pid = fork();

    if (pid == 0) {
        if (which == 0) {
            pthread_create(&th, NULL, late_worker, NULL);
            pthread_exit(NULL);
        }
        if (which == 1) {
            pthread_create(&th, NULL, exiting_worker, NULL);
            pthread_join(th, NULL);
            _exit(1);
        }
        pthread_create(&th, NULL, blocked_worker, NULL);
        pthread_detach(th);
        exit(6); /* exit_group ends the blocked thread too */
    }
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 100 + WTERMSIG(st);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    for (int i = 0; i < 3; i++)
        printf("case %d: status %d\n", i, run_case(i));
    return 0;
}
