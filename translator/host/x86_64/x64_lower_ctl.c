/* translator/host/x86_64/x64_lower_ctl.c: lowering of moves, guest state
 * access, helper calls, labels and branches, and the block exits (chain
 * slots, indirect gotos, exits with a reason). */
#include "translator/host/x86_64/x64_lower.h"

#include <stdlib.h>

#define A0 op->args[0]
#define A1 op->args[1]
#define A2 op->args[2]

static unsigned scratch_for(enum ir_type ty)
{
    return x64_is_float(ty) ? X64_XTMP0 : X64_RAX;
}

static void lower_mov(struct x64_ctx *c, const struct ir_op *op)
{
    const struct x64_loc *l = &c->locs[A0];

    if (l->kind == X64_LOC_REG)
        x64_load_temp(c, l->reg, A1);
    else
        x64_dst_done(c, A0, x64_src(c, A1, scratch_for(op->type)));
}

/* A GET the allocator left in place (X64_LOC_ENV) is read at its use; one
 * of a register held in a host one copies it, or is it. */
static void lower_get(struct x64_ctx *c, const struct ir_op *op)
{
    enum ir_type ty = (enum ir_type)op->type;
    unsigned r = x64_dst_op(c, op, scratch_for(ty));
    unsigned held = x64_loop_reg(c, op->imm); /* x64_loop.c */
    struct x64_mem m = x64_mem_bd(X64_ENV, (int32_t)op->imm);

    if (c->locs[A0].kind == X64_LOC_ENV || r == held)
        return;
    if (held != X64_NOREG)
        x64_mov_rr(&c->a, 64, r, held);
    else
        x64_load_type(&c->a, ty, r, &m);
    x64_dst_done(c, A0, r);
}

/* Integer constants that fit go straight into the store; a held register
 * is written instead of the state. */
static void lower_set(struct x64_ctx *c, const struct ir_op *op)
{
    enum ir_type ty = (enum ir_type)op->type;
    struct x64_mem m = x64_mem_bd(X64_ENV, (int32_t)op->imm);
    unsigned held = x64_loop_reg(c, op->imm); /* x64_loop.c */

    if (held != X64_NOREG) {
        x64_load_temp(c, held, A1);
        return;
    }
    if (x64_lazy_set(c, op))
        return;
    if (!x64_is_float(ty) && x64_is_const(c, A1) &&
        (ty == IR_I32 || x64_fits_i32((int64_t)x64_const(c, A1)))) {
        x64_ext_m(&c->a, XO_MOV_mi, x64_width(ty), 0, &m);
        x64_u32(&c->a, (uint32_t)x64_const(c, A1));
        return;
    }
    x64_store_type(&c->a, ty, &m, x64_src(c, A1, scratch_for(ty)));
}

/* Arguments are staged in the frame first, so loading them into the
 * argument registers never overwrites one still to be read. */
static void stage_arg(struct x64_ctx *c, const struct x64_arg *arg, int i)
{
    struct x64_mem m = x64_mem_bd(X64_FRAME_REG, X64_FRAME_ARGS + 8 * i);
    enum ir_type ty;
    unsigned s;

    if (arg->t == IR_NO_TEMP) {
        x64_mov_ri(&c->a, 64, X64_RAX, arg->imm);
    } else if (x64_is_float(ty = x64_ttype(c, arg->t))) {
        s = x64_src(c, arg->t, X64_XTMP0);
        x64_rr(&c->a, XO_MOVD_mx, ty == IR_F32 ? 32 : 64, s, X64_RAX);
    } else {
        x64_load_temp(c, X64_RAX, arg->t);
    }
    x64_store(&c->a, 64, &m, X64_RAX);
}

void x64_emit_call(struct x64_ctx *c, uintptr_t fn,
                   const struct x64_arg args[4], ir_temp r)
{
    static const uint8_t regs[4] = {X64_RSI, X64_RDX, X64_RCX, X64_R8};
    struct x64_mem m;
    enum ir_type ty;

    for (int i = 0; i < 4; i++)
        stage_arg(c, &args[i], i);
    x64_mov_rr(&c->a, 64, X64_RDI, X64_ENV);
    for (int i = 0; i < 4; i++) {
        m = x64_mem_bd(X64_FRAME_REG, X64_FRAME_ARGS + 8 * i);
        x64_load(&c->a, 64, regs[i], &m);
    }
    x64_call_abs(&c->a, fn);
    if (r == IR_NO_TEMP)
        return;
    ty = x64_ttype(c, r);
    if (x64_is_float(ty)) {
        x64_rr(&c->a, XO_MOVD_xm, ty == IR_F32 ? 32 : 64, X64_XTMP0, X64_RAX);
        x64_dst_done(c, r, X64_XTMP0);
    } else {
        if (ty == IR_I32) /* keep the upper half zero */
            x64_mov_rr(&c->a, 32, X64_RAX, X64_RAX);
        x64_dst_done(c, r, X64_RAX);
    }
}

static void lower_call(struct x64_ctx *c, const struct ir_op *op)
{
    const struct ir_helper *h = (const struct ir_helper *)(uintptr_t)op->imm;
    struct x64_arg args[4];

    for (int i = 0; i < 4; i++)
        args[i] = (struct x64_arg){op->args[i + 1], 0};
    x64_emit_call(c, (uintptr_t)h->fn, args, A0);
}

static void add_fixup(struct x64_ctx *c, size_t field, uint32_t label)
{
    struct x64_fixup *f;
    size_t cap = c->fixups_cap ? 2 * c->fixups_cap : 16;

    if (c->nfixups == c->fixups_cap) {
        f = realloc(c->fixups, cap * sizeof *f);
        if (!f) {
            c->oom = true;
            return;
        }
        c->fixups = f;
        c->fixups_cap = cap;
    }
    c->fixups[c->nfixups++] = (struct x64_fixup){field, label};
}

static void lower_brcond(struct x64_ctx *c, const struct ir_op *op)
{
    enum x64_cc cc = x64_compare(c, op->cond, (enum ir_type)op->type, A1, A2);

    add_fixup(c, x64_jcc32(&c->a, cc), (uint32_t)op->imm);
}

/* env->pc = pc */
void x64_store_pc_imm(struct x64_ctx *c, uint64_t pc)
{
    struct x64_mem m = x64_mem_bd(X64_ENV, CPU_COMMON_PC_OFFSET);

    if (x64_fits_i32((int64_t)pc)) {
        x64_ext_m(&c->a, XO_MOV_mi, 64, 0, &m);
        x64_u32(&c->a, (uint32_t)pc);
    } else {
        x64_mov_ri(&c->a, 64, X64_RAX, pc);
        x64_store(&c->a, 64, &m, X64_RAX);
    }
}

void x64_emit_exit(struct x64_ctx *c, enum x64_exit_code code)
{
    x64_mov_ri(&c->a, 32, X64_RAX, code);
    x64_jmp_abs(&c->a, x64_epilogue_rx);
}

/* Blocks do not check exit_request on entry; the jumps that can close a
 * loop do: a goto to a pc at or below the block's own, and an indirect
 * goto that is not a predicted return. A forward goto raises the pc, and
 * a predicted return lands on the goto after its call, above the calling
 * block's pc, so a call and its return together move forward too: no
 * loop of chained blocks goes round without a check. Returns the jne's
 * field, to be aimed at an exit that stores the pc. */
static size_t emit_request_check(struct x64_ctx *c)
{
    struct x64_mem req = x64_mem_bd(X64_ENV, CPU_COMMON_EXIT_REQUEST_OFFSET);

    x64_ext_m(&c->a, XO_GRP1_i8, 32, X64_CMP, &req);
    x64_byte(&c->a, 0);
    return x64_jcc32(&c->a, X64_CC_NE);
}

/* Pads with one instruction (a multi-byte nop: the padding runs on every
 * way through) until the next byte is at an address with n % 4 == 3. */
static void align_jmp_field(struct x64_ctx *c)
{
    static const uint8_t nops[3][3] = {
        {0x90}, {0x66, 0x90}, {0x0f, 0x1f, 0x00}};
    unsigned pad = (unsigned)((3 - (c->a.rx + x64_pos(&c->a)) % 4) % 4);

    for (unsigned i = 0; i < pad; i++)
        x64_byte(&c->a, nops[pad - 1][i]);
}

/* The chain slot: a jmp rel32 whose field is 4-byte aligned (so patching
 * it is one atomic store), first aimed at the exit stub right behind it.
 * Only the stub stores the pc: a chained jump goes on with env->pc stale,
 * which nothing in a block reads (faults map the host pc, and every other
 * way out stores its own pc). req: an emit_request_check field to aim at
 * an exit behind the stub, or SIZE_MAX. */
static void emit_goto_slot(struct x64_ctx *c, unsigned slot, uint64_t pc,
                           size_t req)
{
    uint32_t *off = c->info ? &c->info->chain_offset[slot] : NULL;
    size_t field, jmp;

    align_jmp_field(c);
    if (off)
        *off = c->chain_seen[slot] ? HOST_NO_CHAIN
                                   : (uint32_t)x64_pos(&c->a);
    c->chain_seen[slot] = true;
    jmp = x64_pos(&c->a);
    field = x64_jmp32(&c->a);
    x64_patch32(&c->a, field, x64_pos(&c->a));
    x64_store_pc_imm(c, pc);
    /* The stub says which jump exited (lea rdx, [rip - to the jmp]), so
     * the execution loop can chain exactly that slot; the epilogue keeps
     * rdx and host_run returns it as exit_site. */
    x64_byte(&c->a, 0x48);
    x64_byte(&c->a, 0x8d);
    x64_byte(&c->a, 0x15);
    x64_u32(&c->a, (uint32_t)(int32_t)((int64_t)jmp -
                                       (int64_t)(x64_pos(&c->a) + 4)));
    x64_emit_exit(c, (enum x64_exit_code)(X64_EXIT_SLOT0 + slot));
    if (req == SIZE_MAX)
        return;
    /* An exit request leaves as no slot: nothing to chain. */
    x64_patch32(&c->a, req, x64_pos(&c->a));
    x64_store_pc_imm(c, pc);
    x64_emit_exit(c, X64_EXIT_PTR);
}

/* A guest call (ir_goto_aux) whose link can go in chain slot `slot`:
 * unless the return stack is full, push the link and host-call the code
 * that follows, so the return address pushed is a goto to the link, which
 * a predicted host ret reaches when the guest returns there. */
static void emit_call_push(struct x64_ctx *c, const struct ir_op *op,
                           unsigned slot)
{
    struct x64_mem min = x64_mem_bd(X64_FRAME_REG, X64_FRAME_STACK_MIN);
    uint64_t link = c->b->pc + (op->aux >> IR_GOTO_LINK_SHIFT);
    size_t full, call;

    if (!(op->aux & IR_GOTO_CALL) || c->chain_seen[slot])
        return;
    x64_alu_rm(&c->a, X64_CMP, 64, X64_RSP, &min);
    full = x64_jcc8(&c->a, X64_CC_BE);
    if (x64_fits_i32((int64_t)link)) {
        x64_byte(&c->a, 0x68); /* push imm32, sign-extended */
        x64_u32(&c->a, (uint32_t)link);
    } else {
        x64_mov_ri(&c->a, 64, X64_RAX, link);
        x64_byte(&c->a, 0x50); /* push rax */
    }
    x64_byte(&c->a, 0xe8); /* call rel32: to the code after the goto */
    call = x64_pos(&c->a);
    x64_u32(&c->a, 0);
    emit_goto_slot(c, slot, link, SIZE_MAX);
    x64_patch32(&c->a, call, x64_pos(&c->a));
    x64_patch8(&c->a, full, x64_pos(&c->a));
}

/* A guest return to pc: if the newest return-stack entry links pc, pop it
 * with ret 8 (the host ret goes to that entry's goto); else fall through. */
static void emit_return_pop(struct x64_ctx *c, const struct ir_op *op,
                            unsigned pc)
{
    struct x64_mem top = x64_mem_bd(X64_RSP, 8);
    size_t miss;

    if (!(op->aux & IR_GOTO_RETURN))
        return;
    x64_alu_rm(&c->a, X64_CMP, 64, pc, &top);
    miss = x64_jcc8(&c->a, X64_CC_NE);
    x64_byte(&c->a, 0xc2); /* ret imm16 */
    x64_byte(&c->a, 8);
    x64_byte(&c->a, 0);
    x64_patch8(&c->a, miss, x64_pos(&c->a));
}

/* Back to the head of a loop holding guest registers (x64_loop.c): they
 * are stored only if an exit request makes it leave. */
static void emit_loop_back(struct x64_ctx *c, const struct ir_op *op)
{
    size_t req = emit_request_check(c);

    x64_patch32(&c->a, x64_jmp32(&c->a), c->loop_head);
    x64_patch32(&c->a, req, x64_pos(&c->a));
    x64_loop_sync(c);
    x64_store_pc_imm(c, op->imm);
    x64_emit_exit(c, X64_EXIT_PTR);
}

static void lower_goto_pc(struct x64_ctx *c, const struct ir_op *op)
{
    unsigned slot = op->aux & IR_GOTO_SLOT;
    size_t req;

    if (x64_loop_back_edge(c, op)) {
        emit_loop_back(c, op);
        return;
    }
    x64_loop_sync(c);
    req = op->imm <= c->b->pc ? emit_request_check(c) : SIZE_MAX;
    emit_call_push(c, op, IR_CALL_SLOT);
    emit_goto_slot(c, slot, op->imm, req);
}

/* The inline jump cache probe (host.h): rax = the entry for pc, which
 * matches if it is not NULL, has pc and flags 0; then jump to its code.
 * Each of the three misses' jcc8 fields goes to miss[]. */
static void emit_jc_probe(struct x64_ctx *c, unsigned pc, size_t miss[3])
{
    const struct host_jump_cache *jc = &x64_jc;
    struct x64_mem m = x64_mem_bd(X64_RAX, 0);

    x64_mov_rr(&c->a, 64, X64_RAX, pc);
    if (jc->shift_a <= 3 && jc->shift_b > jc->shift_a &&
        (uint64_t)jc->mask << jc->shift_a <= INT32_MAX) {
        /* ((pc >> a) ^ (pc >> b)) & mask, times 8 (the entry size), is
         * ((pc ^ (pc >> (b - a))) & (mask << a)) << (3 - a): the last
         * shift is the load's index scale. */
        x64_shift_ri(&c->a, X64_SHR, 64, X64_RAX, jc->shift_b - jc->shift_a);
        x64_alu_rr(&c->a, X64_XOR, 32, X64_RAX, pc);
        x64_alu_ri(&c->a, X64_AND, 32, X64_RAX,
                   (int32_t)(jc->mask << jc->shift_a));
        x64_mov_ri(&c->a, 64, X64_RCX, (uintptr_t)jc->entries);
        m = x64_mem_bis(X64_RCX, X64_RAX, 3 - jc->shift_a);
    } else {
        if (jc->shift_a)
            x64_shift_ri(&c->a, X64_SHR, 64, X64_RAX, jc->shift_a);
        x64_mov_rr(&c->a, 64, X64_RCX, pc);
        x64_shift_ri(&c->a, X64_SHR, 64, X64_RCX, jc->shift_b);
        x64_alu_rr(&c->a, X64_XOR, 32, X64_RAX, X64_RCX);
        x64_alu_ri(&c->a, X64_AND, 32, X64_RAX, (int32_t)jc->mask);
        x64_shift_ri(&c->a, X64_SHL, 32, X64_RAX, 3);
        x64_mov_ri(&c->a, 64, X64_RCX, (uintptr_t)jc->entries);
        m = x64_mem_bid(X64_RCX, X64_RAX, 0);
    }
    x64_load(&c->a, 64, X64_RAX, &m);
    x64_rr(&c->a, XO_TEST_mr, 64, X64_RAX, X64_RAX);
    miss[0] = x64_jcc8(&c->a, X64_CC_E);
    m = x64_mem_bd(X64_RAX, (int32_t)jc->pc_off);
    x64_alu_rm(&c->a, X64_CMP, 64, pc, &m);
    miss[1] = x64_jcc8(&c->a, X64_CC_NE);
    m = x64_mem_bd(X64_RAX, (int32_t)jc->flags_off);
    x64_ext_m(&c->a, XO_GRP1_i8, 32, X64_CMP, &m);
    x64_byte(&c->a, 0);
    miss[2] = x64_jcc8(&c->a, X64_CC_NE);
    m = x64_mem_bd(X64_RAX, (int32_t)jc->code_off);
    x64_ext_m(&c->a, XO_GRP5, 32, 4, &m); /* jmp [rax + code_off] */
}

/* With a jump cache: probe it inline, leave on a miss (the loop finds or
 * translates the block and fills the entry). Else with a lookup function:
 * call it (nothing is live at an exit, and the frame keeps rsp aligned),
 * jump to what it found, else leave. */
static void lower_goto_ptr(struct x64_ctx *c, const struct ir_op *op)
{
    struct x64_mem m = x64_mem_bd(X64_ENV, CPU_COMMON_PC_OFFSET);
    unsigned pc = x64_src(c, A1, X64_RSI);
    size_t miss[3], req = SIZE_MAX;

    /* Only a way out stores the pc (a predicted return or a probe hit
     * goes on in translated code); the lookup call may clobber pc's
     * register, so that path stores it first. Leaving may load the pinned
     * register (x64_loop_sync), which a loop may have used for pc. */
    if (c->pin_spilled && pc == X64_PIN) {
        x64_mov_rr(&c->a, 64, X64_RSI, pc);
        pc = X64_RSI;
    }
    x64_loop_sync(c);
    if (!x64_jc.entries)
        x64_store(&c->a, 64, &m, pc);
    emit_call_push(c, op, IR_CALL_SLOT);
    emit_return_pop(c, op, pc);
    if (x64_jc.entries || x64_lookup)
        req = emit_request_check(c);
    if (x64_jc.entries) {
        emit_jc_probe(c, pc, miss);
        for (int i = 0; i < 3; i++)
            x64_patch8(&c->a, miss[i], x64_pos(&c->a));
        x64_patch32(&c->a, req, x64_pos(&c->a));
        x64_store(&c->a, 64, &m, pc);
    } else if (x64_lookup) {
        x64_mov_rr(&c->a, 64, X64_RSI, pc);
        x64_mov_rr(&c->a, 64, X64_RDI, X64_ENV);
        x64_call_abs(&c->a, (uintptr_t)x64_lookup);
        x64_rr(&c->a, XO_TEST_mr, 64, X64_RAX, X64_RAX);
        miss[0] = x64_jcc8(&c->a, X64_CC_E);
        x64_ext_r(&c->a, XO_GRP5, 32, 4, X64_RAX); /* jmp rax */
        x64_patch8(&c->a, miss[0], x64_pos(&c->a));
        x64_patch32(&c->a, req, x64_pos(&c->a));
    }
    x64_emit_exit(c, X64_EXIT_PTR);
}

static void lower_exit(struct x64_ctx *c, const struct ir_op *op)
{
    x64_loop_sync(c);
    x64_store_pc_imm(c, op->imm);
    x64_emit_exit(c, (enum x64_exit_code)(X64_EXIT_REASON + op->aux));
}

static void lower_insn_start(struct x64_ctx *c)
{
    if (c->info && c->info->insn_offsets && c->insn_index < c->info->insn_cap)
        c->info->insn_offsets[c->insn_index] = (uint32_t)x64_pos(&c->a);
    c->insn_index++;
}

/* Dispatch: one case per control or state op. */
bool x64_lower_ctl(struct x64_ctx *c, const struct ir_op *op)
{
    switch (op->opc) {
    case IR_MOV: lower_mov(c, op); break;
    case IR_GET: lower_get(c, op); break;
    case IR_SET: lower_set(c, op); break;
    case IR_CALL: lower_call(c, op); break;
    case IR_INSN_START: lower_insn_start(c); break;
    case IR_LABEL:
        c->label_pos[op->imm] = x64_pos(&c->a);
        x64_checks_at_label(c, (ir_label)op->imm);
        break;
    case IR_BR: add_fixup(c, x64_jmp32(&c->a), (uint32_t)op->imm); break;
    case IR_BRCOND: lower_brcond(c, op); break;
    case IR_GOTO_PC: lower_goto_pc(c, op); break;
    case IR_GOTO_PTR: lower_goto_ptr(c, op); break;
    case IR_EXIT: lower_exit(c, op); break;
    case IR_NOP: break;
    default: return false;
    }
    return true;
}
