/* tests/unit/check_fault.h: the toy guest ISA the fault suites run: a
 * CPU state, a decoder into IR and its struct frontend.
 *
 * 4-byte instructions: byte 0 opcode, byte 1 register (0-3), bytes 2-3 a
 * signed 16-bit immediate.
 *   1 ADDI r += imm      5 LD  r0 = mem64[r + imm]   3 ECALL
 *   2 BNEZ r, pc += imm  6 ST  mem64[r + imm] = r0
 * anything else: ECALL too. */
#ifndef FERRY_TESTS_CHECK_FAULT_H
#define FERRY_TESTS_CHECK_FAULT_H

#include <stddef.h>
#include <string.h>

#include "translator/translator.h"

struct toy_cpu {
    struct cpu_common common;
    uint64_t r[4];
};

#define TOY_R(n) ((uint32_t)(offsetof(struct toy_cpu, r) + 8 * (n)))

static bool toy_insn(struct ir_block *b, gva pc, const uint8_t *in)
{
    unsigned r = in[1] & 3;
    int16_t imm = (int16_t)(in[2] | in[3] << 8);
    ir_temp base = ir_get(b, IR_I64, TOY_R(r));

    switch (in[0]) {
    case 1:
        ir_set(b, TOY_R(r), ir_binop(b, IR_ADD, base,
                                     ir_const(b, IR_I64, (uint64_t)imm)));
        return false;
    case 2: {
        ir_label taken = ir_new_label(b);

        ir_brcond(b, IR_NE, base, ir_const(b, IR_I64, 0), taken);
        ir_goto_pc(b, 0, pc + 4);
        ir_set_label(b, taken);
        ir_goto_pc(b, 1, pc + (gva)(int64_t)imm);
        return true;
    }
    case 5:
        ir_set(b, TOY_R(0), ir_load(b, IR_I64, IR_MO_64, base,
                                    (int32_t)imm));
        return false;
    case 6:
        ir_store(b, IR_MO_64, base, (int32_t)imm,
                 ir_get(b, IR_I64, TOY_R(0)));
        return false;
    default:
        ir_exit(b, IR_EXIT_SYSCALL, pc);
        return true;
    }
}

static void toy_translate(struct ir_block *b, gva pc, uint64_t features,
                          const struct frontend_fetch *fetch,
                          unsigned max_insns, enum frontend_reach reach)
{
    uint8_t in[4];

    (void)features, (void)reach; /* it follows no jump anyway */
    for (unsigned n = 0;; n++) {
        if (n == max_insns || fetch->read(fetch->opaque, pc, in, 4) < 4) {
            ir_goto_pc(b, 0, pc);
            return;
        }
        ir_insn_start(b, pc);
        b->guest_len += 4;
        if (toy_insn(b, pc, in))
            return;
        pc += 4;
    }
}

/* r1, the loops' address register, is pinned (host_set_pinned): faults
 * must find it in its host register. */
static const struct frontend toy_frontend = {
    .name = "toy",
    .state_size = sizeof(struct toy_cpu),
    .max_insn_len = 4,
    .pinned_offset = TOY_R(1),
    .translate = toy_translate,
};

/* An instruction as bytes, for writing into guest memory. */
static inline void toy_encode(uint8_t *at, uint8_t op, uint8_t reg,
                              int16_t imm)
{
    uint8_t insn[4] = {op, reg, (uint8_t)imm, (uint8_t)((uint16_t)imm >> 8)};

    memcpy(at, insn, 4);
}

#endif
