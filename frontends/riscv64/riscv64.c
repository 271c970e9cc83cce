/* frontends/riscv64/riscv64.c: the riscv64 struct frontend: CPU models,
 * the Linux ABI facts, state initialisation and state names for IR dumps. */
#include <elf.h>
#include <stdio.h>

#include "frontends/riscv64/rv_internal.h"

#ifndef EM_RISCV
#define EM_RISCV 243
#endif

static const struct frontend_cpu_model rv_models[] = {
    {"rv64gc", "RV64IMAFDC with Zicsr, Zifencei, Zicntr, Zihintpause",
     RV_FEATURES_RV64GC},
    {"rv64g", "rv64gc without C: compressed instructions are illegal",
     RV_FEATURES_RV64G},
    {"max", "every extension ferry implements (rv64gc, Zba, Zbb, Zbs, "
            "Zicond)",
     RV_FEATURES_MAX},
    {NULL, NULL, 0},
};

const struct rv_letter rv_letters[RV_NLETTERS] = {
    {RV_F_I, 'i'}, {RV_F_M, 'm'}, {RV_F_A, 'a'},
    {RV_F_F, 'f'}, {RV_F_D, 'd'}, {RV_F_C, 'c'},
};

/* AT_HWCAP: one bit per single-letter extension, bit (letter - 'a')
 * (Linux arch/riscv/include/uapi/asm/hwcap.h). */
static uint64_t rv_hwcap(uint64_t features)
{
    uint64_t hw = 0;

    for (size_t i = 0; i < RV_NLETTERS; i++)
        if (features & rv_letters[i].feature)
            hw |= (uint64_t)1 << (rv_letters[i].letter - 'a');
    return hw;
}

static uint64_t rv_hwcap2(uint64_t features)
{
    (void)features;
    return 0;
}

/* riscv64 Linux: a7 holds the number, a0-a5 the arguments, a0 the result;
 * the open(2) flags are asm-generic's; no AT_PLATFORM. */
extern const struct lx_sigframe_abi rv_sigframe_abi; /* rv_signal.c */
size_t rv_cpuinfo(uint64_t features, unsigned ncpus, char *buf,
                  size_t len); /* rv_cpuinfo.c */

static const struct frontend_linux_abi rv_linux_abi = {
    .syscall_nr = RV_X_OFFSET(17),
    .syscall_arg = {RV_X_OFFSET(10), RV_X_OFFSET(11), RV_X_OFFSET(12),
                    RV_X_OFFSET(13), RV_X_OFFSET(14), RV_X_OFFSET(15)},
    .syscall_ret = RV_X_OFFSET(10),
    .sp = RV_X_OFFSET(2),
    .tp = RV_X_OFFSET(4),
    .ret_addr = RV_X_OFFSET(1),
    .syscall_insn_len = 4,
    .triplet = "riscv64-linux-gnu",
    .sysroot_package = "libc6-riscv64-cross",
    .platform = NULL,
    .o_directory = 0200000,
    .o_nofollow = 0400000,
    .o_direct = 040000,
    .o_largefile = 0100000,
    .arch_syscall = rv_arch_syscall,
    .hwcap = rv_hwcap,
    .hwcap2 = rv_hwcap2,
    .cpuinfo = rv_cpuinfo,
    .sigframe = &rv_sigframe_abi,
};

/* Rounding mode RNE, no flags, no reservation. */
static void rv_state_init(void *env, uint64_t features)
{
    struct rv_cpu *cpu = env;

    (void)features;
    cpu->frm = 0;
    cpu->fflags = 0;
    cpu->res_addr = RV_NO_RESERVATION;
    cpu->res_val = 0;
}

static const char *rv_state_name(uint32_t offset)
{
    static const char *const xn[32] = {
        "x0",  "x1",  "x2",  "x3",  "x4",  "x5",  "x6",  "x7",
        "x8",  "x9",  "x10", "x11", "x12", "x13", "x14", "x15",
        "x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23",
        "x24", "x25", "x26", "x27", "x28", "x29", "x30", "x31",
    };
    static const char *const fn[32] = {
        "f0",  "f1",  "f2",  "f3",  "f4",  "f5",  "f6",  "f7",
        "f8",  "f9",  "f10", "f11", "f12", "f13", "f14", "f15",
        "f16", "f17", "f18", "f19", "f20", "f21", "f22", "f23",
        "f24", "f25", "f26", "f27", "f28", "f29", "f30", "f31",
    };

    if (offset == CPU_COMMON_PC_OFFSET)
        return "pc";
    if (offset >= RV_X_OFFSET(0) && offset < RV_X_OFFSET(32) &&
        (offset - RV_X_OFFSET(0)) % 8 == 0)
        return xn[(offset - RV_X_OFFSET(0)) / 8];
    if (offset >= RV_F_OFFSET(0) && offset < RV_F_OFFSET(32) &&
        (offset - RV_F_OFFSET(0)) % 8 == 0)
        return fn[(offset - RV_F_OFFSET(0)) / 8];
    switch (offset) {
    case RV_FFLAGS_OFFSET: return "fflags";
    case RV_FRM_OFFSET: return "frm";
    case RV_RES_ADDR_OFFSET: return "res_addr";
    case RV_RES_VAL_OFFSET: return "res_val";
    default: return NULL;
    }
}

const struct frontend rv_frontend = {
    .name = "riscv64",
    .elf_machine = EM_RISCV,
    .state_size = sizeof(struct rv_cpu),
    .max_insn_len = 4,
    .models = rv_models,
    .linux_abi = &rv_linux_abi,
    .state_init = rv_state_init,
    .fp_flags_offset = RV_FFLAGS_OFFSET,
    .pinned_offset = RV_X_OFFSET(2), /* sp */
    .translate = rv_translate,
    .disas = rv_disas,
    .state_name = rv_state_name,
};
