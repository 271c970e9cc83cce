/* frontends/riscv64/trans_rvd.c: the "D" extension, double precision
 * (RISC-V unpriv. spec chapter 12), including fcvt.s.d / fcvt.d.s; the IR
 * comes from the generators in trans_fp_common.c, shared with "F". */
#include "frontends/riscv64/rv_fp.h"

RV_FP_TRANS(fld, rv_fp_gen_load(dc, a, IR_F64))
RV_FP_TRANS(fsd, rv_fp_gen_store(dc, a, IR_F64))
RV_FP_TRANS(fmadd_d, rv_fp_gen_fma(dc, a, IR_F64, false, false))
RV_FP_TRANS(fmsub_d, rv_fp_gen_fma(dc, a, IR_F64, false, true))
RV_FP_TRANS(fnmsub_d, rv_fp_gen_fma(dc, a, IR_F64, true, false))
RV_FP_TRANS(fnmadd_d, rv_fp_gen_fma(dc, a, IR_F64, true, true))
RV_FP_TRANS(fadd_d, rv_fp_gen_arith(dc, a, IR_F64, RV_FPOP_ADD))
RV_FP_TRANS(fsub_d, rv_fp_gen_arith(dc, a, IR_F64, RV_FPOP_SUB))
RV_FP_TRANS(fmul_d, rv_fp_gen_arith(dc, a, IR_F64, RV_FPOP_MUL))
RV_FP_TRANS(fdiv_d, rv_fp_gen_arith(dc, a, IR_F64, RV_FPOP_DIV))
RV_FP_TRANS(fsqrt_d, rv_fp_gen_arith(dc, a, IR_F64, RV_FPOP_SQRT))
RV_FP_TRANS(fsgnj_d, rv_fp_gen_sgnj(dc, a, IR_F64))
RV_FP_TRANS(fmin_d, rv_fp_gen_minmax(dc, a, IR_F64, false))
RV_FP_TRANS(fmax_d, rv_fp_gen_minmax(dc, a, IR_F64, true))
RV_FP_TRANS(fcvt_s_d, rv_fp_gen_f2f(dc, a, IR_F32))
RV_FP_TRANS(fcvt_d_s, rv_fp_gen_f2f(dc, a, IR_F64))
RV_FP_TRANS(fcvt_w_d, rv_fp_gen_f2i(dc, a, IR_F64, IR_I32, false))
RV_FP_TRANS(fcvt_wu_d, rv_fp_gen_f2i(dc, a, IR_F64, IR_I32, true))
RV_FP_TRANS(fcvt_l_d, rv_fp_gen_f2i(dc, a, IR_F64, IR_I64, false))
RV_FP_TRANS(fcvt_lu_d, rv_fp_gen_f2i(dc, a, IR_F64, IR_I64, true))
RV_FP_TRANS(fmv_x_d, rv_fp_gen_mv_x_f(dc, a, IR_F64))
RV_FP_TRANS(feq_d, rv_fp_gen_cmp(dc, a, IR_F64, IR_FEQ))
RV_FP_TRANS(flt_d, rv_fp_gen_cmp(dc, a, IR_F64, IR_FLT))
RV_FP_TRANS(fle_d, rv_fp_gen_cmp(dc, a, IR_F64, IR_FLE))
RV_FP_TRANS(fclass_d, rv_fp_gen_class(dc, a, IR_F64))
RV_FP_TRANS(fcvt_d_w, rv_fp_gen_i2f(dc, a, IR_F64, IR_I32, false))
RV_FP_TRANS(fcvt_d_wu, rv_fp_gen_i2f(dc, a, IR_F64, IR_I32, true))
RV_FP_TRANS(fcvt_d_l, rv_fp_gen_i2f(dc, a, IR_F64, IR_I64, false))
RV_FP_TRANS(fcvt_d_lu, rv_fp_gen_i2f(dc, a, IR_F64, IR_I64, true))
RV_FP_TRANS(fmv_d_x, rv_fp_gen_mv_f_x(dc, a, IR_F64))

/* OP-FP encodings (12.3-12.7): funct5 in bits 31:27, fmt 01 (D) in
 * 26:25 (fcvt.s.d has fmt S); masks in rv_fp.h. The exact
 * conversions come twice: objdump shows no rm when it is RNE (000), the
 * encoding assemblers give them. */
#define OPD(f5) ((uint32_t)(f5) << 27 | 1u << 25 | 0x53u)
#define D(n, fn, mask, match, fmt, ops) \
    {n, mask, match, fmt, RV_F_D, trans_##fn, ops}

const struct rv_pattern rv_patterns_rvd[] = {
    D("fld", fld, FM_LS, 0x3007, RV_FMT_I, "D,j(s)"),
    D("fsd", fsd, FM_LS, 0x3027, RV_FMT_S, "T,j(s)"),
    D("fmadd.d", fmadd_d, FM_R4, 0x02000043, RV_FMT_R4, "D,S,T,R,m"),
    D("fmsub.d", fmsub_d, FM_R4, 0x02000047, RV_FMT_R4, "D,S,T,R,m"),
    D("fnmsub.d", fnmsub_d, FM_R4, 0x0200004b, RV_FMT_R4, "D,S,T,R,m"),
    D("fnmadd.d", fnmadd_d, FM_R4, 0x0200004f, RV_FMT_R4, "D,S,T,R,m"),
    D("fadd.d", fadd_d, FM_RM, OPD(0x00), RV_FMT_R, "D,S,T,m"),
    D("fsub.d", fsub_d, FM_RM, OPD(0x01), RV_FMT_R, "D,S,T,m"),
    D("fmul.d", fmul_d, FM_RM, OPD(0x02), RV_FMT_R, "D,S,T,m"),
    D("fdiv.d", fdiv_d, FM_RM, OPD(0x03), RV_FMT_R, "D,S,T,m"),
    D("fsqrt.d", fsqrt_d, FM_RS2, OPD(0x0b), RV_FMT_R, "D,S,m"),
    D("fsgnj.d", fsgnj_d, FM_F3, OPD(0x04), RV_FMT_R, "D,S,T"),
    D("fsgnjn.d", fsgnj_d, FM_F3, OPD(0x04) | 1u << 12, RV_FMT_R, "D,S,T"),
    D("fsgnjx.d", fsgnj_d, FM_F3, OPD(0x04) | 2u << 12, RV_FMT_R, "D,S,T"),
    D("fmin.d", fmin_d, FM_F3, OPD(0x05), RV_FMT_R, "D,S,T"),
    D("fmax.d", fmax_d, FM_F3, OPD(0x05) | 1u << 12, RV_FMT_R, "D,S,T"),
    D("fcvt.s.d", fcvt_s_d, FM_RS2, 0x08u << 27 | 1u << 20 | 0x53u, RV_FMT_R,
      "D,S,m"),
    D("fcvt.d.s", fcvt_d_s, FM_RS2_F3, OPD(0x08), RV_FMT_R, "D,S"),
    D("fcvt.d.s", fcvt_d_s, FM_RS2, OPD(0x08), RV_FMT_R, "D,S,m"),
    D("fcvt.w.d", fcvt_w_d, FM_RS2, OPD(0x18), RV_FMT_R, "d,S,m"),
    D("fcvt.wu.d", fcvt_wu_d, FM_RS2, OPD(0x18) | 1u << 20, RV_FMT_R,
      "d,S,m"),
    D("fcvt.l.d", fcvt_l_d, FM_RS2, OPD(0x18) | 2u << 20, RV_FMT_R, "d,S,m"),
    D("fcvt.lu.d", fcvt_lu_d, FM_RS2, OPD(0x18) | 3u << 20, RV_FMT_R,
      "d,S,m"),
    D("fmv.x.d", fmv_x_d, FM_RS2_F3, OPD(0x1c), RV_FMT_R, "d,S"),
    D("fclass.d", fclass_d, FM_RS2_F3, OPD(0x1c) | 1u << 12, RV_FMT_R, "d,S"),
    D("feq.d", feq_d, FM_F3, OPD(0x14) | 2u << 12, RV_FMT_R, "d,S,T"),
    D("flt.d", flt_d, FM_F3, OPD(0x14) | 1u << 12, RV_FMT_R, "d,S,T"),
    D("fle.d", fle_d, FM_F3, OPD(0x14), RV_FMT_R, "d,S,T"),
    D("fcvt.d.w", fcvt_d_w, FM_RS2_F3, OPD(0x1a), RV_FMT_R, "D,s"),
    D("fcvt.d.w", fcvt_d_w, FM_RS2, OPD(0x1a), RV_FMT_R, "D,s,m"),
    D("fcvt.d.wu", fcvt_d_wu, FM_RS2_F3, OPD(0x1a) | 1u << 20, RV_FMT_R,
      "D,s"),
    D("fcvt.d.wu", fcvt_d_wu, FM_RS2, OPD(0x1a) | 1u << 20, RV_FMT_R,
      "D,s,m"),
    D("fcvt.d.l", fcvt_d_l, FM_RS2, OPD(0x1a) | 2u << 20, RV_FMT_R, "D,s,m"),
    D("fcvt.d.lu", fcvt_d_lu, FM_RS2, OPD(0x1a) | 3u << 20, RV_FMT_R,
      "D,s,m"),
    D("fmv.d.x", fmv_d_x, FM_RS2_F3, OPD(0x1e), RV_FMT_R, "D,s"),
    {NULL, 0, 0, RV_FMT_NONE, 0, NULL, NULL},
};
