/* sig_frame: the riscv64 rt_sigframe exactly as Linux builds it
 * (arch/riscv/kernel/signal.c): siginfo at sp, the ucontext at sp + 128
 * with uc_mcontext at +176 (pc, x1..x31, then f0..f31 and fcsr), a0/a1/a2
 * = signo, &info, &uc, ra = a `li a7, 139; ecall` trampoline, the signal
 * blocked inside the handler; rt_sigreturn restores what the handler left
 * in the frame (here a moved pc and a changed s2). */
#include "rvtest.h"

#define SYS_rt_sigaction 134
#define SYS_rt_sigprocmask 135
#define UC 128
#define MC (UC + 176)

TEST_BEGIN
    /* rt_sigaction(SIGTRAP, {handler, SA_SIGINFO, 0}, NULL, 8) */
    addi sp, sp, -32
    lla t0, handler
    sd t0, 0(sp)
    li t0, 4
    sd t0, 8(sp)
    sd zero, 16(sp)
    li a0, 5
    mv a1, sp
    li a2, 0
    li a3, 8
    li a7, SYS_rt_sigaction
    ecall
    addi sp, sp, 32
    CHECK 1, a0, 0
    li s2, 0x1234
    li t0, 0x4008000000000000 /* 3.0 */
    fmv.d.x fs0, t0
    csrwi frm, 3
    csrwi fflags, 1
    mv s3, sp
    .option push
    .option norvc
trap_pc:
    ebreak
    .option pop
    CHECK 2, s2, 0x5678      /* the handler's edit */
    bne sp, s3, rvtest_fail
    /* the mask is back to empty */
    addi sp, sp, -16
    li a0, 0
    li a1, 0
    mv a2, sp
    li a3, 8
    li a7, SYS_rt_sigprocmask
    ecall
    ld t0, 0(sp)
    addi sp, sp, 16
    CHECK 3, t0, 0
    TEST_END "frame ok"

handler:
    CHECK 10, a0, 5
    bne a1, sp, rvtest_fail
    addi t0, sp, UC
    bne a2, t0, rvtest_fail
    andi t0, sp, 15
    CHECK 11, t0, 0
    /* siginfo: signo, code TRAP_BRKPT, addr */
    lw t0, 0(sp)
    CHECK 12, t0, 5
    lw t0, 8(sp)
    CHECK 13, t0, 1
    ld t0, 16(sp)
    lla t1, trap_pc
    bne t0, t1, rvtest_fail
    /* ucontext head: flags, link, ss_flags SS_DISABLE, the old mask */
    ld t0, UC(sp)
    CHECK 14, t0, 0
    ld t0, UC + 8(sp)
    CHECK 15, t0, 0
    lw t0, UC + 24(sp)
    CHECK 16, t0, 2
    ld t0, UC + 40(sp)
    CHECK 17, t0, 0
    /* mcontext: pc, sp, s2, f8, fcsr = frm 3 << 5 | NV */
    li s11, 18
    ld t0, MC(sp)
    bne t0, t1, rvtest_fail
    ld t0, MC + 8 * 2(sp)
    bne t0, s3, rvtest_fail
    ld t0, MC + 8 * 18(sp)
    CHECK 19, t0, 0x1234
    ld t0, MC + 256 + 8 * 8(sp)
    CHECK 20, t0, 0x4008000000000000
    lw t0, MC + 512(sp)
    CHECK 21, t0, 0x61
    /* ra: the trampoline */
    lw t0, 0(ra)
    CHECK 22, t0, 0x08b00893
    lw t0, 4(ra)
    CHECK 23, t0, 0x00000073
    /* SIGTRAP is blocked in its handler */
    addi sp, sp, -16
    li a0, 0
    li a1, 0
    mv a2, sp
    li a3, 8
    li a7, SYS_rt_sigprocmask
    ecall
    ld t0, 0(sp)
    addi sp, sp, 16
    CHECK 24, t0, 16
    /* skip the ebreak, change s2 */
    ld t0, MC(sp)
    addi t0, t0, 4
    sd t0, MC(sp)
    li t0, 0x5678
    sd t0, MC + 8 * 18(sp)
    ret
