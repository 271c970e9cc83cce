/* frontends/riscv64/riscv64.h: the riscv64 guest: its frontend, its CPU
 * state and the feature bits of its CPU models. */
#ifndef FERRY_FRONTENDS_RISCV64_H
#define FERRY_FRONTENDS_RISCV64_H

#include <stddef.h>
#include <stdint.h>

#include "translator/translator.h"

extern const struct frontend rv_frontend;

/* Extensions a CPU model has (struct frontend_cpu_model.features). */
enum rv_feature {
    RV_F_I = 1u << 0,
    RV_F_M = 1u << 1,
    RV_F_A = 1u << 2,
    RV_F_F = 1u << 3,
    RV_F_D = 1u << 4,
    RV_F_C = 1u << 5,
    RV_F_ZICSR = 1u << 6,
    RV_F_ZIFENCEI = 1u << 7,
    RV_F_ZICNTR = 1u << 8,
    RV_F_ZIHINTPAUSE = 1u << 9,
    RV_F_ZBA = 1u << 10,
    RV_F_ZBB = 1u << 11,
    RV_F_ZBS = 1u << 12,
    RV_F_ZICOND = 1u << 13,
};

/* The single-letter extensions in canonical ISA-string order, with their
 * letters (for AT_HWCAP bits and the /proc/cpuinfo ISA string). */
struct rv_letter {
    uint32_t feature;
    char letter;
};
#define RV_NLETTERS 6
extern const struct rv_letter rv_letters[RV_NLETTERS];

/* rv64gc: IMAFDC, Zicsr, Zifencei, Zicntr, Zihintpause. */
#define RV_FEATURES_RV64GC                                                   \
    (RV_F_I | RV_F_M | RV_F_A | RV_F_F | RV_F_D | RV_F_C | RV_F_ZICSR |     \
     RV_F_ZIFENCEI | RV_F_ZICNTR | RV_F_ZIHINTPAUSE)
/* rv64g: rv64gc without C, for code that must not use compressed
 * instructions (and where jumps to 2-byte-aligned targets trap). */
#define RV_FEATURES_RV64G (RV_FEATURES_RV64GC & ~RV_F_C)
/* max: everything this frontend implements. */
#define RV_FEATURES_MAX                                                      \
    (RV_FEATURES_RV64GC | RV_F_ZBA | RV_F_ZBB | RV_F_ZBS | RV_F_ZICOND)

/* No LR reservation: an address no naturally aligned access can have. */
#define RV_NO_RESERVATION (~(uint64_t)0)

/* The guest CPU state (the "env" of translated code). */
struct rv_cpu {
    struct cpu_common common;
    uint64_t x[32];   /* x0 is kept 0: writes to it are dropped */
    uint64_t f[32];   /* F/D registers; F32 values NaN-boxed */
    uint32_t fflags;  /* accrued exceptions, fcsr bits 4:0 */
    uint32_t frm;     /* dynamic rounding mode, fcsr bits 7:5 */
    uint64_t res_addr; /* LR reservation: address, or RV_NO_RESERVATION */
    uint64_t res_val;  /* value LR loaded (sign-extended for lr.w) */
};

#define RV_X_OFFSET(r) (24u + 8u * (unsigned)(r))
#define RV_F_OFFSET(r) (280u + 8u * (unsigned)(r))
#define RV_FFLAGS_OFFSET 536u
#define RV_FRM_OFFSET 540u
#define RV_RES_ADDR_OFFSET 544u
#define RV_RES_VAL_OFFSET 552u

_Static_assert(offsetof(struct rv_cpu, x) == RV_X_OFFSET(0), "x offset");
_Static_assert(offsetof(struct rv_cpu, f) == RV_F_OFFSET(0), "f offset");
_Static_assert(offsetof(struct rv_cpu, fflags) == RV_FFLAGS_OFFSET,
               "fflags offset");
_Static_assert(offsetof(struct rv_cpu, frm) == RV_FRM_OFFSET, "frm offset");
_Static_assert(offsetof(struct rv_cpu, res_addr) == RV_RES_ADDR_OFFSET,
               "res_addr offset");
_Static_assert(offsetof(struct rv_cpu, res_val) == RV_RES_VAL_OFFSET,
               "res_val offset");
_Static_assert(sizeof(struct rv_cpu) == 560, "rv_cpu size");

#endif
