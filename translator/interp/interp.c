/* translator/interp/interp.c: the reference interpreter's main loop: temp
 * storage, guest state access, helper calls, control flow and exits. The
 * op families live in interp_int.c, interp_mem.c, interp_fp.c and
 * interp_vec.c. */
#include <stdlib.h>
#include <string.h>

#include "translator/host/host.h"
#include "translator/interp/interp_internal.h"

/* Blocks up to this many temps keep them on the stack. */
enum { INTERP_STACK_TEMPS = 512, INTERP_STACK_VTEMPS = 64 };

/* An emulator bug (a block ir_verify() would reject): no way to go on. */
static void interp_bug(const char *what, uint32_t i)
{
    fprintf(stderr, "ferry: %s:%d: interp: %s at op %u\n", __FILE__,
            __LINE__, what, (unsigned)i);
    abort();
}

static void *interp_alloc(size_t n)
{
    void *p = malloc(n);

    if (!p) {
        fputs("ferry: out of memory in the interpreter\n", stderr);
        abort();
    }
    return p;
}

/* Puts the constants in val, zeroes the other temps (so a temp read
 * before it is written reads 0 on every run); says whether any temp is a
 * V128. */
static bool interp_load_temps(const struct ir_block *b, uint64_t *val)
{
    bool vec = false;

    val[0] = 0;
    for (uint32_t t = 1; t < b->ntemps; t++) {
        val[t] = b->temps[t].is_const ? b->temps[t].value : 0;
        vec |= b->temps[t].type == IR_V128;
    }
    return vec;
}

/* IR_GET, IR_SET, IR_MOV: copies between env, val and vec. */
static void interp_copy(const struct ir_op *op, struct interp_frame *f)
{
    enum ir_type t = (enum ir_type)op->type;
    size_t size = ir_type_bits(t) / 8;
    uint8_t *state = (uint8_t *)f->env + op->imm;
    ir_temp r = op->args[0], a = op->args[1];

    if (t == IR_V128) {
        uint8_t *dst = op->opc == IR_SET ? state : f->vec[r];
        const uint8_t *src = op->opc == IR_GET ? state : f->vec[a];

        memmove(dst, src, 16);
    } else if (op->opc == IR_GET) {
        f->val[r] = interp_read(state, (unsigned)size);
    } else if (op->opc == IR_SET) {
        interp_write(state, f->val[a], (unsigned)size);
    } else {
        f->val[r] = f->val[a];
    }
}

/* IR_CALL: arguments are raw 64-bit patterns, unused ones 0. */
static void interp_call(const struct ir_op *op, struct interp_frame *f)
{
    const struct ir_helper *h = (const struct ir_helper *)(uintptr_t)op->imm;
    uint64_t r = h->fn(f->env, f->val[op->args[1]], f->val[op->args[2]],
                       f->val[op->args[3]], f->val[op->args[4]]);

    if (op->args[0] != IR_NO_TEMP)
        f->val[op->args[0]] = r & interp_mask((enum ir_type)op->type);
}

/* The index of the op placing label l; branches only go forward, so the
 * search starts after the branch at i. */
static uint32_t interp_find_label(const struct ir_block *b, uint32_t i,
                                  uint64_t l)
{
    for (uint32_t j = i + 1; j < b->nops; j++)
        if (b->ops[j].opc == IR_LABEL && b->ops[j].imm == l)
            return j;
    interp_bug("branch to a label not placed after it", i);
    return i;
}

/* Exit ops: the state's pc and *out as translator.h says. */
static void interp_exit(const struct ir_op *op, struct interp_frame *f,
                        struct run_result *out)
{
    struct cpu_common *cpu = f->env;

    /* Fields this exit does not use stay zero (exit_site: unknown). */
    *out = (struct run_result){.slot = -1};
    if (op->opc == IR_GOTO_PC) {
        cpu->pc = op->imm;
        out->end = RUN_GOTO;
        out->slot = (int)(op->aux & IR_GOTO_SLOT);
    } else if (op->opc == IR_GOTO_PTR) {
        cpu->pc = f->val[op->args[1]];
        out->end = RUN_GOTO;
    } else {
        cpu->pc = op->imm;
        out->end = RUN_EXIT;
        out->reason = (enum ir_exit_reason)op->aux;
    }
}

/* The dispatch loop: one switch over all opcodes, so it is long; each
 * case is one line or a call into an op family. */
static void interp_loop(const struct ir_block *b, struct interp_frame *f,
                        struct run_result *out)
{
    uint64_t *v = f->val;

    for (uint32_t i = 0; i < b->nops; i++) {
        const struct ir_op *op = &b->ops[i];

        switch ((enum ir_opc)op->opc) {
        case IR_MOV: case IR_GET: case IR_SET:
            interp_copy(op, f);
            break;
        case IR_ADD: case IR_SUB: case IR_MUL: case IR_NEG: case IR_AND:
        case IR_OR: case IR_XOR: case IR_NOT: case IR_ANDC: case IR_SHL:
        case IR_SHR: case IR_SAR: case IR_ROTL: case IR_ROTR:
        case IR_MULHS: case IR_MULHU: case IR_MULHSU: case IR_DIVS:
        case IR_DIVU: case IR_REMS: case IR_REMU: case IR_CLZ: case IR_CTZ:
        case IR_POPCNT: case IR_BSWAP: case IR_EXTRACT: case IR_SEXTRACT:
        case IR_DEPOSIT: case IR_SETCOND: case IR_SELECT:
        case IR_ADDC_CARRY: case IR_ADDC_OVF: case IR_ZEXT: case IR_SEXT:
        case IR_TRUNC: case IR_BITCAST:
            v[op->args[0]] = interp_int_op(op, v);
            break;
        case IR_LOAD: case IR_STORE: case IR_CMPXCHG: case IR_ATOMIC_RMW:
        case IR_FENCE:
            interp_mem_op(op, f);
            break;
        case IR_FADD: case IR_FSUB: case IR_FMUL: case IR_FDIV:
        case IR_FSQRT: case IR_FMA: case IR_FNEG: case IR_FABS:
        case IR_FCMP: case IR_FCVT_F2I: case IR_FCVT_I2F: case IR_FCVT_F2F:
            v[op->args[0]] = interp_fp_op(op, v);
            break;
        case IR_FP_FLAGS: /* the host keeps them (host.h) */
            v[op->args[0]] = host_fp_flags(f->env);
            break;
        case IR_FP_CLEARFLAGS:
            host_fp_clear(f->env);
            break;
        case IR_FP_SETROUND:
            interp_fp_setround(op);
            break;
        case IR_VADD: case IR_VSUB: case IR_VAND: case IR_VOR: case IR_VXOR:
        case IR_VDUP: case IR_VGETLANE: case IR_VSETLANE:
            interp_vec_op(op, f);
            break;
        case IR_CALL:
            interp_call(op, f);
            break;
        case IR_INSN_START:
            if (f->code_written) { /* interp_run_watched */
                ((struct cpu_common *)f->env)->pc = op->imm;
                *out = (struct run_result){.end = RUN_GOTO, .slot = -1};
                return;
            }
            if (f->mark_pcs)
                ((struct cpu_common *)f->env)->pc = op->imm;
            break;
        case IR_LABEL: case IR_NOP:
            break;
        case IR_BR:
            i = interp_find_label(b, i, op->imm);
            break;
        case IR_BRCOND:
            if (interp_cond(op->cond, (enum ir_type)op->type, v[op->args[1]],
                            v[op->args[2]]))
                i = interp_find_label(b, i, op->imm);
            break;
        case IR_GOTO_PC: case IR_GOTO_PTR: case IR_EXIT:
            interp_exit(op, f, out);
            return;
        case IR_NOPCS:
        default:
            interp_bug("unknown opcode", i);
        }
    }
    interp_bug("block ends without an exit", b->nops);
}

void interp_run(const struct ir_block *b, void *env, struct run_result *out)
{
    interp_run_checked(b, env, &(struct interp_checks){0}, out);
}

void interp_run_watched(const struct ir_block *b, void *env, gva lo, gva hi,
                        struct run_result *out)
{
    struct interp_checks c = {.watch_lo = lo, .watch_hi = hi};

    interp_run_checked(b, env, &c, out);
}

void interp_run_checked(const struct ir_block *b, void *env,
                        const struct interp_checks *c,
                        struct run_result *out)
{
    uint64_t stack_val[INTERP_STACK_TEMPS];
    uint8_t stack_vec[INTERP_STACK_VTEMPS][16];
    struct interp_frame f = {.val = stack_val, .env = env,
                             .watch_lo = c->watch_lo, .watch_hi = c->watch_hi,
                             .limit = c->limit, .mark_pcs = c->mark_pcs};

    if (b->ntemps > INTERP_STACK_TEMPS)
        f.val = interp_alloc(b->ntemps * sizeof *f.val);
    if (interp_load_temps(b, f.val))
        f.vec = b->ntemps <= INTERP_STACK_VTEMPS
                    ? stack_vec
                    : interp_alloc(b->ntemps * sizeof *f.vec);
    interp_loop(b, &f, out);
    if (f.val != stack_val)
        free(f.val);
    if (f.vec && f.vec != stack_vec)
        free(f.vec);
}
