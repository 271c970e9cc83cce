/* tests/unit/check_cache_threads.c: the flush protocol with several guest
 * threads: a flush waits for every registered thread's safe point, offline
 * threads do not hold it up, and concurrent translation stays coherent. */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/unit/check_cache.h"

START_TEST(test_registering_twice_is_busy)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);

    ck_assert_int_eq(cache_thread_register(c), 0);
    ck_assert_int_eq(cache_thread_register(c), -EBUSY);
    cache_thread_unregister();
    ck_assert_int_eq(cache_thread_register(c), 0);
    cache_thread_unregister();
    cache_free(c);
}
END_TEST

START_TEST(test_registered_threads_jump_cache_hits_are_counted)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct cache_stats st;

    ck_assert_int_eq(cache_thread_register(c), 0);
    cc_add(c, 0x1000, 4);
    for (unsigned i = 0; i < 3; i++)
        ck_assert_ptr_nonnull(tb_lookup(c, 0x1000, 0));
    cache_get_stats(c, &st); /* its own, not yet added */
    ck_assert_uint_eq(st.lookups, 3);
    ck_assert_uint_eq(st.jc_hits, 2);
    cache_thread_unregister();
    cache_get_stats(c, &st); /* added when it left */
    ck_assert_uint_eq(st.lookups, 3);
    ck_assert_uint_eq(st.hits, 3);
    ck_assert_uint_eq(st.jc_hits, 2);
    cache_free(c);
}
END_TEST

START_TEST(test_thread_leaving_while_offline_no_longer_counts_as_quiet)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);

    ck_assert_int_eq(cache_thread_register(c), 0);
    cache_thread_offline();
    cache_thread_unregister();
    ck_assert_int_eq(cache_thread_register(c), 0);
    cache_request_flush(c); /* this thread runs: it must wait */
    ck_assert_uint_eq(cache_generation(c), 1);
    cache_thread_offline();
    ck_assert_uint_eq(cache_generation(c), 2);
    cache_thread_online();
    cache_thread_unregister();
    cache_free(c);
}
END_TEST

START_TEST(test_flush_waits_for_the_registered_thread_to_be_quiescent)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct cache_stats st;
    struct tb *tb;

    ck_assert_int_eq(cache_thread_register(c), 0);
    tb = cc_add(c, 0x1000, 4);
    cache_request_flush(c);
    cache_request_flush(c); /* both make one flush */
    ck_assert(cache_flush_pending(c));
    ck_assert_uint_eq(cache_generation(c), 1);
    ck_assert_ptr_eq(tb_lookup(c, 0x1000, 0), tb);
    ck_assert_ptr_null(cc_add(c, 0x2000, 4)); /* retranslate meanwhile */
    cache_thread_quiescent();
    ck_assert(!cache_flush_pending(c));
    ck_assert_uint_eq(cache_generation(c), 2);
    ck_assert_ptr_null(tb_lookup(c, 0x1000, 0));
    cache_get_stats(c, &st);
    ck_assert_uint_eq(st.flushes, 1);
    cache_thread_unregister();
    cache_free(c);
}
END_TEST

struct cc_pair {
    struct code_cache *c;
    sem_t ready, go;
    uint64_t gen_before, gen_after;
};

static void *cc_late_worker(void *arg)
{
    struct cc_pair *p = arg;

    ck_assert_int_eq(cache_thread_register(p->c), 0);
    sem_post(&p->ready);
    sem_wait(&p->go);
    usleep(20000); /* the main thread is parked by now, most likely */
    p->gen_before = cache_generation(p->c);
    cache_thread_quiescent();
    p->gen_after = cache_generation(p->c);
    cache_thread_unregister();
    return NULL;
}

static void cc_pair_init(struct cc_pair *p)
{
    p->c = cc_new(CACHE_MIN_SIZE);
    sem_init(&p->ready, 0, 0);
    sem_init(&p->go, 0, 0);
}

START_TEST(test_flush_waits_for_every_running_thread)
{
    struct cc_pair p;
    pthread_t t;

    cc_pair_init(&p);
    ck_assert_int_eq(cache_thread_register(p.c), 0);
    ck_assert_int_eq(pthread_create(&t, NULL, cc_late_worker, &p), 0);
    sem_wait(&p.ready);
    cache_request_flush(p.c);
    sem_post(&p.go);
    cache_thread_quiescent(); /* parks until the worker arrives */
    ck_assert_uint_eq(cache_generation(p.c), 2);
    pthread_join(t, NULL);
    ck_assert_uint_eq(p.gen_before, 1);
    ck_assert_uint_eq(p.gen_after, 2);
    cache_thread_unregister();
    cache_free(p.c);
}
END_TEST

static void *cc_offline_worker(void *arg)
{
    struct cc_pair *p = arg;

    ck_assert_int_eq(cache_thread_register(p->c), 0);
    cache_thread_offline();
    sem_post(&p->ready);
    sem_wait(&p->go); /* "blocked in a syscall" */
    cache_thread_online();
    p->gen_after = cache_generation(p->c);
    cache_thread_unregister();
    return NULL;
}

START_TEST(test_offline_thread_does_not_hold_up_flush)
{
    struct cc_pair p;
    pthread_t t;

    cc_pair_init(&p);
    ck_assert_int_eq(cache_thread_register(p.c), 0);
    ck_assert_int_eq(pthread_create(&t, NULL, cc_offline_worker, &p), 0);
    sem_wait(&p.ready);
    cache_request_flush(p.c);
    ck_assert_uint_eq(cache_generation(p.c), 1);
    cache_thread_quiescent(); /* the worker is offline: flush at once */
    ck_assert_uint_eq(cache_generation(p.c), 2);
    sem_post(&p.go);
    pthread_join(t, NULL);
    ck_assert_uint_eq(p.gen_after, 2);
    cache_thread_unregister();
    cache_free(p.c);
}
END_TEST

static void *cc_leaving_worker(void *arg)
{
    struct cc_pair *p = arg;

    ck_assert_int_eq(cache_thread_register(p->c), 0);
    sem_post(&p->ready);
    sem_wait(&p->go);
    cache_thread_unregister();
    return NULL;
}

START_TEST(test_last_running_thread_leaving_lets_flush_happen)
{
    struct cc_pair p;
    pthread_t t;

    cc_pair_init(&p);
    ck_assert_int_eq(pthread_create(&t, NULL, cc_leaving_worker, &p), 0);
    sem_wait(&p.ready);
    cache_request_flush(p.c); /* from an unregistered thread */
    ck_assert(cache_flush_pending(p.c));
    sem_post(&p.go);
    pthread_join(t, NULL);
    ck_assert(!cache_flush_pending(p.c));
    ck_assert_uint_eq(cache_generation(p.c), 2);
    cache_free(p.c);
}
END_TEST

static void *cc_stuck_worker(void *arg)
{
    struct cc_pair *p = arg;

    ck_assert_int_eq(cache_thread_register(p->c), 0);
    sem_post(&p->ready);
    sem_wait(&p->go); /* running, never quiescent, until told */
    cache_thread_unregister();
    return NULL;
}

/* In the child only the forking thread exists: a flush must not wait for
 * the parent's other threads. */
static void cc_fork_child_flushes(struct code_cache *c)
{
    cache_fork_child(c);
    signal(SIGALRM, SIG_DFL); /* a hang is a failure, not a stuck test */
    alarm(5);
    cache_request_flush(c);
    cache_thread_quiescent();
    _exit(cache_generation(c) == 2 && !cache_flush_pending(c) ? 0 : 1);
}

START_TEST(test_forked_child_flushes_without_the_parents_threads)
{
    struct cc_pair p;
    pthread_t t;
    pid_t pid;
    int status;

    cc_pair_init(&p);
    ck_assert_int_eq(pthread_create(&t, NULL, cc_stuck_worker, &p), 0);
    sem_wait(&p.ready);
    ck_assert_int_eq(cache_thread_register(p.c), 0);
    cache_fork_prepare(p.c);
    pid = fork();
    if (pid == 0)
        cc_fork_child_flushes(p.c);
    cache_fork_parent(p.c);
    ck_assert_int_gt(pid, 0);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                  "child status %#x", status);
    /* The parent still counts its worker: the flush waits for it. */
    cache_request_flush(p.c);
    ck_assert_uint_eq(cache_generation(p.c), 1);
    sem_post(&p.go);
    cache_thread_quiescent();
    ck_assert_uint_eq(cache_generation(p.c), 2);
    pthread_join(t, NULL);
    cache_thread_unregister();
    cache_free(p.c);
}
END_TEST

/* --- many threads translating, looking up and chaining ----------------- */

#define CC_THREADS 4
#define CC_ITERS 3000
#define CC_PCS 64

struct cc_worker {
    struct code_cache *c;
    unsigned id;
    unsigned bad, hits, added;
};

/* One guest thread's loop: safe point, look up, translate on a miss,
 * chain to the previous block; checks every block it gets. */
static void *cc_busy_worker(void *arg)
{
    struct cc_worker *w = arg;
    struct tb *prev = NULL;

    ck_assert_int_eq(cache_thread_register(w->c), 0);
    for (unsigned i = 0; i < CC_ITERS; i++) {
        gva pc = 0x10000 + 4 * (gva)((i * 7 + w->id * 13) % CC_PCS);
        uint64_t gen = cache_generation(w->c);
        struct tb *tb;

        cache_thread_quiescent();
        if (cache_generation(w->c) != gen)
            prev = NULL; /* freed by the flush */
        tb = tb_lookup(w->c, pc, 0);
        w->hits += tb != NULL;
        if (!tb && (tb = cc_add(w->c, pc, 4)) != NULL)
            w->added++;
        if (tb && (tb->pc != pc || !cc_code_ok(tb)))
            w->bad++;
        if (prev && tb)
            tb_link(w->c, prev, i & 1, tb);
        prev = tb;
        if (w->id == 0 && i == CC_ITERS / 3)
            cache_request_flush(w->c);
    }
    cache_thread_unregister();
    return NULL;
}

START_TEST(test_threads_translating_through_a_flush_see_only_right_blocks)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct cc_worker w[CC_THREADS];
    pthread_t t[CC_THREADS];
    struct cache_stats st;
    unsigned hits = 0, added = 0;

    for (unsigned i = 0; i < CC_THREADS; i++) {
        w[i] = (struct cc_worker){c, i, 0, 0, 0};
        ck_assert_int_eq(pthread_create(&t[i], NULL, cc_busy_worker, &w[i]), 0);
    }
    for (unsigned i = 0; i < CC_THREADS; i++) {
        pthread_join(t[i], NULL);
        ck_assert_uint_eq(w[i].bad, 0);
        hits += w[i].hits;
        added += w[i].added;
    }
    cache_get_stats(c, &st);
    ck_assert_uint_eq(st.flushes, 1);
    ck_assert_uint_eq(st.generation, 2);
    ck_assert_uint_eq(st.hits, hits);
    ck_assert_uint_ge(hits, CC_THREADS * CC_ITERS / 2);
    /* Every pc translated at least once per generation. */
    ck_assert_uint_ge(added, 2 * CC_PCS);
    for (unsigned i = 0; i < CC_PCS; i++) {
        struct tb *tb = tb_lookup(c, 0x10000 + 4 * i, 0);

        ck_assert_ptr_nonnull(tb);
        ck_assert_uint_eq(tb->generation, 2);
        ck_assert(cc_code_ok(tb));
    }
    cache_free(c);
}
END_TEST

TCase *cc_threads_tcase(void)
{
    TCase *tc = tcase_create("threads");

    tcase_add_checked_fixture(tc, cc_reset, NULL);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_registering_twice_is_busy);
    tcase_add_test(tc, test_registered_threads_jump_cache_hits_are_counted);
    tcase_add_test(tc,
                   test_thread_leaving_while_offline_no_longer_counts_as_quiet);
    tcase_add_test(tc,
                   test_flush_waits_for_the_registered_thread_to_be_quiescent);
    tcase_add_test(tc, test_flush_waits_for_every_running_thread);
    tcase_add_test(tc, test_offline_thread_does_not_hold_up_flush);
    tcase_add_test(tc, test_last_running_thread_leaving_lets_flush_happen);
    tcase_add_test(tc, test_forked_child_flushes_without_the_parents_threads);
    tcase_add_test(
        tc, test_threads_translating_through_a_flush_see_only_right_blocks);
    return tc;
}
