/* tests/unit/check_opt_simplify.c: algebraic identities, in both widths,
 * and the look-alikes that are not identities. */
#include "tests/unit/check_opt.h"

#define M32 UINT64_C(0xffffffff)

/* A block computing "r = opc x, k" (or "r = opc k, x" when const_first)
 * with x unknown (a GET) and k the constant value v, simplified. */
struct simp {
    struct ir_block *b;
    ir_temp x, k, r;
};

static struct simp simp2(enum ir_type t, enum ir_opc opc, uint64_t v,
                         bool const_first)
{
    struct simp s;

    s.b = ir_block_new();
    s.x = ir_get(s.b, t, 8);
    s.k = ir_const(s.b, t, v);
    s.r = const_first ? ir_binop(s.b, opc, s.k, s.x)
                      : ir_binop(s.b, opc, s.x, s.k);
    ir_set(s.b, 16, s.r);
    ir_goto_pc(s.b, 0, 0);
    opt_simplify(s.b);
    return s;
}

/* Asserts that "x opc v" became "r = mov x", in both widths. */
static void expect_identity(enum ir_opc opc, uint64_t v32, uint64_t v64,
                            bool const_first)
{
    struct simp s32 = simp2(IR_I32, opc, v32, const_first);
    struct simp s64 = simp2(IR_I64, opc, v64, const_first);

    ck_assert_msg(s32.b->ops[1].opc == IR_MOV, "%s i32", ir_op_defs[opc].name);
    ck_assert_uint_eq(s32.b->ops[1].args[1], s32.x);
    ck_assert_msg(s64.b->ops[1].opc == IR_MOV, "%s i64", ir_op_defs[opc].name);
    ck_assert_uint_eq(s64.b->ops[1].args[1], s64.x);
    ir_block_free(s32.b);
    ir_block_free(s64.b);
}

/* Asserts that "x opc v" became "r = mov <constant c>" in type t. */
static void expect_folds_to(enum ir_type t, enum ir_opc opc, uint64_t v,
                            bool const_first, uint64_t c)
{
    struct simp s = simp2(t, opc, v, const_first);

    ck_assert_msg(s.b->ops[1].opc == IR_MOV, "%s", ir_op_defs[opc].name);
    expect_const(s.b, 1, s.r, t, c);
    ir_block_free(s.b);
}

/* Asserts that "x opc v" was left as it was. */
static void expect_unchanged(enum ir_type t, enum ir_opc opc, uint64_t v)
{
    struct simp s = simp2(t, opc, v, false);

    expect_op(s.b, 1, opc, s.r, s.x, s.k);
    ir_block_free(s.b);
}

START_TEST(test_neutral_constants_leave_x)
{
    expect_identity(IR_ADD, 0, 0, false);
    expect_identity(IR_ADD, 0, 0, true);
    expect_identity(IR_SUB, 0, 0, false);
    expect_identity(IR_MUL, 1, 1, false);
    expect_identity(IR_MUL, 1, 1, true);
    expect_identity(IR_AND, M32, UINT64_MAX, false);
    expect_identity(IR_AND, M32, UINT64_MAX, true);
    expect_identity(IR_OR, 0, 0, false);
    expect_identity(IR_OR, 0, 0, true);
    expect_identity(IR_XOR, 0, 0, false);
    expect_identity(IR_XOR, 0, 0, true);
    expect_identity(IR_ANDC, 0, 0, false);
    expect_identity(IR_DIVS, 1, 1, false);
    expect_identity(IR_DIVU, 1, 1, false);
}
END_TEST

START_TEST(test_shifts_by_multiples_of_the_width_leave_x)
{
    expect_identity(IR_SHL, 0, 0, false);
    expect_identity(IR_SHR, 32, 64, false);
    expect_identity(IR_SAR, 64, 128, false);
    expect_identity(IR_ROTL, 0, 0, false);
    expect_identity(IR_ROTR, 96, 192, false);
}
END_TEST

START_TEST(test_absorbing_constants_give_constants)
{
    expect_folds_to(IR_I32, IR_MUL, 0, false, 0);
    expect_folds_to(IR_I64, IR_MUL, 0, true, 0);
    expect_folds_to(IR_I32, IR_AND, 0, false, 0);
    expect_folds_to(IR_I64, IR_AND, 0, true, 0);
    expect_folds_to(IR_I32, IR_OR, M32, false, M32);
    expect_folds_to(IR_I64, IR_OR, UINT64_MAX, true, UINT64_MAX);
    expect_folds_to(IR_I64, IR_ANDC, UINT64_MAX, false, 0);
    expect_folds_to(IR_I32, IR_REMU, 1, false, 0);
    expect_folds_to(IR_I64, IR_REMS, UINT64_MAX, false, 0);
    expect_folds_to(IR_I32, IR_MULHU, 0, true, 0);
    expect_folds_to(IR_I64, IR_MULHS, 0, false, 0);
    expect_folds_to(IR_I32, IR_SHL, 0, true, 0);
    expect_folds_to(IR_I64, IR_SAR, UINT64_MAX, true, UINT64_MAX);
}
END_TEST

START_TEST(test_width_specific_look_alikes_are_not_identities)
{
    /* 0xffffffff is not all ones in I64, and 32 is a real I64 shift. */
    expect_unchanged(IR_I64, IR_AND, M32);
    expect_unchanged(IR_I64, IR_OR, M32);
    expect_unchanged(IR_I64, IR_SHL, 32);
    expect_unchanged(IR_I32, IR_SHL, 31);
    expect_unchanged(IR_I32, IR_ADD, UINT64_C(1) << 32 >> 1);
    expect_unchanged(IR_I64, IR_DIVS, M32);
    expect_unchanged(IR_I32, IR_MUL, 3);
}
END_TEST

/* "opc x, x" on an unknown x, simplified. */
static struct simp simp_same(enum ir_type t, enum ir_opc opc)
{
    struct simp s;

    s.b = ir_block_new();
    s.x = ir_get(s.b, t, 8);
    s.k = IR_NO_TEMP;
    s.r = ir_binop(s.b, opc, s.x, s.x);
    ir_set(s.b, 16, s.r);
    ir_goto_pc(s.b, 0, 0);
    opt_simplify(s.b);
    return s;
}

START_TEST(test_x_op_x_simplifies)
{
    static const enum ir_opc zero[] = {IR_XOR, IR_SUB, IR_ANDC};
    static const enum ir_opc same[] = {IR_AND, IR_OR};

    for (unsigned i = 0; i < 3; i++) {
        struct simp s = simp_same(i % 2 ? IR_I32 : IR_I64, zero[i]);

        expect_const(s.b, 1, s.r, i % 2 ? IR_I32 : IR_I64, 0);
        ir_block_free(s.b);
    }
    for (unsigned i = 0; i < 2; i++) {
        struct simp s = simp_same(IR_I32, same[i]);

        expect_op(s.b, 1, IR_MOV, s.r, s.x, 0);
        ir_block_free(s.b);
    }
}
END_TEST

START_TEST(test_cheaper_forms_replace_some_ops)
{
    struct simp s;

    s = simp2(IR_I32, IR_SUB, 0, true); /* 0 - x */
    expect_op(s.b, 1, IR_NEG, s.r, s.x, 0);
    ir_block_free(s.b);
    s = simp2(IR_I64, IR_XOR, UINT64_MAX, false);
    expect_op(s.b, 1, IR_NOT, s.r, s.x, 0);
    ir_block_free(s.b);
    s = simp2(IR_I32, IR_DIVS, M32, false); /* x / -1 */
    expect_op(s.b, 1, IR_NEG, s.r, s.x, 0);
    ir_block_free(s.b);
    s = simp2(IR_I64, IR_MUL, 8, false);
    ck_assert_uint_eq(s.b->ops[1].opc, IR_SHL);
    ck_assert_uint_eq(s.b->ops[1].args[1], s.x);
    ck_assert_uint_eq(s.b->temps[s.b->ops[1].args[2]].value, 3);
    ir_block_free(s.b);
    s = simp2(IR_I32, IR_MUL, 0x80000000, true);
    ck_assert_uint_eq(s.b->ops[1].opc, IR_SHL);
    ck_assert_uint_eq(s.b->temps[s.b->ops[1].args[2]].value, 31);
    ir_block_free(s.b);
}
END_TEST

START_TEST(test_comparisons_of_x_with_itself_are_known)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I32, 8), y = ir_get(b, IR_I64, 16);
    ir_temp lt = ir_setcond(b, IR_I64, IR_LT, x, x);
    ir_temp le = ir_setcond(b, IR_I32, IR_LEU, x, x);
    ir_temp ltu0 = ir_setcond(b, IR_I64, IR_LTU, x, ir_const(b, IR_I32, 0));
    ir_temp sel = ir_select(b, IR_NE, x, x, y, ir_const(b, IR_I64, 9));

    ir_set(b, 24, lt);
    ir_set(b, 32, le);
    ir_set(b, 40, ltu0);
    ir_set(b, 48, sel);
    ir_goto_pc(b, 0, 0);
    opt_simplify(b);
    expect_const(b, 2, lt, IR_I64, 0);
    expect_const(b, 3, le, IR_I32, 1);
    expect_const(b, 4, ltu0, IR_I64, 0);
    ck_assert_uint_eq(b->ops[5].opc, IR_MOV);
    ck_assert(b->temps[b->ops[5].args[1]].is_const);
    ck_assert_uint_eq(b->temps[b->ops[5].args[1]].value, 9);
    ir_block_free(b);
}
END_TEST

START_TEST(test_select_with_equal_arms_is_a_move)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), y = ir_get(b, IR_I64, 16);
    ir_temp f = ir_get(b, IR_F64, 24);
    ir_temp r = ir_select(b, IR_LT, x, y, f, f);

    ir_set(b, 32, r);
    ir_goto_pc(b, 0, 0);
    opt_simplify(b);
    expect_op(b, 3, IR_MOV, r, f, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_brcond_of_x_with_itself_is_resolved)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8);
    ir_label l = ir_new_label(b);

    ir_brcond(b, IR_GE, x, x, l);
    ir_brcond(b, IR_GTU, x, x, l);
    ir_brcond(b, IR_EQ, x, ir_get(b, IR_I64, 8), l); /* another temp */
    ir_goto_pc(b, 0, 4);
    ir_set_label(b, l);
    ir_goto_pc(b, 1, 8);
    opt_simplify(b);
    expect_op(b, 1, IR_BR, 0, 0, 0);
    ck_assert_uint_eq(b->ops[1].imm, l);
    expect_op(b, 2, IR_NOP, 0, 0, 0);
    ck_assert_uint_eq(b->ops[4].opc, IR_BRCOND);
    ir_block_free(b);
}
END_TEST

START_TEST(test_self_moves_and_whole_fields_simplify)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I32, 8), y = ir_get(b, IR_I32, 12);
    ir_temp e = ir_extract(b, false, x, 0, 32);
    ir_temp d = ir_deposit(b, x, y, 0, 32);
    ir_temp p = ir_deposit(b, x, y, 0, 31);

    ir_mov(b, x, x);
    ir_set(b, 16, e);
    ir_set(b, 20, d);
    ir_set(b, 24, p);
    ir_goto_pc(b, 0, 0);
    opt_simplify(b);
    expect_op(b, 2, IR_MOV, e, x, 0);
    expect_op(b, 3, IR_MOV, d, y, 0);
    expect_op(b, 4, IR_DEPOSIT, p, x, y);
    expect_op(b, 5, IR_NOP, 0, 0, 0);
    ir_block_free(b);
}
END_TEST

/* "k op x" becomes "x op k" for the commutative ops only. */
START_TEST(test_constants_go_second_in_commutative_ops)
{
    static const enum ir_opc commutative[] = {IR_ADD, IR_MUL, IR_AND, IR_OR,
                                              IR_XOR};
    static const enum ir_opc others[] = {IR_SUB, IR_SHL, IR_ANDC};

    for (size_t i = 0; i < sizeof commutative / sizeof commutative[0]; i++) {
        struct simp s = simp2(IR_I64, commutative[i], 12345, true);

        expect_op(s.b, 1, commutative[i], s.r, s.x, s.k);
        ir_block_free(s.b);
    }
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        struct simp s = simp2(IR_I64, others[i], 12345, true);

        expect_op(s.b, 1, others[i], s.r, s.k, s.x);
        ir_block_free(s.b);
    }
}
END_TEST

TCase *opt_tcase_simplify(void)
{
    TCase *tc = tcase_create("simplify");

    tcase_add_test(tc, test_neutral_constants_leave_x);
    tcase_add_test(tc, test_shifts_by_multiples_of_the_width_leave_x);
    tcase_add_test(tc, test_absorbing_constants_give_constants);
    tcase_add_test(tc, test_width_specific_look_alikes_are_not_identities);
    tcase_add_test(tc, test_x_op_x_simplifies);
    tcase_add_test(tc, test_cheaper_forms_replace_some_ops);
    tcase_add_test(tc, test_comparisons_of_x_with_itself_are_known);
    tcase_add_test(tc, test_select_with_equal_arms_is_a_move);
    tcase_add_test(tc, test_brcond_of_x_with_itself_is_resolved);
    tcase_add_test(tc, test_self_moves_and_whole_fields_simplify);
    tcase_add_test(tc, test_constants_go_second_in_commutative_ops);
    return tc;
}
