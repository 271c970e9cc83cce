/* misaligned_amo_die: amoadd.w on an address that is 2 mod 4 raises
 * store/AMO-address-misaligned (RISC-V unpriv. spec, "A" chapter), which
 * Linux turns into SIGBUS (it does not emulate misaligned atomics): with
 * no handler the program dies after one line, exit status 128 + 7. */
#include "rvtest.h"

TEST_BEGIN
    PRINT line, 12
    lla a0, word
    addi a0, a0, 2
    li a1, 1
    amoadd.w a2, a1, (a0)
    EXIT 0

    .section .rodata
line:
    .ascii "before trap\n"

    .data
    .balign 8
word:
    .dword 0
