/* frontends/riscv64/rv_fp.h: what the F and D extension files share: FP
 * register access with NaN boxing, rounding-mode and fflags handling, the
 * generators both precisions use, and the C helpers for RMM and fclass. */
#ifndef FERRY_FRONTENDS_RISCV64_RV_FP_H
#define FERRY_FRONTENDS_RISCV64_RV_FP_H

#include <stdbool.h>
#include <stdint.h>

#include "frontends/riscv64/rv_internal.h"

/* RISC-V unpriv. spec 11.3: the canonical NaNs (12.2 for D). */
#define RV_CANON_NAN_S 0x7fc00000u
#define RV_CANON_NAN_D 0x7ff8000000000000ull
/* 12.2: a single is NaN-boxed when the upper 32 bits are all ones. */
#define RV_NAN_BOX 0xffffffff00000000ull

/* The rm field (11.2, table "rounding mode encoding"). */
enum rv_rm {
    RV_RM_RNE = 0,
    RV_RM_RTZ = 1,
    RV_RM_RDN = 2,
    RV_RM_RUP = 3,
    RV_RM_RMM = 4,
    RV_RM_DYN = 7,
};

/* fflags bits (11.2). They equal enum ir_fpflag bit for bit, so IR flags
 * are ORed into fflags unchanged. */
enum rv_fflag {
    RV_FF_NX = 1,
    RV_FF_UF = 2,
    RV_FF_OF = 4,
    RV_FF_DZ = 8,
    RV_FF_NV = 16,
};

/* The RMM helper's first argument: op | type << 8 | stype << 12 |
 * cvt << 16, cvt being enum ir_cvt bits. */
#define RV_FP_DESC(op, type, stype, cvt)                                    \
    ((uint64_t)(op) | (uint64_t)(type) << 8 | (uint64_t)(stype) << 12 |     \
     (uint64_t)(cvt) << 16)

/* --- helpers (fp_helpers.c) ------------------------------------------- */

/* Computes desc (RV_FP_DESC) on the raw operand bits with RMM rounding,
 * exactly, ORs the fflags it raises into the rv_cpu env, and returns the
 * result bits (a canonical NaN for NaN results). */
uint64_t rv_fp_helper_rmm(void *env, uint64_t desc, uint64_t a, uint64_t b,
                          uint64_t c);
/* Rounds (-1)^sign * sig * 2^exp (sig != 0), plus a nonzero remainder
 * below sig's last bit when sticky, to type (IR_F32 / IR_F64) with rm
 * 0-4; ORs NX/UF/OF into *flags, tininess detected after rounding. */
uint64_t rv_fp_round_pack(bool sign, int exp, uint64_t sig, bool sticky,
                          enum ir_type type, unsigned rm, unsigned *flags);
/* The fclass mask of bits (11.9). */
uint64_t rv_fp_class_bits(enum ir_type type, uint64_t bits);

extern const struct ir_helper rv_fp_rmm_helpers[IR_NTYPES];
extern const struct ir_helper rv_fp_class_helper;
extern const struct ir_helper rv_fp_fma_nv_helper;

/* --- generators (trans_fp_common.c); type is IR_F32 or IR_F64 ----------
 * Each returns false for a reserved rm (5, 6), which the decoder turns
 * into an illegal instruction. */

bool rv_fp_gen_arith(struct rv_dc *dc, const struct rv_args *a,
                     enum ir_type type, enum rv_fpop op);
bool rv_fp_gen_fma(struct rv_dc *dc, const struct rv_args *a,
                   enum ir_type type, bool neg_prod, bool neg_add);
bool rv_fp_gen_sgnj(struct rv_dc *dc, const struct rv_args *a,
                    enum ir_type type);
bool rv_fp_gen_minmax(struct rv_dc *dc, const struct rv_args *a,
                      enum ir_type type, bool max);
bool rv_fp_gen_cmp(struct rv_dc *dc, const struct rv_args *a,
                   enum ir_type type, enum ir_cond cond);
bool rv_fp_gen_class(struct rv_dc *dc, const struct rv_args *a,
                     enum ir_type type);
bool rv_fp_gen_f2i(struct rv_dc *dc, const struct rv_args *a,
                   enum ir_type type, enum ir_type itype, bool uns);
bool rv_fp_gen_i2f(struct rv_dc *dc, const struct rv_args *a,
                   enum ir_type type, enum ir_type itype, bool uns);
bool rv_fp_gen_f2f(struct rv_dc *dc, const struct rv_args *a,
                   enum ir_type to);
bool rv_fp_gen_load(struct rv_dc *dc, const struct rv_args *a,
                    enum ir_type type);
bool rv_fp_gen_store(struct rv_dc *dc, const struct rv_args *a,
                     enum ir_type type);
bool rv_fp_gen_mv_x_f(struct rv_dc *dc, const struct rv_args *a,
                      enum ir_type type);
bool rv_fp_gen_mv_f_x(struct rv_dc *dc, const struct rv_args *a,
                      enum ir_type type);

/* Flags are lazy (translator/ir.h): ORs the host's accrued flags into
 * fflags, which every read or write of fflags must come after, and
 * returns them. After a write of fflags, rv_fp_drop_stale_flags(host)
 * clears the host's flags if they hold any the write cleared. */
ir_temp rv_fp_fold_flags(struct rv_dc *dc);
void rv_fp_drop_stale_flags(struct rv_dc *dc, ir_temp host);

/* One trans_ function per instruction, its body one generator call. */
#define RV_FP_TRANS(name, call)                                           \
    static bool trans_##name(struct rv_dc *dc, const struct rv_args *a)   \
    {                                                                     \
        return call;                                                      \
    }

/* Masks of the F and D encodings (unpriv. spec 11.6-11.9, 12.3-12.7):
 * a free rm, a fixed rm (funct3), a fixed rs2, both fixed, the R4 forms
 * (fmadd...) and the loads/stores. */
#define FM_RM 0xfe00007fu
#define FM_F3 0xfe00707fu
#define FM_RS2 0xfff0007fu
#define FM_RS2_F3 0xfff0707fu
#define FM_R4 0x0600007fu
#define FM_LS 0x0000707fu

#endif
