/* translator/cache/tb_link.c: chaining blocks. A slot's jump is patched
 * straight into its successor's code; the successor keeps a list of the
 * slots jumping into it, so invalidating it can send them back to their
 * exit stubs. */
#include "translator/cache/cache_int.h"

#include <assert.h>

/* Patches slot n of tb to jump to target_rx (0: its exit stub); false if
 * the back end says it is out of reach. The lock is held. */
static bool tb_patch(struct code_cache *c, struct tb *tb, unsigned n,
                     uintptr_t target_rx)
{
    uintptr_t off = tb->code_rx - (uintptr_t)c->mem.rx + tb->slot[n].jmp_off;
    bool ok;

    cache_begin_write(c);
    ok =
        c->patch(c->mem.rw + off, tb->code_rx + tb->slot[n].jmp_off, target_rx);
    cache_end_write(c);
    return ok;
}

/* Takes slot n of from out of to's incoming list. */
static void tb_in_remove(struct tb *to, struct tb *from, unsigned n)
{
    struct tb_edge *e = &to->in_first;

    while (e->tb && !(e->tb == from && e->n == n))
        e = &e->tb->slot[e->n].next_in;
    if (e->tb)
        *e = from->slot[n].next_in;
}

static void tb_forget_link(struct tb *from, unsigned n)
{
    tb_in_remove(from->slot[n].to, from, n);
    from->slot[n].to = NULL;
    from->slot[n].next_in = (struct tb_edge){NULL, 0};
}

static void tb_unlink_locked(struct code_cache *c, struct tb *from, unsigned n)
{
    bool ok;

    if (!from->slot[n].to)
        return;
    ok = tb_patch(c, from, n, 0);
    assert(ok); /* the exit stub is always in reach */
    (void)ok;
    tb_forget_link(from, n);
}

static bool tb_is_valid(struct tb *tb)
{
    return !atomic_load(&tb->invalid);
}

static void tb_record_link(struct code_cache *c, struct tb *from, unsigned n,
                           struct tb *to)
{
    from->slot[n].to = to;
    from->slot[n].next_in = to->in_first;
    to->in_first = (struct tb_edge){from, n};
    c->stats.links++;
}

bool tb_link(struct code_cache *c, struct tb *from, unsigned slot,
             struct tb *to)
{
    bool ok;

    assert(slot < TB_NSLOTS);
    pthread_mutex_lock(&c->lock);
    ok = from->slot[slot].jmp_off != TB_NO_JUMP && tb_is_valid(from) &&
         tb_is_valid(to);
    if (ok && from->slot[slot].to != to) {
        tb_unlink_locked(c, from, slot);
        ok = tb_patch(c, from, slot, to->code_rx);
        if (ok)
            tb_record_link(c, from, slot, to);
    }
    pthread_mutex_unlock(&c->lock);
    return ok;
}

void tb_unlink(struct code_cache *c, struct tb *from, unsigned slot)
{
    assert(slot < TB_NSLOTS);
    pthread_mutex_lock(&c->lock);
    tb_unlink_locked(c, from, slot);
    pthread_mutex_unlock(&c->lock);
}

/* Every jump into tb goes back to its stub. tb's own jumps are only
 * forgotten, not patched: nothing enters tb any more, and a thread still
 * inside it may as well continue into valid code. */
void tb_unlink_all_locked(struct code_cache *c, struct tb *tb)
{
    while (tb->in_first.tb)
        tb_unlink_locked(c, tb->in_first.tb, tb->in_first.n);
    for (unsigned n = 0; n < TB_NSLOTS; n++) {
        if (tb->slot[n].to)
            tb_forget_link(tb, n);
    }
}
