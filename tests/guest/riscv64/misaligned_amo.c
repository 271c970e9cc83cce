/* misaligned_amo: an AMO or LR/SC on an address that is not a multiple of
 * its size raises an address-misaligned exception (RISC-V unpriv. spec,
 * "A" chapter; no Zam), which Linux does not emulate for atomics: SIGBUS
 * with si_code BUS_ADRALN and si_addr = the instruction's pc (regs->epc,
 * arch/riscv/kernel/traps.c), the saved pc at the instruction, memory
 * untouched. Aligned atomics (a word one at a 4-byte boundary too) and
 * misaligned plain loads and stores still work. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static sigjmp_buf env;
static volatile uintptr_t fault_addr, fault_pc;
static volatile int fault_code;
static uint64_t buf[4] __attribute__((aligned(16)));

static void on_bus(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;

    fault_addr = (uintptr_t)si->si_addr;
    fault_code = si->si_code;
    fault_pc = uc->uc_mcontext.__gregs[0];
    siglongjmp(env, sig);
}

/* Runs the one instruction insn (operands: %0 rd, %1 address, %2 value)
 * at the global label name, with rd preset to 0x5555. */
#define RUN(name, insn, addr, value)                                      \
    ({                                                                    \
        uint64_t rd_ = 0x5555;                                            \
        __asm__ volatile(".option push\n.option norvc\n"                  \
                         ".globl " #name "\n" #name ": " insn "\n"        \
                         ".option pop"                                    \
                         : "+r"(rd_)                                      \
                         : "r"(addr), "r"(value)                          \
                         : "memory");                                     \
        rd_;                                                              \
    })

/* Runs insn, which must fault, and reports the signal. */
#define FAULT(name, insn, addr)                                           \
    do {                                                                  \
        extern const char name[];                                         \
        int sig_;                                                         \
        if ((sig_ = sigsetjmp(env, 1)) == 0) {                            \
            RUN(name, insn, addr, (uint64_t)7);                           \
            printf(#name ": no signal\n");                                \
        } else {                                                          \
            printf(#name ": sig %d BUS_ADRALN %d si_addr at the insn %d"  \
                   " pc at the insn %d\n", sig_,                          \
                   fault_code == BUS_ADRALN,                              \
                   fault_addr == (uintptr_t)name,                         \
                   fault_pc == (uintptr_t)name);                          \
        }                                                                 \
    } while (0)

static void reset(void)
{
    buf[0] = 0x1111111111111111ull;
    buf[1] = 0x2222222222222222ull;
    buf[2] = 0x3333333333333333ull;
    buf[3] = 0x4444444444444444ull;
}

static void print_buf(const char *what)
{
    printf("%s: %016llx %016llx\n", what, (unsigned long long)buf[0],
           (unsigned long long)buf[1]);
}

static void misaligned(void)
{
    char *b = (char *)buf;

    reset();
    FAULT(amoadd_w_2, "amoadd.w %0, %2, (%1)", b + 2);
    FAULT(amoswap_d_4, "amoswap.d %0, %2, (%1)", b + 4);
    FAULT(amoor_d_1, "amoor.d.aqrl %0, %2, (%1)", b + 1);
    FAULT(amomaxu_w_7, "amomaxu.w %0, %2, (%1)", b + 7);
    FAULT(lr_w_1, "lr.w %0, (%1)", b + 1);
    FAULT(lr_d_4, "lr.d %0, (%1)", b + 4);
    FAULT(sc_w_2, "sc.w %0, %2, (%1)", b + 2);
    FAULT(sc_d_4, "sc.d %0, %2, (%1)", b + 4);
    print_buf("memory after the faults");
}

static void aligned(void)
{
    char *b = (char *)buf;
    uint64_t old, lr, sc;

    reset();
    old = RUN(amoadd_w_ok, "amoadd.w %0, %2, (%1)", b + 4, (uint64_t)1);
    printf("amoadd.w at +4: old %llx\n", (unsigned long long)old);
    old = RUN(amoswap_d_ok, "amoswap.d %0, %2, (%1)", b + 8,
              (uint64_t)0x0123456789abcdefull);
    printf("amoswap.d at +8: old %llx\n", (unsigned long long)old);
    lr = RUN(lr_w_ok, "lr.w %0, (%1)", b, (uint64_t)0);
    sc = RUN(sc_w_ok, "sc.w %0, %2, (%1)", b, (uint64_t)0x99);
    printf("lr.w/sc.w at +0: loaded %llx, sc %llu\n",
           (unsigned long long)lr, (unsigned long long)sc);
    print_buf("memory after the aligned atomics");
}

/* Plain accesses may be misaligned in user mode (Linux emulates them
 * where the hardware does not). */
static void plain(void)
{
    char *b = (char *)buf;
    uint64_t v = 0;

    reset();
    __asm__ volatile("ld %0, 3(%1)" : "=r"(v) : "r"(b) : "memory");
    printf("ld at +3: %016llx\n", (unsigned long long)v);
    __asm__ volatile("sw %0, 5(%1)" : : "r"(0xaabbccddu), "r"(b) : "memory");
    print_buf("sw at +5");
}

int main(void)
{
    struct sigaction sa;

    setvbuf(stdout, NULL, _IONBF, 0);
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_bus;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGBUS, &sa, NULL);
    misaligned();
    aligned();
    plain();
    return 0;
}
