/* translator/host/x86_64/x64_fp_flags.c: the x86 record of the FP flags a
 * guest raises (host.h, "Lazy FP flags"). While guest code runs, MXCSR
 * unmasks the SSE exception of every IEEE flag the guest has not got yet;
 * the first raise of one traps, and the handler ORs its flag into
 * cpu_common.fp_host and masks it, so the instruction runs again without
 * a trap. Generated code then reads the flags with one load
 * (x64_lower_fp.c) instead of an stmxcsr, which waits for every FP op in
 * flight.
 *
 * Underflow is the exception: unmasked, it traps on any tiny result, but
 * the flag (masked: "tiny and inexact", as IEEE 754 and the guests define
 * it) needs the inexact test the hardware does only when it is masked. So
 * its trap masks it and records X64_FP_UF_STICKY: from then on the flag is
 * MXCSR's own UE bit, which readers test.
 *
 * A trap costs microseconds, and a program that clears its flags and
 * raises one in a loop takes one each time: after X64_FP_TRAP_LIMIT traps
 * a thread stops trapping (X64_FP_NO_TRAPS) and its flags are read from
 * MXCSR, as without traps. */
#include "translator/host/x86_64/x64_lower.h"

#include <stdatomic.h>
#include <xmmintrin.h>

/* MXCSR: flags IE DE ZE OE UE PE in bits 0-5, their masks in bits 7-12. */
enum {
    MX_FLAGS = 0x3f,
    MX_UE = 0x10,
    MX_MASK_SHIFT = 7,
    MX_MASKS = MX_FLAGS << MX_MASK_SHIFT,
    MX_DM = 0x02 << MX_MASK_SHIFT, /* denormal operand: no IEEE flag */
};

/* The record of the thread's running guest, NULL outside runs. */
static _Thread_local uint32_t *x64_fp_record;
/* Traps this thread took; past the limit it runs without. */
static _Thread_local unsigned x64_fp_traps;
#define X64_FP_TRAP_LIMIT 256

/* The MXCSR mask bit of each enum ir_fpflag bit. */
static uint32_t mx_masks_of(unsigned flags)
{
    return (flags & IR_FPF_INVALID ? 0x01u << MX_MASK_SHIFT : 0u) |
           (flags & IR_FPF_DIVZERO ? 0x04u << MX_MASK_SHIFT : 0u) |
           (flags & IR_FPF_OVERFLOW ? 0x08u << MX_MASK_SHIFT : 0u) |
           (flags & IR_FPF_UNDERFLOW ? 0x10u << MX_MASK_SHIFT : 0u) |
           (flags & IR_FPF_INEXACT ? 0x20u << MX_MASK_SHIFT : 0u);
}

uint32_t x64_fp_take_x87(void)
{
    uint16_t sw;

    __asm__ volatile("fnstsw %0" : "=m"(sw));
    if (!(sw & MX_FLAGS))
        return 0;
    __asm__ volatile("fnclex");
    return sw & MX_FLAGS;
}

/* The SIGFPE handler's part (async-signal-safe): the flags of the
 * unmasked exceptions that trapped go into the record and are masked;
 * MXCSR's flag bits for them are cleared, the rerun sets them again. */
static bool x64_fp_on_trap(uint32_t *mxcsr)
{
    uint32_t mx = *mxcsr, raised = mx & ~(mx >> MX_MASK_SHIFT) & MX_FLAGS;

    if (!x64_fp_record || !raised)
        return false;
    if (++x64_fp_traps > X64_FP_TRAP_LIMIT) {
        /* The rerun sets the flags, which count from now on. */
        *x64_fp_record |= X64_FP_NO_TRAPS;
        *mxcsr = (mx & ~raised) | MX_MASKS;
        return true;
    }
    *x64_fp_record |= host_fp_flags_of(raised & ~(uint32_t)MX_UE) |
                      (raised & MX_UE ? X64_FP_UF_STICKY : 0u);
    *mxcsr = (mx & ~raised) | raised << MX_MASK_SHIFT;
    return true;
}

void host_fp_begin(void *env, unsigned have)
{
    static atomic_bool installed;
    struct cpu_common *cpu = env;
    uint32_t mx = _mm_getcsr();

    if (!atomic_load_explicit(&installed, memory_order_acquire)) {
        host_fpe_install(x64_fp_on_trap);
        atomic_store_explicit(&installed, true, memory_order_release);
    }
    /* The record starts with the word's flags: their exceptions stay
     * masked, and a guest write of the word that drops one differs from
     * the record, which makes the frontend clear it (ir.h). A sticky
     * underflow was folded in by whoever stopped the last run. */
    cpu->fp_host = (cpu->fp_host | have) & IR_FPF_ALL;
    x64_fp_record = &cpu->fp_host;
    x64_fp_take_x87();
    mx &= ~(uint32_t)(MX_FLAGS | MX_MASKS);
    if (x64_fp_traps > X64_FP_TRAP_LIMIT) {
        cpu->fp_host |= X64_FP_NO_TRAPS;
        _mm_setcsr(mx | MX_MASKS);
        return;
    }
    _mm_setcsr(mx | MX_DM | mx_masks_of(cpu->fp_host));
}

unsigned host_fp_end(void *env)
{
    struct cpu_common *cpu = env;
    uint32_t mx = _mm_getcsr();
    unsigned flags = host_fp_flags_of(mx | x64_fp_take_x87());

    flags |= cpu->fp_host & IR_FPF_ALL;
    cpu->fp_host = 0;
    x64_fp_record = NULL;
    _mm_setcsr((mx & ~(uint32_t)MX_FLAGS) | MX_MASKS);
    return flags;
}

unsigned host_fp_flags(const void *env)
{
    const struct cpu_common *cpu = env;
    uint16_t sw;
    unsigned flags = cpu->fp_host & IR_FPF_ALL;

    if (cpu->fp_host & X64_FP_STICKY)
        flags |= host_fp_flags_of(_mm_getcsr());
    /* libm, which the interpreter calls, raises some on the x87 unit. */
    __asm__ volatile("fnstsw %0" : "=m"(sw));
    return flags | host_fp_flags_of(sw);
}

void host_fp_clear(void *env)
{
    struct cpu_common *cpu = env;
    uint32_t mx = _mm_getcsr() & ~(uint32_t)MX_FLAGS;

    cpu->fp_host &= X64_FP_NO_TRAPS;
    x64_fp_take_x87();
    /* Outside a run nothing may trap: only the flags are cleared. */
    if (x64_fp_record == &cpu->fp_host && !cpu->fp_host)
        mx = (mx & ~(uint32_t)MX_MASKS) | MX_DM;
    _mm_setcsr(mx);
}

/* Helpers of generated code (x64_helpers.c): flags they computed, as
 * MXCSR or x87 status bits. */
void x64_fp_raise(void *env, uint32_t status)
{
    ((struct cpu_common *)env)->fp_host |= host_fp_flags_of(status);
}

/* MXCSR and x87 status word flag bits IE DE ZE OE UE PE to ir_fpflag; DE
 * (denormal operand) is not an IEEE flag and is ignored. */
#define FPF(m)                                                              \
    (((m) & 1 ? IR_FPF_INVALID : 0) | ((m) & 4 ? IR_FPF_DIVZERO : 0) |      \
     ((m) & 8 ? IR_FPF_OVERFLOW : 0) | ((m) & 16 ? IR_FPF_UNDERFLOW : 0) |  \
     ((m) & 32 ? IR_FPF_INEXACT : 0))
#define FPF4(m) FPF(m), FPF((m) + 1), FPF((m) + 2), FPF((m) + 3)
#define FPF16(m) FPF4(m), FPF4((m) + 4), FPF4((m) + 8), FPF4((m) + 12)
const uint8_t x64_fpflag_table[64] = {FPF16(0), FPF16(16), FPF16(32),
                                      FPF16(48)};

unsigned host_fp_flags_of(uint32_t status)
{
    return x64_fpflag_table[status & MX_FLAGS];
}
