/* translator/opt/opt_forward.c: copy propagation, constant propagation and
 * folding, algebraic simplification and guest-state forwarding fused into
 * one forward walk over a block (opt_block's first half). Each op's
 * sources are resolved first (through copies and known constants), a GET
 * may become a move of the temp holding its slot, then the op is folded
 * and simplified, and its result recorded for the ops after it. This does
 * what the separate passes do in two rounds, in one, which matters at
 * start-up: most blocks run once, so translating them is the bulk of a
 * short program's time. Two things only this walk does: a load of what a
 * store before it wrote reads the stored temp, and a label that only one
 * branch reaches (a side path) keeps what was known at that branch. */
#include "translator/opt/opt.h"
#include "translator/opt/opt_util.h"

#include <string.h>

/* A plain store of val (val_ver assignments then) to base + off, base
 * having had base_ver assignments. */
struct fw_mem {
    ir_temp base, val;
    uint32_t base_ver, val_ver;
    int64_t off;
    uint32_t memop;
};
#define FW_MEM_MAX 32

/* Per temp t below n (temps made during the walk are new constants, never
 * assigned): ndefs[t] counts its assignments so far; if its last
 * assignment was "t = mov v" in the current label epoch, val[t] is v
 * (already resolved) and ver[t] the count of v's assignments then. */
struct fw_state {
    struct ir_block *b;
    uint32_t *ndefs, *val, *ver, *epoch_of;
    uint32_t n, epoch;
    struct st_table tab; /* guest-state slots and the temps holding them */
    struct fw_mem mem[FW_MEM_MAX]; /* guest memory stored, nmem of them */
    uint32_t nmem;
    /* Per label: the branches to it (UINT32_MAX: unknown), and for one
     * with a single branch, tab and mem as that branch saw them. */
    uint32_t *npreds, *nsnap, *nmemsnap;
    struct st_slot **snap;
    struct fw_mem **memsnap;
    bool falls; /* the last op may fall through to the next */
};

/* Assignments of t so far; constants are never assigned. */
static uint32_t fw_defs(const struct fw_state *s, ir_temp t)
{
    return t < s->n ? s->ndefs[t] : 0;
}

/* The temp (or constant) whose value t holds here, or t itself. */
static ir_temp fw_resolve(const struct fw_state *s, ir_temp t)
{
    ir_temp v;

    if (t == IR_NO_TEMP || t >= s->n || !(v = s->val[t]) ||
        s->epoch_of[t] != s->epoch)
        return t;
    return fw_defs(s, v) == s->ver[t] ? v : t;
}

/* The temp still holding guest-state slot (off, type), or 0. */
static ir_temp fw_find(const struct fw_state *s, uint32_t off,
                       enum ir_type type)
{
    for (uint32_t i = 0; i < s->tab.n; i++) {
        const struct st_slot *sl = &s->tab.slot[i];

        if (sl->off == off && sl->type == type &&
            fw_defs(s, sl->temp) == sl->ver)
            return sl->temp;
    }
    return IR_NO_TEMP;
}

/* A GET of a slot whose value a temp still holds becomes a move of it;
 * true if so. */
static bool fw_get(struct fw_state *s, struct ir_op *op)
{
    ir_temp src = fw_find(s, (uint32_t)op->imm, (enum ir_type)op->type);

    if (!src)
        return false;
    opt_make_mov(op, src);
    return true;
}

/* After op r = GET (not forwarded) or SET: the slot now lives in a temp. */
static void fw_track(struct fw_state *s, const struct ir_op *op)
{
    enum ir_type type = (enum ir_type)op->type;
    uint32_t off = (uint32_t)op->imm;
    ir_temp t = op->opc == IR_GET ? op->args[0] : op->args[1];

    if (op->opc == IR_GET)
        opt_st_drop(&s->tab, off, 0, type);
    else
        opt_st_drop(&s->tab, off, opt_st_size(type), IR_NTYPES);
    opt_st_add(&s->tab, (struct st_slot){off, opt_st_size(type), type, t,
                                         fw_defs(s, t)});
}

/* Records the assignment of op's result r. "r = mov r" leaves r's value
 * as it was (the simplifier drops it). */
static void fw_define(struct fw_state *s, const struct ir_op *op, ir_temp r)
{
    ir_temp v = op->opc == IR_MOV ? op->args[1] : IR_NO_TEMP;

    if (r >= s->n || v == r)
        return;
    s->ndefs[r]++;
    s->val[r] = v;
    if (v) {
        s->ver[r] = fw_defs(s, v);
        s->epoch_of[r] = s->epoch;
    }
}

/* --- guest memory: a load of what a store in the same stretch wrote ---- */

/* A 32- or 64-bit access with no ordering or exclusivity. */
static bool fw_plain(const struct ir_op *op)
{
    uint32_t size = op->aux & IR_MO_SIZE;

    return (size == IR_MO_32 || size == IR_MO_64) &&
           !(op->aux & (IR_MO_ACQ | IR_MO_REL | IR_MO_EXCL));
}

/* A load of the bytes a remembered store wrote, of its value's type and
 * (for 32 bits) as a 32-bit value, becomes a move of that value. Only
 * the same base temp, unchanged, proves the same address; the store did
 * not fault, so the load would not either. */
static void fw_load(struct fw_state *s, struct ir_op *op)
{
    for (uint32_t i = 0; i < s->nmem; i++) {
        const struct fw_mem *m = &s->mem[i];

        if (m->base == op->args[1] && (int64_t)op->imm == m->off &&
            (m->memop & IR_MO_SIZE) == (op->aux & IR_MO_SIZE) &&
            fw_defs(s, m->base) == m->base_ver &&
            fw_defs(s, m->val) == m->val_ver &&
            ir_temp_type(s->b, m->val) == op->type &&
            ((op->aux & IR_MO_SIZE) == IR_MO_64 || op->type == IR_I32)) {
            opt_make_mov(op, m->val);
            return;
        }
    }
}

/* A store forgets every store it may overlap (any with another base),
 * then is remembered if plain. */
static void fw_store(struct fw_state *s, const struct ir_op *op)
{
    int64_t off = (int64_t)op->imm, size = 1 << (op->aux & IR_MO_SIZE);
    uint32_t j = 0;

    for (uint32_t i = 0; i < s->nmem; i++) {
        const struct fw_mem *m = &s->mem[i];
        int64_t msize = 1 << (m->memop & IR_MO_SIZE);

        if (m->base == op->args[1] &&
            fw_defs(s, m->base) == m->base_ver &&
            (m->off + msize <= off || off + size <= m->off))
            s->mem[j++] = *m;
    }
    s->nmem = j;
    if (fw_plain(op) && s->nmem < FW_MEM_MAX)
        s->mem[s->nmem++] = (struct fw_mem){
            op->args[1], op->args[2], fw_defs(s, op->args[1]),
            fw_defs(s, op->args[2]), off, op->aux};
}

/* Before op: loads and stores (an ordered or exclusive one is a barrier,
 * as is every other op that may touch memory, helpers included). */
static void fw_memory(struct fw_state *s, struct ir_op *op)
{
    if (op->opc == IR_LOAD && fw_plain(op))
        fw_load(s, op);
    else if (op->opc == IR_STORE)
        fw_store(s, op);
    if (op->opc == IR_LOAD || op->opc == IR_STORE) {
        if (op->aux & (IR_MO_ACQ | IR_MO_REL | IR_MO_EXCL))
            s->nmem = 0;
    } else if (op->opc == IR_CALL || (opt_op_flags(op) & IR_OPF_MEMORY)) {
        s->nmem = 0;
    }
}

/* Counts the branches to each label; an op that may branch otherwise
 * makes every count unknown. */
static void fw_count_preds(struct fw_state *s)
{
    const struct ir_block *b = s->b;

    for (uint32_t i = 0; i < b->nops; i++) {
        const struct ir_op *op = &b->ops[i];

        if (op->opc == IR_BR || op->opc == IR_BRCOND) {
            s->npreds[op->imm]++;
        } else if (opt_op_flags(op) & IR_OPF_BRANCH) {
            memset(s->npreds, 0xff, b->nlabels * sizeof *s->npreds);
            return;
        }
    }
}

/* Before a branch that is its label's only way in: what tab knows holds
 * at the label too (the temps' versions say if a temp changes first). */
static void fw_snapshot(struct fw_state *s, const struct ir_op *op)
{
    uint32_t l = (uint32_t)op->imm;

    if (s->npreds[l] != 1)
        return;
    s->snap[l] = opt_alloc(s->tab.n ? s->tab.n : 1, sizeof(struct st_slot));
    memcpy(s->snap[l], s->tab.slot, s->tab.n * sizeof(struct st_slot));
    s->nsnap[l] = s->tab.n;
    s->memsnap[l] = opt_alloc(s->nmem ? s->nmem : 1, sizeof(struct fw_mem));
    memcpy(s->memsnap[l], s->mem, s->nmem * sizeof(struct fw_mem));
    s->nmemsnap[l] = s->nmem;
}

/* At a label another path may arrive with other values, unless nothing
 * falls into it and one branch is its only way in. */
static void fw_label(struct fw_state *s, const struct ir_op *op)
{
    uint32_t l = (uint32_t)op->imm;

    s->epoch++;
    s->tab.n = 0;
    s->nmem = 0;
    if (s->falls || s->npreds[l] != 1 || !s->snap[l])
        return;
    for (uint32_t i = 0; i < s->nsnap[l]; i++)
        opt_st_add(&s->tab, s->snap[l][i]);
    memcpy(s->mem, s->memsnap[l], s->nmemsnap[l] * sizeof(struct fw_mem));
    s->nmem = s->nmemsnap[l];
}

static void fw_op(struct fw_state *s, struct ir_op *op)
{
    bool tracked_get;
    ir_temp r;

    if (op->opc == IR_LABEL) {
        fw_label(s, op);
        s->falls = true;
        return;
    }
    if (op->opc == IR_BRCOND || op->opc == IR_BR)
        fw_snapshot(s, op);
    if (opt_op_flags(op) & IR_OPF_WRITES_STATE)
        s->tab.n = 0; /* a write we cannot see */
    for (unsigned i = 1; i <= opt_nsrcs(op); i++)
        op->args[i] = fw_resolve(s, op->args[i]);
    if (op->opc == IR_SET &&
        fw_find(s, (uint32_t)op->imm, (enum ir_type)op->type) == op->args[1]) {
        opt_make_nop(op); /* the slot holds that value already */
        s->falls = true;
        return;
    }
    fw_memory(s, op);
    tracked_get = op->opc == IR_GET && !fw_get(s, op);
    opt_fold_op(s->b, op);
    opt_simplify_op(s->b, op);
    if ((r = opt_result(op)) != IR_NO_TEMP)
        fw_define(s, op, r);
    if (tracked_get || op->opc == IR_SET)
        fw_track(s, op);
    if (op->opc != IR_NOP)
        s->falls = op->opc != IR_BR && !(opt_op_flags(op) & IR_OPF_EXIT);
}

void opt_forward(struct ir_block *b)
{
    uint32_t n = b->ntemps;
    struct fw_state s = {
        .b = b,
        .ndefs = opt_alloc(n, sizeof(uint32_t)),
        .val = opt_alloc(n, sizeof(uint32_t)),
        .ver = opt_alloc(n, sizeof(uint32_t)),
        .epoch_of = opt_alloc(n, sizeof(uint32_t)),
        .n = n,
        .tab = opt_st_take(),
        .npreds = opt_alloc(b->nlabels + 1, sizeof(uint32_t)),
        .nsnap = opt_alloc(b->nlabels + 1, sizeof(uint32_t)),
        .snap = opt_alloc(b->nlabels + 1, sizeof(struct st_slot *)),
        .nmemsnap = opt_alloc(b->nlabels + 1, sizeof(uint32_t)),
        .memsnap = opt_alloc(b->nlabels + 1, sizeof(struct fw_mem *)),
        .falls = true,
    };

    fw_count_preds(&s);
    for (uint32_t i = 0; i < b->nops; i++)
        fw_op(&s, &b->ops[i]);
    opt_st_give_back(&s.tab);
    opt_scratch_reset();
}
