/* frontends/riscv64/rv_signal.c: the riscv64 Linux signal frame
 * (arch/riscv/kernel/signal.c, uapi asm/sigcontext.h, ptrace.h): what a
 * handler finds on its stack and rt_sigreturn reads back. */
#include <string.h>

#include "frontends/riscv64/riscv64.h"
#include "syscalls/linux/lx_signal.h"

/* struct sigcontext: user_regs_struct (pc, then x1..x31), then the FP
 * union (the Q layout is the largest: 64 words aligned to 16, fcsr, three
 * reserved words; its last 8 bytes double as the END extension header). */
struct rv_sigcontext {
    uint64_t gregs[32];
    uint64_t fpregs[32] __attribute__((aligned(16)));
    uint32_t fcsr;
    uint8_t fp_rest[528 - 256 - 4];
};
_Static_assert(sizeof(struct rv_sigcontext) == 784, "sigcontext size");
_Static_assert(__builtin_offsetof(struct rv_sigcontext, fpregs) == 256,
               "sc_fpregs offset");
_Static_assert(__builtin_offsetof(struct rv_sigcontext, fcsr) == 512,
               "fcsr offset");

/* struct ucontext: the generic 168-byte head, uc_mcontext at 176 (the FP
 * union is 16-aligned); struct rt_sigframe: siginfo, then the ucontext. */
#define RV_MCONTEXT_OFFSET 176u
#define RV_UCONTEXT_SIZE (RV_MCONTEXT_OFFSET + 784u)
#define RV_FRAME_SIZE (128u + RV_UCONTEXT_SIZE)
_Static_assert(RV_MCONTEXT_OFFSET >= sizeof(struct lx_ucontext_head) &&
                   RV_MCONTEXT_OFFSET % 16 == 0, "uc_mcontext offset");
_Static_assert(RV_FRAME_SIZE == 1088, "rt_sigframe size");

static void rv_sig_save(const void *env, void *mc)
{
    const struct rv_cpu *cpu = env;
    struct rv_sigcontext sc;

    memset(&sc, 0, sizeof sc);
    sc.gregs[0] = cpu->common.pc;
    memcpy(&sc.gregs[1], &cpu->x[1], 31 * sizeof cpu->x[0]);
    memcpy(sc.fpregs, cpu->f, sizeof sc.fpregs);
    sc.fcsr = (cpu->frm & 7u) << 5 | (cpu->fflags & 0x1fu);
    memcpy(mc, &sc, sizeof sc);
}

/* A trap clears the LR reservation (the kernel's return does an sc). */
static void rv_sig_restore(void *env, const void *mc)
{
    struct rv_cpu *cpu = env;
    struct rv_sigcontext sc;

    memcpy(&sc, mc, sizeof sc);
    cpu->common.pc = sc.gregs[0];
    memcpy(&cpu->x[1], &sc.gregs[1], 31 * sizeof cpu->x[0]);
    memcpy(cpu->f, sc.fpregs, sizeof sc.fpregs);
    cpu->fflags = sc.fcsr & 0x1fu;
    cpu->frm = (sc.fcsr >> 5) & 7u;
    cpu->res_addr = RV_NO_RESERVATION;
}

static void rv_sig_enter(void *env, gva handler, gva sp, gva ret, uint64_t a0,
                         uint64_t a1, uint64_t a2)
{
    struct rv_cpu *cpu = env;

    cpu->common.pc = handler;
    cpu->x[1] = ret;
    cpu->x[2] = sp;
    cpu->x[10] = a0;
    cpu->x[11] = a1;
    cpu->x[12] = a2;
    cpu->res_addr = RV_NO_RESERVATION;
}

/* li a7, 139 (rt_sigreturn); ecall: what the kernel's vDSO has. */
static const uint8_t rv_sig_trampoline[8] = {
    0x93, 0x08, 0xb0, 0x08, /* addi x17, x0, 139 = 0x08b00893 */
    0x73, 0x00, 0x00, 0x00, /* ecall = 0x00000073 */
};

const struct lx_sigframe_abi rv_sigframe_abi = {
    .frame_size = RV_FRAME_SIZE,
    .info_offset = 0,
    .uc_offset = 128,
    .mcontext_offset = RV_MCONTEXT_OFFSET,
    .frame_align = 16,
    .sigaction_has_restorer = false,
    .save = rv_sig_save,
    .restore = rv_sig_restore,
    .enter = rv_sig_enter,
    .trampoline = rv_sig_trampoline,
    .trampoline_len = sizeof rv_sig_trampoline,
};
