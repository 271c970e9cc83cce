/* frontends/riscv64/trans_rvf.c: the "F" extension, single precision
 * (RISC-V unpriv. spec chapter 11); the IR comes from the generators in
 * trans_fp_common.c, shared with "D". */
#include "frontends/riscv64/rv_fp.h"

RV_FP_TRANS(flw, rv_fp_gen_load(dc, a, IR_F32))
RV_FP_TRANS(fsw, rv_fp_gen_store(dc, a, IR_F32))
RV_FP_TRANS(fmadd_s, rv_fp_gen_fma(dc, a, IR_F32, false, false))
RV_FP_TRANS(fmsub_s, rv_fp_gen_fma(dc, a, IR_F32, false, true))
RV_FP_TRANS(fnmsub_s, rv_fp_gen_fma(dc, a, IR_F32, true, false))
RV_FP_TRANS(fnmadd_s, rv_fp_gen_fma(dc, a, IR_F32, true, true))
RV_FP_TRANS(fadd_s, rv_fp_gen_arith(dc, a, IR_F32, RV_FPOP_ADD))
RV_FP_TRANS(fsub_s, rv_fp_gen_arith(dc, a, IR_F32, RV_FPOP_SUB))
RV_FP_TRANS(fmul_s, rv_fp_gen_arith(dc, a, IR_F32, RV_FPOP_MUL))
RV_FP_TRANS(fdiv_s, rv_fp_gen_arith(dc, a, IR_F32, RV_FPOP_DIV))
RV_FP_TRANS(fsqrt_s, rv_fp_gen_arith(dc, a, IR_F32, RV_FPOP_SQRT))
RV_FP_TRANS(fsgnj_s, rv_fp_gen_sgnj(dc, a, IR_F32))
RV_FP_TRANS(fmin_s, rv_fp_gen_minmax(dc, a, IR_F32, false))
RV_FP_TRANS(fmax_s, rv_fp_gen_minmax(dc, a, IR_F32, true))
RV_FP_TRANS(fcvt_w_s, rv_fp_gen_f2i(dc, a, IR_F32, IR_I32, false))
RV_FP_TRANS(fcvt_wu_s, rv_fp_gen_f2i(dc, a, IR_F32, IR_I32, true))
RV_FP_TRANS(fcvt_l_s, rv_fp_gen_f2i(dc, a, IR_F32, IR_I64, false))
RV_FP_TRANS(fcvt_lu_s, rv_fp_gen_f2i(dc, a, IR_F32, IR_I64, true))
RV_FP_TRANS(fmv_x_w, rv_fp_gen_mv_x_f(dc, a, IR_F32))
RV_FP_TRANS(feq_s, rv_fp_gen_cmp(dc, a, IR_F32, IR_FEQ))
RV_FP_TRANS(flt_s, rv_fp_gen_cmp(dc, a, IR_F32, IR_FLT))
RV_FP_TRANS(fle_s, rv_fp_gen_cmp(dc, a, IR_F32, IR_FLE))
RV_FP_TRANS(fclass_s, rv_fp_gen_class(dc, a, IR_F32))
RV_FP_TRANS(fcvt_s_w, rv_fp_gen_i2f(dc, a, IR_F32, IR_I32, false))
RV_FP_TRANS(fcvt_s_wu, rv_fp_gen_i2f(dc, a, IR_F32, IR_I32, true))
RV_FP_TRANS(fcvt_s_l, rv_fp_gen_i2f(dc, a, IR_F32, IR_I64, false))
RV_FP_TRANS(fcvt_s_lu, rv_fp_gen_i2f(dc, a, IR_F32, IR_I64, true))
RV_FP_TRANS(fmv_w_x, rv_fp_gen_mv_f_x(dc, a, IR_F32))

/* OP-FP encodings (11.6-11.9): funct5 in bits 31:27, fmt 00 (S) in 26:25;
 * masks in rv_fp.h. */
#define OPF(f5) ((uint32_t)(f5) << 27 | 0x53u)
#define F(n, fn, mask, match, fmt, ops) \
    {n, mask, match, fmt, RV_F_F, trans_##fn, ops}

const struct rv_pattern rv_patterns_rvf[] = {
    F("flw", flw, FM_LS, 0x2007, RV_FMT_I, "D,j(s)"),
    F("fsw", fsw, FM_LS, 0x2027, RV_FMT_S, "T,j(s)"),
    F("fmadd.s", fmadd_s, FM_R4, 0x43, RV_FMT_R4, "D,S,T,R,m"),
    F("fmsub.s", fmsub_s, FM_R4, 0x47, RV_FMT_R4, "D,S,T,R,m"),
    F("fnmsub.s", fnmsub_s, FM_R4, 0x4b, RV_FMT_R4, "D,S,T,R,m"),
    F("fnmadd.s", fnmadd_s, FM_R4, 0x4f, RV_FMT_R4, "D,S,T,R,m"),
    F("fadd.s", fadd_s, FM_RM, OPF(0x00), RV_FMT_R, "D,S,T,m"),
    F("fsub.s", fsub_s, FM_RM, OPF(0x01), RV_FMT_R, "D,S,T,m"),
    F("fmul.s", fmul_s, FM_RM, OPF(0x02), RV_FMT_R, "D,S,T,m"),
    F("fdiv.s", fdiv_s, FM_RM, OPF(0x03), RV_FMT_R, "D,S,T,m"),
    F("fsqrt.s", fsqrt_s, FM_RS2, OPF(0x0b), RV_FMT_R, "D,S,m"),
    F("fsgnj.s", fsgnj_s, FM_F3, OPF(0x04), RV_FMT_R, "D,S,T"),
    F("fsgnjn.s", fsgnj_s, FM_F3, OPF(0x04) | 1u << 12, RV_FMT_R, "D,S,T"),
    F("fsgnjx.s", fsgnj_s, FM_F3, OPF(0x04) | 2u << 12, RV_FMT_R, "D,S,T"),
    F("fmin.s", fmin_s, FM_F3, OPF(0x05), RV_FMT_R, "D,S,T"),
    F("fmax.s", fmax_s, FM_F3, OPF(0x05) | 1u << 12, RV_FMT_R, "D,S,T"),
    F("fcvt.w.s", fcvt_w_s, FM_RS2, OPF(0x18), RV_FMT_R, "d,S,m"),
    F("fcvt.wu.s", fcvt_wu_s, FM_RS2, OPF(0x18) | 1u << 20, RV_FMT_R,
      "d,S,m"),
    F("fcvt.l.s", fcvt_l_s, FM_RS2, OPF(0x18) | 2u << 20, RV_FMT_R, "d,S,m"),
    F("fcvt.lu.s", fcvt_lu_s, FM_RS2, OPF(0x18) | 3u << 20, RV_FMT_R,
      "d,S,m"),
    F("fmv.x.w", fmv_x_w, FM_RS2_F3, OPF(0x1c), RV_FMT_R, "d,S"),
    F("fclass.s", fclass_s, FM_RS2_F3, OPF(0x1c) | 1u << 12, RV_FMT_R, "d,S"),
    F("feq.s", feq_s, FM_F3, OPF(0x14) | 2u << 12, RV_FMT_R, "d,S,T"),
    F("flt.s", flt_s, FM_F3, OPF(0x14) | 1u << 12, RV_FMT_R, "d,S,T"),
    F("fle.s", fle_s, FM_F3, OPF(0x14), RV_FMT_R, "d,S,T"),
    F("fcvt.s.w", fcvt_s_w, FM_RS2, OPF(0x1a), RV_FMT_R, "D,s,m"),
    F("fcvt.s.wu", fcvt_s_wu, FM_RS2, OPF(0x1a) | 1u << 20, RV_FMT_R,
      "D,s,m"),
    F("fcvt.s.l", fcvt_s_l, FM_RS2, OPF(0x1a) | 2u << 20, RV_FMT_R, "D,s,m"),
    F("fcvt.s.lu", fcvt_s_lu, FM_RS2, OPF(0x1a) | 3u << 20, RV_FMT_R,
      "D,s,m"),
    F("fmv.w.x", fmv_w_x, FM_RS2_F3, OPF(0x1e), RV_FMT_R, "D,s"),
    {NULL, 0, 0, RV_FMT_NONE, 0, NULL, NULL},
};
