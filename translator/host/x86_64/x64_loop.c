/* translator/host/x86_64/x64_loop.c: guest registers kept in host
 * registers. Elsewhere every block reads its guest registers from the CPU
 * state and writes them back. Two exceptions:
 *
 * - One register may be pinned for good (host_set_pinned: the stack
 *   pointer, which nearly every function's blocks read and write): every
 *   block finds it in X64_PIN, the entry trampoline loads it and the
 *   epilogue stores it, so chained blocks pass it on in the register. A
 *   block that reads or writes the state behind the code's back (a helper
 *   that sees the state) or part of that register stores it at its entry,
 *   works on the state and loads it back before it leaves.
 * - A block that jumps back to its own start keeps its most used
 *   registers in host ones from one round to the next: loaded at the
 *   block's entry, the jump back goes to just after the loads (no chain
 *   slot: an internal jmp, still behind the exit request check), and every
 *   way out stores them first.
 *
 * GETs and SETs of a held register become register moves, or none where a
 * temp can live in it (x64_loop_coalesce). A fault finds held registers
 * through the recover table (x64_lazy.c), as it finds writes left out. */
#include "translator/host/x86_64/x64_lower.h"

bool x64_inner_loops;
uint32_t x64_pin_off;

void host_set_inner_loops(bool on)
{
    x64_inner_loops = on;
}

void host_set_pinned(uint32_t offset)
{
    x64_pin_off = offset;
}

/* Callee-saved, so the C fallbacks of a few ops (x64_op_is_call) keep
 * them; taken from the end of the allocator's list, where it goes last.
 * X64_PIN (rbx) when nothing is pinned, X64_GBASE only when the guest base
 * is zero. */
static const uint8_t loop_regs[] = {X64_R12, X64_GBASE, X64_PIN};

static unsigned loop_nregs(void)
{
    return sizeof loop_regs - (x64_pin_off ? 1 : 0) -
           (x64_zero_guest_base ? 0 : 1);
}

static unsigned loop_reg_at(unsigned i)
{
    return !x64_zero_guest_base && i >= 1 ? loop_regs[i + 1] : loop_regs[i];
}

bool x64_loop_back_edge(const struct x64_ctx *c, const struct ir_op *op)
{
    return c->looping && op->opc == IR_GOTO_PC && op->imm == c->b->pc &&
           !(op->aux & (IR_GOTO_CALL | IR_GOTO_RETURN));
}

unsigned x64_loop_reg(const struct x64_ctx *c, uint64_t off)
{
    for (unsigned i = 0; i < c->nloop; i++)
        if (c->loop_off[i] == off)
            return c->loop_reg[i];
    return X64_NOREG;
}

struct loop_cand {
    uint64_t off;
    uint32_t reads, sets;
    bool bad; /* also accessed in part, or already taken */
};
#define LOOP_NCAND 32
#define LOOP_NGETS 64

static unsigned state_bytes(const struct ir_op *op)
{
    return ir_type_bits((enum ir_type)op->type) / 8;
}

/* What holding the register saves per round: the store of its last write
 * (earlier ones the back end leaves out anyway) and a load per read of
 * it, which is what a read costs where registers run short and the
 * allocator reads the state again instead of keeping a copy. A register
 * read once and never written is not worth one: that is a load per round
 * or a memory operand either way. */
static uint32_t loop_score(const struct loop_cand *k)
{
    uint32_t score = (k->sets ? 2 : 0) + k->reads;

    return score >= 2 ? score : 0;
}

/* Whether op reads or writes all of, and only, the 8-byte state at off. */
static bool whole_at(const struct ir_op *op, uint64_t off)
{
    return op->imm == off && op->type == IR_I64;
}

/* Candidates: 8-byte registers past cpu_common (which the code reads and
 * writes itself), in reach of a recover entry's offset; with the reads of
 * the temps their GETs make. */
static unsigned loop_candidates(const struct ir_block *b,
                                struct loop_cand *cand)
{
    struct { ir_temp t; unsigned k; } gets[LOOP_NGETS];
    unsigned ncand = 0, ngets = 0;

    for (uint32_t i = 0; i < b->nops; i++) {
        const struct ir_op *op = &b->ops[i];
        unsigned k;

        for (int j = 1; j < 5 && ngets; j++)
            for (unsigned g = 0; g < ngets; g++)
                if (op->args[j] == gets[g].t)
                    cand[gets[g].k].reads++;
        if ((op->opc != IR_GET && op->opc != IR_SET) ||
            !whole_at(op, op->imm) || op->imm % 8 ||
            op->imm < sizeof(struct cpu_common) || op->imm > UINT16_MAX)
            continue;
        for (k = 0; k < ncand && cand[k].off != op->imm; k++)
            ;
        if (k == ncand) {
            if (ncand == LOOP_NCAND)
                continue;
            cand[ncand++] = (struct loop_cand){op->imm, 0, 0, false};
        }
        if (op->opc == IR_SET)
            cand[k].sets++;
        else if (ngets < LOOP_NGETS)
            gets[ngets].t = op->args[0], gets[ngets++].k = k;
    }
    /* A register also accessed in part (a 32-bit half, say) stays out. */
    for (uint32_t i = 0; i < b->nops; i++) {
        const struct ir_op *op = &b->ops[i];

        if (op->opc != IR_GET && op->opc != IR_SET)
            continue;
        for (unsigned k = 0; k < ncand; k++)
            if (cand[k].off < op->imm + state_bytes(op) &&
                op->imm < cand[k].off + 8 && !whole_at(op, cand[k].off))
                cand[k].bad = true;
    }
    return ncand;
}

/* What x64_loop_find needs to know of a block, from one pass over it. */
struct block_scan {
    bool back;          /* a goto back to its own start (not a call) */
    bool state_helper;  /* an op reading or writing the state behind the
                           code's back (a helper would see stale values) */
    bool pin_used;      /* it reads or writes the pinned register */
    bool pin_part;      /* ... other than whole */
};

static struct block_scan scan_block(const struct ir_block *b)
{
    struct block_scan sc = {0};

    for (uint32_t i = 0; i < b->nops; i++) {
        const struct ir_op *op = &b->ops[i];

        if (ir_op_flags(op) & (IR_OPF_READS_STATE | IR_OPF_WRITES_STATE))
            sc.state_helper = true;
        if (op->opc == IR_GOTO_PC && op->imm == b->pc &&
            !(op->aux & (IR_GOTO_CALL | IR_GOTO_RETURN)))
            sc.back = true;
        if (x64_pin_off && (op->opc == IR_GET || op->opc == IR_SET) &&
            op->imm < x64_pin_off + 8 &&
            x64_pin_off < op->imm + state_bytes(op)) {
            sc.pin_used = true;
            sc.pin_part |= !whole_at(op, x64_pin_off);
        }
    }
    return sc;
}

static void hold(struct x64_ctx *c, uint64_t off, unsigned reg, bool written)
{
    c->loop_off[c->nloop] = (uint16_t)off;
    c->loop_reg[c->nloop] = (uint8_t)reg;
    c->loop_mask |= UINT32_C(1) << reg;
    if (written)
        c->loop_written |= 1u << c->nloop;
    c->nloop++;
}

void x64_loop_find(struct x64_ctx *c)
{
    struct loop_cand cand[LOOP_NCAND];
    struct block_scan sc;
    unsigned ncand, first;

    c->nloop = 0;
    c->loop_mask = 0;
    c->loop_written = 0;
    c->pin_held = c->pin_spilled = false;
    if (!x64_inner_loops && !x64_pin_off) {
        c->looping = false;
        return;
    }
    sc = scan_block(c->b);
    c->looping = x64_inner_loops && sc.back && !sc.state_helper;
    if (x64_pin_off) {
        c->loop_mask = UINT32_C(1) << X64_PIN;
        /* A loop that never touches it stores it once and has X64_PIN
         * for one of its own. */
        c->pin_spilled = sc.state_helper || sc.pin_part ||
                         (c->looping && !sc.pin_used);
        if (!c->pin_spilled) {
            hold(c, x64_pin_off, X64_PIN, false);
            c->pin_held = true;
        }
    }
    if (!c->looping)
        return;
    ncand = loop_candidates(c->b, cand);
    for (unsigned k = 0; k < ncand; k++)
        if (x64_pin_off && cand[k].off == x64_pin_off)
            cand[k].bad = true;
    first = c->nloop;
    while (c->nloop - first < loop_nregs() + (c->pin_spilled ? 1 : 0)) {
        unsigned best = ncand;

        for (unsigned k = 0; k < ncand; k++)
            if (!cand[k].bad && loop_score(&cand[k]) &&
                (best == ncand ||
                 loop_score(&cand[k]) > loop_score(&cand[best])))
                best = k;
        if (best == ncand)
            break;
        hold(c, cand[best].off, loop_reg_at(c->nloop - first),
             cand[best].sets != 0);
        cand[best].bad = true;
    }
}

/* The pinned register, when held, is entry 0: in X64_PIN from the block's
 * first byte and left there at the exits. */
void x64_loop_enter(struct x64_ctx *c)
{
    struct x64_mem pin = x64_mem_bd(X64_ENV, (int32_t)x64_pin_off);
    unsigned first = c->pin_held ? 1 : 0;

    if (c->pin_held)
        x64_recover_reg(c, (uint16_t)x64_pin_off, X64_PIN);
    if (c->pin_spilled)
        x64_store(&c->a, 64, &pin, X64_PIN);
    for (unsigned i = first; i < c->nloop; i++) {
        struct x64_mem m = x64_mem_bd(X64_ENV, (int32_t)c->loop_off[i]);

        x64_load(&c->a, 64, c->loop_reg[i], &m);
    }
    c->loop_head = x64_pos(&c->a);
    for (unsigned i = first; i < c->nloop; i++)
        x64_recover_reg(c, c->loop_off[i], c->loop_reg[i]);
}

void x64_loop_sync(struct x64_ctx *c)
{
    for (unsigned i = c->pin_held ? 1 : 0; i < c->nloop; i++) {
        struct x64_mem m = x64_mem_bd(X64_ENV, (int32_t)c->loop_off[i]);

        if (c->loop_written >> i & 1)
            x64_store(&c->a, 64, &m, c->loop_reg[i]);
    }
    if (c->pin_spilled) {
        struct x64_mem pin = x64_mem_bd(X64_ENV, (int32_t)x64_pin_off);

        x64_load(&c->a, 64, X64_PIN, &pin);
    }
}

/* --- temps that live in a held register ---------------------------------
 * A GET of a held register is a copy of it, and a SET one into it; both
 * copies go when the temp can simply live in the held register: the GET's
 * while nothing writes the register, the SET's value from where it is made
 * if nothing between could see the register's old value. */

#define LOOP_NOCC 16

struct loop_occ {
    ir_temp t[LOOP_NOCC];
    uint32_t end[LOOP_NOCC];
    unsigned n;
};

static bool writes_result(const struct ir_op *op, ir_temp t)
{
    return ir_op_defs[op->opc].nresults && op->args[0] == t;
}

/* The op that defines t if that is its one definition and its first
 * mention; else UINT32_MAX. Nothing mentions t after end, its last
 * mention (c->temp_end). */
static uint32_t only_def(const struct ir_block *b, ir_temp t, uint32_t end)
{
    uint32_t def = UINT32_MAX;

    for (uint32_t i = 0; i <= end && i < b->nops; i++) {
        const struct ir_op *op = &b->ops[i];

        if (writes_result(op, t)) {
            if (def != UINT32_MAX)
                return UINT32_MAX;
            def = i;
        } else if (def == UINT32_MAX) {
            for (int j = 1; j < 5; j++)
                if (op->args[j] == t)
                    return UINT32_MAX; /* read before it is written */
        }
    }
    return def;
}

static bool touches(const struct ir_op *op, uint64_t off)
{
    return (op->opc == IR_GET || op->opc == IR_SET) &&
           op->imm < off + 8 && off < op->imm + state_bytes(op);
}

/* Whether a SET of off is in ops (from, to]. */
static bool set_in(const struct ir_block *b, uint64_t off, uint32_t from,
                   uint32_t to)
{
    for (uint32_t i = from + 1; i <= to && i < b->nops; i++)
        if (b->ops[i].opc == IR_SET && touches(&b->ops[i], off))
            return true;
    return false;
}

/* Whether the value SET at s (made at d) can be made in the held register
 * itself: what else lives there has died by d (or is d's first source,
 * read before d writes), nothing between d and s can fault, leave or see
 * the register, and nothing writes the register while the value lives. */
static bool set_fits(const struct x64_ctx *c, const struct loop_occ *o,
                     uint64_t off, uint32_t d, uint32_t s, ir_temp v)
{
    const struct ir_block *b = c->b;
    const struct ir_op *def = &b->ops[d];

    for (unsigned k = 0; k < o->n; k++) {
        if (o->end[k] < d)
            continue;
        if (o->end[k] > d || !x64_op_reads_first_source_first(def->opc) ||
            def->args[1] != o->t[k])
            return false;
        for (int j = 2; j < 5; j++)
            if (def->args[j] == o->t[k])
                return false;
    }
    for (uint32_t i = d + 1; i < s; i++) {
        const struct ir_op *op = &b->ops[i];

        if (op->opc == IR_LABEL || touches(op, off) ||
            (ir_op_flags(op) &
             (IR_OPF_MAY_FAULT | IR_OPF_EXIT | IR_OPF_BRANCH)))
            return false;
    }
    return !set_in(b, off, s, c->temp_end[v]);
}

static void occupy(struct x64_ctx *c, struct loop_occ *o, ir_temp t,
                   unsigned reg)
{
    c->locs[t] = (struct x64_loc){X64_LOC_REG, (uint8_t)reg, 0};
    o->t[o->n] = t;
    o->end[o->n++] = c->temp_end[t];
}

void x64_loop_coalesce(struct x64_ctx *c)
{
    const struct ir_block *b = c->b;
    struct loop_occ occ[X64_NHELD] = {0};

    for (uint32_t i = 0; c->nloop && i < b->nops; i++) {
        const struct ir_op *op = &b->ops[i];
        unsigned h, reg = X64_NOREG;
        ir_temp t;
        uint32_t d;

        for (h = 0; h < c->nloop; h++)
            if ((op->opc == IR_GET || op->opc == IR_SET) &&
                c->loop_off[h] == op->imm) {
                reg = c->loop_reg[h];
                break;
            }
        if (reg == X64_NOREG || occ[h].n == LOOP_NOCC)
            continue;
        t = op->opc == IR_GET ? op->args[0] : op->args[1];
        if (t == IR_NO_TEMP || b->temps[t].is_const ||
            c->locs[t].kind != X64_LOC_NONE ||
            ir_temp_type(b, t) != IR_I64 || (d = only_def(b, t, c->temp_end[t])) >= i + 1)
            continue;
        if (op->opc == IR_GET) {
            /* A SET at its last use reads it before writing. */
            if (!c->temp_end[t] || !set_in(b, op->imm, i, c->temp_end[t] - 1))
                occupy(c, &occ[h], t, reg);
        } else if (d < i && set_fits(c, &occ[h], op->imm, d, i, t)) {
            occupy(c, &occ[h], t, reg);
        }
    }
}
