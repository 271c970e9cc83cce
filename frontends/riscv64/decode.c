/* frontends/riscv64/decode.c: the table-driven matcher, the block loop that
 * turns riscv64 code into IR, and the IR helpers the trans_ files share. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontends/riscv64/rv_internal.h"

/* --- operand extraction (RISC-V unpriv. spec 2.3, immediate encodings) - */

static uint32_t rv_bits(uint32_t insn, unsigned lo, unsigned len)
{
    return (insn >> lo) & ((1u << len) - 1);
}

static int64_t rv_sext(uint64_t x, unsigned bits)
{
    unsigned s = 64 - bits;

    return (int64_t)(x << s) >> s;
}

static int64_t rv_imm_b(uint32_t insn)
{
    uint32_t v = rv_bits(insn, 8, 4) << 1 | rv_bits(insn, 25, 6) << 5 |
                 rv_bits(insn, 7, 1) << 11 | rv_bits(insn, 31, 1) << 12;

    return rv_sext(v, 13);
}

static int64_t rv_imm_j(uint32_t insn)
{
    uint32_t v = rv_bits(insn, 21, 10) << 1 | rv_bits(insn, 20, 1) << 11 |
                 rv_bits(insn, 12, 8) << 12 | rv_bits(insn, 31, 1) << 20;

    return rv_sext(v, 21);
}

/* Long because it is one case per format, each a line or two. */
void rv_decode_args(uint32_t insn, enum rv_format format, struct rv_args *a)
{
    memset(a, 0, sizeof *a);
    a->rd = rv_bits(insn, 7, 5);
    a->rs1 = rv_bits(insn, 15, 5);
    a->rs2 = rv_bits(insn, 20, 5);
    a->rs3 = rv_bits(insn, 27, 5);
    a->rm = rv_bits(insn, 12, 3);
    switch (format) {
    case RV_FMT_I:
        a->imm = rv_sext(insn >> 20, 12);
        break;
    case RV_FMT_S:
        a->imm = rv_sext(rv_bits(insn, 7, 5) | rv_bits(insn, 25, 7) << 5, 12);
        break;
    case RV_FMT_B:
        a->imm = rv_imm_b(insn);
        break;
    case RV_FMT_U:
        a->imm = rv_sext(insn & 0xfffff000u, 32);
        break;
    case RV_FMT_J:
        a->imm = rv_imm_j(insn);
        break;
    case RV_FMT_SH:
        a->imm = rv_bits(insn, 20, 6);
        break;
    case RV_FMT_CSR:
        a->csr = insn >> 20;
        break;
    case RV_FMT_A:
        a->aq = rv_bits(insn, 26, 1);
        a->rl = rv_bits(insn, 25, 1);
        break;
    case RV_FMT_FENCE:
        a->imm = insn >> 20;
        break;
    case RV_FMT_NONE:
    case RV_FMT_R:
    case RV_FMT_R4:
        break;
    }
}

/* The patterns indexed by major opcode (insn bits 6:2), each bucket in
 * table order, so a lookup scans only the patterns of one opcode. A
 * pattern whose mask leaves opcode bits open goes into every bucket. */
#define RV_INDEX_MAX 1024
static struct {
    const struct rv_pattern *p[RV_INDEX_MAX];
    uint16_t start[33];
} rv_index;
static pthread_once_t rv_index_once = PTHREAD_ONCE_INIT;
static atomic_bool rv_index_ready; /* checked before the call: per insn */

static void rv_index_add(unsigned *n, const struct rv_pattern *p)
{
    if (*n >= RV_INDEX_MAX) {
        fprintf(stderr, "ferry: %s:%d: too many riscv64 patterns\n",
                __FILE__, __LINE__);
        abort();
    }
    rv_index.p[(*n)++] = p;
}

static void rv_index_build(void)
{
    unsigned n = 0;

    for (unsigned op = 0; op < 32; op++) {
        rv_index.start[op] = (uint16_t)n;
        for (size_t t = 0; rv_pattern_tables[t]; t++)
            for (const struct rv_pattern *p = rv_pattern_tables[t]; p->name;
                 p++)
                if ((p->mask & 0x7c) != 0x7c || (p->match >> 2 & 31) == op)
                    rv_index_add(&n, p);
    }
    rv_index.start[32] = (uint16_t)n;
    atomic_store_explicit(&rv_index_ready, true, memory_order_release);
}

/* The first pattern matching insn whose features are all in features
 * (features == ~0: ignore them). */
static const struct rv_pattern *rv_find(uint32_t insn, uint64_t features)
{
    unsigned op = insn >> 2 & 31;

    if (!atomic_load_explicit(&rv_index_ready, memory_order_acquire))
        pthread_once(&rv_index_once, rv_index_build);
    for (unsigned i = rv_index.start[op]; i < rv_index.start[op + 1]; i++) {
        const struct rv_pattern *p = rv_index.p[i];

        if ((insn & p->mask) == p->match &&
            (p->feature & features) == p->feature)
            return p;
    }
    return NULL;
}

const struct rv_pattern *rv_decode_lookup(uint32_t insn)
{
    return rv_find(insn, ~(uint64_t)0);
}

/* --- IR helpers ---------------------------------------------------------- */

ir_temp rv_const64(struct rv_dc *dc, uint64_t v)
{
    return ir_const(dc->ir, IR_I64, v);
}

ir_temp rv_const32(struct rv_dc *dc, uint32_t v)
{
    return ir_const(dc->ir, IR_I32, v);
}

ir_temp rv_gpr_get(struct rv_dc *dc, unsigned r)
{
    if (r == 0)
        return rv_const64(dc, 0);
    return ir_get(dc->ir, IR_I64, RV_X_OFFSET(r));
}

void rv_gpr_set(struct rv_dc *dc, unsigned r, ir_temp v)
{
    if (r != 0)
        ir_set(dc->ir, RV_X_OFFSET(r), v);
}

ir_temp rv_gpr_get32(struct rv_dc *dc, unsigned r)
{
    if (r == 0)
        return rv_const32(dc, 0);
    return ir_convert(dc->ir, IR_TRUNC, IR_I32, rv_gpr_get(dc, r));
}

void rv_gpr_set_sext32(struct rv_dc *dc, unsigned r, ir_temp v)
{
    if (r != 0)
        rv_gpr_set(dc, r, ir_convert(dc->ir, IR_SEXT, IR_I64, v));
}

void rv_goto_pc(struct rv_dc *dc, unsigned slot, gva pc)
{
    ir_goto_pc(dc->ir, slot, pc);
    dc->ended = true;
}

/* Following a jump or a branch makes one block of code that runs in
 * sequence (a superblock), so values stay in host registers instead of
 * going through the CPU state between blocks. Only on the block's page (a write there
 * invalidates the block whole), never into an instruction the block
 * already holds (a loop of jumps ends), and not past a size that keeps
 * code duplicated into several blocks small. */
#define RV_MAX_FOLLOWS 4
#define RV_FOLLOW_MAX_INSNS 48

bool rv_follow(struct rv_dc *dc, gva target)
{
    const struct ir_block *b = dc->ir;

    if (dc->follows >= RV_MAX_FOLLOWS || b->ninsns >= RV_FOLLOW_MAX_INSNS ||
        (target & ~(gva)(RV_PAGE_SIZE - 1)) != dc->page)
        return false;
    for (uint32_t i = 0; i < b->nops; i++)
        if (b->ops[i].opc == IR_INSN_START && b->ops[i].imm == target)
            return false;
    dc->follows++;
    dc->next_pc = target;
    return true;
}

/* One side exit per block: it has chain slot 2 to itself. Only forward
 * branches, which compilers lay out so that falling through is the likely
 * way (a backward one is mostly a loop's, taken). */
bool rv_follow_branch(struct rv_dc *dc, gva target, ir_label *taken)
{
    if (target <= dc->pc || dc->side_exit || dc->follows >= RV_MAX_FOLLOWS ||
        dc->ir->ninsns >= RV_FOLLOW_MAX_INSNS)
        return false;
    dc->follows++;
    dc->side_exit = true;
    dc->side_target = target;
    dc->side_label = *taken = ir_new_label(dc->ir);
    return true;
}

void rv_exit(struct rv_dc *dc, enum ir_exit_reason reason)
{
    ir_exit(dc->ir, reason, dc->pc);
    dc->ended = true;
}

/* The exit is placed inline before the instruction's own IR, which the
 * check jumps over: blocks have no out-of-line tails. */
void rv_check_aligned(struct rv_dc *dc, ir_temp addr, uint64_t mask)
{
    struct ir_block *b = dc->ir;
    ir_label ok = ir_new_label(b);
    ir_temp low = ir_binop(b, IR_AND, addr, rv_const64(dc, mask));

    ir_brcond(b, IR_EQ, low, rv_const64(dc, 0), ok);
    ir_exit(b, IR_EXIT_MISALIGNED, dc->pc);
    ir_set_label(b, ok);
}

bool rv_target_misaligned(const struct rv_dc *dc, gva target)
{
    return !(dc->features & RV_F_C) && (target & 3);
}

bool rv_illegal(struct rv_dc *dc)
{
    rv_exit(dc, IR_EXIT_ILLEGAL);
    return true;
}

/* --- the block loop ------------------------------------------------------ */

/* Translates the instruction in dc (insn, len already set). */
static void rv_translate_one(struct rv_dc *dc)
{
    const struct rv_pattern *p;
    struct rv_args a;

    if (dc->len == 2) {
        dc->insn = (dc->features & RV_F_C) ? rv_expand_rvc(dc->cinsn) : 0;
        if (!dc->insn) {
            rv_illegal(dc);
            return;
        }
    }
    p = rv_find(dc->insn, dc->features);
    if (!p) {
        rv_illegal(dc);
        return;
    }
    rv_decode_args(dc->insn, p->format, &a);
    if (!p->trans(dc, &a))
        rv_illegal(dc);
}

/* Reads the instruction at pc into dc; false if its bytes cannot all be
 * fetched. The length comes from the low two bits (unpriv. spec 1.5);
 * longer encodings (low five bits 11111) do not exist in RV64GC and are
 * treated as 32-bit ones, which match no pattern and so are illegal. */
static bool rv_fetch(struct rv_dc *dc, const struct frontend_fetch *fetch,
                     gva pc)
{
    const uint8_t *buf;
    size_t n;

    if (pc < dc->win_pc || pc + 4 > dc->win_pc + dc->win_len) {
        /* Up to the page's end and the 2 bytes after it, where an
         * instruction may straddle into the next page. */
        gva page_end = (pc & ~(gva)(RV_PAGE_SIZE - 1)) + RV_PAGE_SIZE + 2;
        size_t want = page_end - pc < RV_FETCH_WINDOW ? page_end - pc
                                                       : RV_FETCH_WINDOW;

        dc->win_pc = pc;
        dc->win_len = (unsigned)fetch->read(fetch->opaque, pc, dc->win, want);
    }
    buf = dc->win + (pc - dc->win_pc);
    n = dc->win_pc + dc->win_len - pc;

    if (n < 2)
        return false;
    dc->cinsn = (uint16_t)(buf[0] | buf[1] << 8);
    if ((dc->cinsn & 3) != 3) {
        dc->len = 2;
        dc->insn = 0;
        return true;
    }
    if (n < 4)
        return false;
    dc->len = 4;
    dc->insn = (uint32_t)buf[0] | (uint32_t)buf[1] << 8 |
               (uint32_t)buf[2] << 16 | (uint32_t)buf[3] << 24;
    return true;
}

/* Widens b's guest range to the instruction at [pc, pc + len). */
static void rv_cover(struct ir_block *b, gva pc, unsigned len)
{
    if (pc + len - b->pc > b->guest_len && pc >= b->pc)
        b->guest_len = (uint32_t)(pc + len - b->pc);
    if (pc < b->pc && b->pc - pc > b->guest_before)
        b->guest_before = (uint32_t)(b->pc - pc);
}

/* struct frontend.translate. A block stops after an instruction that
 * exits (branch, jump, ecall, ...; in a superblock a direct jump may go on
 * at its target, rv_follow, and the first forward branch with its
 * fall-through, rv_follow_branch), before the first instruction on the
 * next guest page, and after max_insns instructions (0: no limit). */
static void rv_translate_path(struct rv_dc *dc, gva pc,
                              const struct frontend_fetch *fetch,
                              unsigned max_insns);
static bool rv_translate_side(struct rv_dc *dc,
                              const struct frontend_fetch *fetch,
                              unsigned max_insns);

/* The longest side path rv_translate_side puts in a block. */
#define RV_SIDE_MAX_INSNS 16

void rv_translate(struct ir_block *b, gva pc, uint64_t features,
                  const struct frontend_fetch *fetch, unsigned max_insns,
                  enum frontend_reach reach)
{
    struct rv_dc dc = {.ir = b, .features = features,
                       .page = pc & ~(gva)(RV_PAGE_SIZE - 1)};

    if (reach == FRONTEND_BASIC_BLOCK) /* no jump or branch to follow */
        dc.follows = RV_MAX_FOLLOWS;

    rv_translate_path(&dc, pc, fetch, max_insns);
    if (dc.side_exit) {
        ir_set_label(b, dc.side_label);
        if (!rv_translate_side(&dc, fetch, max_insns))
            ir_goto_pc(b, 2, dc.side_target);
    }
    rv_fp_place_slow(&dc);
}

/* Whether ops [from, nops) leave only without a chain slot (an indirect
 * jump such as a return, or an exit), and hold no instruction the ops
 * before them do. */
static bool rv_side_ok(const struct ir_block *b, uint32_t from)
{
    for (uint32_t i = from; i < b->nops; i++) {
        if (b->ops[i].opc == IR_GOTO_PC)
            return false;
        if (b->ops[i].opc != IR_INSN_START)
            continue;
        for (uint32_t j = 0; j < from; j++)
            if (b->ops[j].opc == IR_INSN_START &&
                b->ops[j].imm == b->ops[i].imm)
                return false;
    }
    return true;
}

/* The side exit's target, translated in place of the exit when it is a
 * short path to a return (a function's early "return x"): the taken way
 * then runs on in this block instead of chaining to another. It follows
 * nothing, may not need a chain slot (the main path may hold them all)
 * and starts knowing nothing of FP state (the main path's knowledge is
 * of the way not taken). At most max_insns (or RV_SIDE_MAX_INSNS)
 * instructions. False (and b as it was): the path does not qualify, the
 * caller places the exit. */
static bool rv_translate_side(struct rv_dc *dc,
                              const struct frontend_fetch *fetch,
                              unsigned max_insns)
{
    struct ir_block *b = dc->ir;
    struct rv_dc saved = *dc;
    uint32_t nops = b->nops, ninsns = b->ninsns, nlabels = b->nlabels,
             len = b->guest_len, before = b->guest_before;

    /* (An unfetchable first instruction is a fetch fault when the
     * branch is taken, which only the exit reports.) */
    if ((dc->side_target & ~(gva)(RV_PAGE_SIZE - 1)) != dc->page ||
        !rv_fetch(dc, fetch, dc->side_target)) {
        *dc = saved;
        return false;
    }
    dc->follows = RV_MAX_FOLLOWS;
    dc->frm_rne = false;
    memset(dc->fpr, 0, sizeof dc->fpr);
    dc->fp_host = IR_NO_TEMP;
    if (!max_insns || max_insns > RV_SIDE_MAX_INSNS)
        max_insns = RV_SIDE_MAX_INSNS;
    rv_translate_path(dc, dc->side_target, fetch, max_insns);
    if (rv_side_ok(b, nops))
        return true;
    *dc = saved;
    b->nops = nops;
    b->ninsns = ninsns;
    b->nlabels = nlabels;
    b->guest_len = len;
    b->guest_before = before;
    return false;
}

/* The block's main path, up to its last exit. */
static void rv_translate_path(struct rv_dc *dc, gva pc,
                              const struct frontend_fetch *fetch,
                              unsigned max_insns)
{
    struct ir_block *b = dc->ir;

    for (unsigned n = 0;; n++) {
        if (n > 0 && ((pc & ~(gva)(RV_PAGE_SIZE - 1)) != dc->page ||
                      (max_insns && n >= max_insns))) {
            ir_goto_pc(b, 0, pc);
            return;
        }
        if (!rv_fetch(dc, fetch, pc)) {
            /* A partly fetchable first instruction: there is no fetch
             * fault exit in the IR, so it is reported as illegal. */
            if (n == 0)
                ir_exit(b, IR_EXIT_ILLEGAL, pc);
            else
                ir_goto_pc(b, 0, pc);
            return;
        }
        ir_insn_start(b, pc);
        dc->pc = pc;
        dc->next_pc = pc + dc->len;
        dc->ended = false;
        rv_translate_one(dc);
        rv_cover(b, pc, dc->len);
        if (dc->ended)
            return;
        pc = dc->next_pc;
    }
}

/* struct frontend.disas. */
unsigned rv_disas(gva pc, const uint8_t *code, size_t len, char *out,
                  size_t outlen)
{
    uint16_t lo;
    uint32_t insn;

    if (len < 2)
        return 0;
    lo = (uint16_t)(code[0] | code[1] << 8);
    if ((lo & 3) != 3) {
        rv_disas_insn(pc, rv_expand_rvc(lo), 2, lo, out, outlen);
        return 2;
    }
    if (len < 4)
        return 0;
    insn = lo | (uint32_t)code[2] << 16 | (uint32_t)code[3] << 24;
    rv_disas_insn(pc, insn, 4, 0, out, outlen);
    return 4;
}
