/* jump_misaligned: without C (-cpu rv64g) instructions are 4-byte aligned
 * and a jump to an address that is 2 mod 4 raises instruction-address-
 * misaligned at the jump (RISC-V unpriv. spec, "Control Transfer
 * Instructions"), which Linux turns into SIGBUS: with no handler the
 * program dies after one line, exit status 128 + 7. The same jump with C
 * would be legal. */
#include "rvtest.h"

    .option norvc
TEST_BEGIN
    PRINT line, 12
    lla t0, target
    addi t0, t0, 2
    jalr ra, 0(t0)
    EXIT 0
    .balign 4
target:
    nop
    nop
    EXIT 3

    .section .rodata
line:
    .ascii "before jump\n"
