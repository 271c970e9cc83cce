/* tests/unit/check_opt.c: the optimizer suite's entry point, its shared
 * expectations, and the whole-pipeline tests of opt_block. */
#include "tests/unit/check_opt.h"

void opt_expect_op(const struct ir_block *b, uint32_t i, enum ir_opc opc,
                   ir_temp r, ir_temp a, ir_temp c, int line)
{
    const struct ir_op *op;

    ck_assert_msg(i < b->nops, "line %d: no op %u", line, i);
    op = &b->ops[i];
    ck_assert_msg(op->opc == opc, "line %d: op %u is %s, expected %s", line, i,
                  ir_op_defs[op->opc].name, ir_op_defs[opc].name);
    ck_assert_msg(op->args[0] == r && op->args[1] == a && op->args[2] == c &&
                      !op->args[3] && !op->args[4],
                  "line %d: op %u %s has args %u %u %u %u %u, expected %u %u "
                  "%u",
                  line, i, ir_op_defs[opc].name, op->args[0], op->args[1],
                  op->args[2], op->args[3], op->args[4], r, a, c);
}

void opt_expect_const(const struct ir_block *b, uint32_t i, ir_temp r,
                      enum ir_type t, uint64_t v, int line)
{
    const struct ir_op *op;
    const struct ir_temp_info *k;

    ck_assert_msg(i < b->nops, "line %d: no op %u", line, i);
    op = &b->ops[i];
    ck_assert_msg(op->opc == IR_MOV && op->args[0] == r,
                  "line %d: op %u is %s to %u, expected mov to %u", line, i,
                  ir_op_defs[op->opc].name, op->args[0], r);
    k = &b->temps[op->args[1]];
    ck_assert_msg(k->is_const && k->type == t && k->value == v,
                  "line %d: op %u moves %s temp of type %u value %#llx, "
                  "expected constant of type %u value %#llx",
                  line, i, k->is_const ? "constant" : "non-constant", k->type,
                  (unsigned long long)k->value, t, (unsigned long long)v);
}

static uint64_t opt_h_add(void *env, uint64_t a, uint64_t b, uint64_t c,
                          uint64_t d)
{
    (void)env;
    (void)c;
    (void)d;
    return a + b;
}

const struct ir_helper opt_h_pure = {"add_pure", opt_h_add, 2, IR_I64,
                                     IR_HELPER_PURE};
const struct ir_helper opt_h_reads = {"add_reads", opt_h_add, 2, IR_I64,
                                      IR_HELPER_READS_STATE};
const struct ir_helper opt_h_writes = {"add_writes", opt_h_add, 2, IR_I64,
                                       IR_HELPER_WRITES_STATE};
const struct ir_helper opt_h_faults = {"add_faults", opt_h_add, 2, IR_I64,
                                       IR_HELPER_MAY_FAULT};

START_TEST(test_compact_drops_nops_and_keeps_the_order)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), y = ir_get(b, IR_I64, 16);

    ir_set(b, 24, x);
    ir_set(b, 32, y);
    ir_goto_pc(b, 0, 4);
    b->ops[0].opc = IR_NOP; /* as a pass would leave it */
    b->ops[3].opc = IR_NOP;
    opt_compact(b);
    ck_assert_uint_eq(b->nops, 3);
    expect_op(b, 0, IR_GET, y, 0, 0);
    expect_op(b, 1, IR_SET, 0, x, 0);
    expect_op(b, 2, IR_GOTO_PC, 0, 0, 0);
    ck_assert_uint_eq(b->ops[2].imm, 4);
    ir_block_free(b);
}
END_TEST

START_TEST(test_block_forwards_folds_and_drops_dead_code)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), k5 = ir_const(b, IR_I64, 5);
    ir_temp y = ir_binop(b, IR_ADD, x, ir_const(b, IR_I64, 0)), z, w;

    ir_set(b, 16, y);
    z = ir_get(b, IR_I64, 16);
    w = ir_binop(b, IR_ADD, z, k5);
    ir_set(b, 16, w);
    ir_goto_pc(b, 0, 0x1000);
    opt_block(b);
    ck_assert_uint_eq(b->nops, 4);
    expect_op(b, 0, IR_GET, x, 0, 0);
    expect_op(b, 1, IR_ADD, w, x, k5);
    expect_op(b, 2, IR_SET, 0, w, 0);
    ck_assert_uint_eq(b->ops[2].imm, 16);
    expect_op(b, 3, IR_GOTO_PC, 0, 0, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_block_keeps_a_set_before_a_possible_fault)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), v;

    ir_insn_start(b, 0x1000);
    ir_set(b, 16, x);
    ir_insn_start(b, 0x1004);
    v = ir_load(b, IR_I64, IR_MO_64, x, 0);
    ir_set(b, 16, v);
    ir_goto_pc(b, 0, 0x1008);
    opt_block(b);
    ck_assert_uint_eq(b->nops, 7);
    expect_op(b, 2, IR_SET, 0, x, 0);
    expect_op(b, 4, IR_LOAD, v, x, 0);
    expect_op(b, 5, IR_SET, 0, v, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_block_resolves_a_constant_branch)
{
    struct ir_block *b = ir_block_new();
    ir_temp t = ir_new_temp(b, IR_I32);
    ir_label l = ir_new_label(b);

    ir_mov(b, t, ir_const(b, IR_I32, 0xffffffff));
    ir_brcond(b, IR_EQ, ir_binop(b, IR_ADD, t, ir_const(b, IR_I32, 1)),
              ir_const(b, IR_I32, 0), l);
    ir_goto_pc(b, 0, 4);
    ir_set_label(b, l);
    ir_goto_pc(b, 1, 8);
    opt_block(b);
    ck_assert_uint_eq(b->nops, 4);
    expect_op(b, 0, IR_BR, 0, 0, 0);
    expect_op(b, 1, IR_GOTO_PC, 0, 0, 0);
    expect_op(b, 2, IR_LABEL, 0, 0, 0);
    ck_assert_uint_eq(b->ops[3].imm, 8);
    ir_block_free(b);
}
END_TEST

/* Two guest instructions "addi a0, a0, 1" (a0 at offset 80), then a load
 * through a0: the second GET of a0 is forwarded and the first SET is
 * dead, but the last SET before the load stays. */
START_TEST(test_block_of_two_increments_keeps_one_set_before_the_load)
{
    struct ir_block *b = ir_block_new();
    ir_temp k1 = ir_const(b, IR_I64, 1), a1, a2, v;

    ir_insn_start(b, 0x1000);
    a1 = ir_binop(b, IR_ADD, ir_get(b, IR_I64, 80), k1);
    ir_set(b, 80, a1);
    ir_insn_start(b, 0x1004);
    a2 = ir_binop(b, IR_ADD, ir_get(b, IR_I64, 80), k1);
    ir_set(b, 80, a2);
    ir_insn_start(b, 0x1008);
    v = ir_load(b, IR_I64, IR_MO_64, ir_get(b, IR_I64, 80), 0);
    ir_set(b, 88, v);
    ir_goto_pc(b, 0, 0x100c);
    opt_block(b);
    ck_assert_uint_eq(b->nops, 10);
    ck_assert_uint_eq(b->ops[0].opc, IR_INSN_START);
    ck_assert_uint_eq(b->ops[1].opc, IR_GET);
    expect_op(b, 2, IR_ADD, a1, b->ops[1].args[0], k1);
    ck_assert_uint_eq(b->ops[3].opc, IR_INSN_START);
    expect_op(b, 4, IR_ADD, a2, a1, k1);
    expect_op(b, 5, IR_SET, 0, a2, 0);
    ck_assert_uint_eq(b->ops[6].opc, IR_INSN_START);
    expect_op(b, 7, IR_LOAD, v, a2, 0);
    expect_op(b, 8, IR_SET, 0, v, 0);
    ir_block_free(b);
}
END_TEST

TCase *opt_tcase_block(void)
{
    TCase *tc = tcase_create("block");

    tcase_add_test(tc, test_compact_drops_nops_and_keeps_the_order);
    tcase_add_test(tc, test_block_forwards_folds_and_drops_dead_code);
    tcase_add_test(tc, test_block_keeps_a_set_before_a_possible_fault);
    tcase_add_test(tc, test_block_resolves_a_constant_branch);
    tcase_add_test(tc,
                   test_block_of_two_increments_keeps_one_set_before_the_load);
    return tc;
}

int main(void)
{
    Suite *s = suite_create("opt");

    suite_add_tcase(s, opt_tcase_const());
    suite_add_tcase(s, opt_tcase_fold_edges());
    suite_add_tcase(s, opt_tcase_copy());
    suite_add_tcase(s, opt_tcase_simplify());
    suite_add_tcase(s, opt_tcase_state());
    suite_add_tcase(s, opt_tcase_dce());
    suite_add_tcase(s, opt_tcase_block());
    suite_add_tcase(s, opt_tcase_interp());
    suite_add_tcase(s, opt_tcase_random());
    return unit_run(s);
}
