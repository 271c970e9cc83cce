/* misaligned_amo_die: amoadd.w on an address that is 2 mod 4 raises
 * store/AMO-address-misaligned (RISC-V unpriv. spec, "A" chapter), which
 * Linux turns into SIGBUS (it does not emulate misaligned atomics): with
 * no handler the program dies after one line, exit status 128 + 7. */
#include "rvtest.h"

TEST_BEGIN
    li a0, 1
    lla a1, line
    li a2, 12
    li a7, SYS_write
    ecall
    lla a0, word
    addi a0, a0, 2
    li a1, 1
    amoadd.w a2, a1, (a0)
    li a0, 0
    li a7, SYS_exit
    ecall

    .section .rodata
line:
    .ascii "before trap\n"

    .data
    .balign 8
word:
    .dword 0
