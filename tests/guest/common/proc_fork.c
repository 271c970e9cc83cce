/* proc_fork.c: fork and wait: exit statuses through wait4, waitpid and
 * waitid, WNOHANG, getppid, a child killed by a signal (WIFSIGNALED),
 * vfork, memory copied not shared, and a fork from a second thread.
 * Expected output from a native gcc run (architecture-neutral). */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static int shared_value = 1;

static void test_exit_statuses(void)
{
    pid_t pids[4];

    for (int i = 0; i < 4; i++) {
        pids[i] = fork();
        if (pids[i] == 0)
            _exit(i * 10 + 3);
    }
    for (int i = 3; i >= 0; i--) {
        int st;
        pid_t r = waitpid(pids[i], &st, 0);

        printf("child %d: %s, exited %d status %d\n", i,
               r == pids[i] ? "reaped" : "wrong pid", WIFEXITED(st),
               WEXITSTATUS(st));
    }
    printf("no more children: %s\n",
           wait(NULL) == -1 ? "ECHILD" : "unexpected");
}

static void test_memory_and_ppid(void)
{
    pid_t me = getpid(), pid;
    int st;

    pid = fork();
    if (pid == 0) {
        shared_value = 99;
        _exit(getppid() == me ? 0 : 1);
    }
    waitpid(pid, &st, 0);
    printf("child saw parent as ppid: %s; parent value still %d\n",
           WEXITSTATUS(st) == 0 ? "yes" : "no", shared_value);
}

static void test_signal_and_wnohang(void)
{
    int pfd[2], st;
    char c;
    pid_t pid;

    if (pipe(pfd) < 0)
        return;
    pid = fork();
    if (pid == 0) {
        close(pfd[1]);
        if (read(pfd[0], &c, 1) < 0) /* blocks until the parent is done */
            _exit(1);
        _exit(0);
    }
    close(pfd[0]);
    printf("WNOHANG while running: %d\n", (int)waitpid(pid, &st, WNOHANG));
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    printf("killed: signaled %d signal %d\n", WIFSIGNALED(st),
           WTERMSIG(st));
    close(pfd[1]);
    pid = fork();
    if (pid == 0) {
        kill(getpid(), SIGTERM);
        _exit(5);
    }
    waitpid(pid, &st, 0);
    printf("self-killed: signaled %d signal %d\n", WIFSIGNALED(st),
           WTERMSIG(st));
}

static void test_waitid_and_rusage(void)
{
    siginfo_t si = {0};
    struct rusage ru;
    int st;
    pid_t pid = fork();

    if (pid == 0)
        _exit(42);
    waitid(P_PID, pid, &si, WEXITED);
    printf("waitid: pid match %d code %s status %d\n", si.si_pid == pid,
           si.si_code == CLD_EXITED ? "CLD_EXITED" : "other", si.si_status);
    pid = fork();
    if (pid == 0)
        _exit(7);
    printf("wait4: pid match %d",
           wait4(pid, &st, 0, &ru) == pid);
    printf(" status %d rusage sane %d\n", WEXITSTATUS(st),
           ru.ru_utime.tv_usec < 1000000 && ru.ru_stime.tv_usec < 1000000);
}

static void test_vfork(void)
{
    int st;
    pid_t pid = vfork();

    if (pid == 0)
        _exit(17);
    waitpid(pid, &st, 0);
    printf("vfork child status %d\n", WEXITSTATUS(st));
}

static void *forking_thread(void *arg)
{
    int st;
    pid_t pid = fork();

    (void)arg;
    if (pid == 0)
        _exit(23);
    waitpid(pid, &st, 0);
    return (void *)(long)WEXITSTATUS(st);
}

static void test_fork_from_thread(void)
{
    pthread_t th;
    void *r;

    pthread_create(&th, NULL, forking_thread, NULL);
    pthread_join(th, &r);
    printf("fork from a thread: child status %ld\n", (long)r);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_exit_statuses();
    test_memory_and_ppid();
    test_signal_and_wnohang();
    test_waitid_and_rusage();
    test_vfork();
    test_fork_from_thread();
    return 0;
}
