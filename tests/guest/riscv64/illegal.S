/* illegal: the all-zero halfword is defined illegal (RISC-V unprivileged
 * spec, "C" chapter): after one line of output the program dies of
 * SIGILL, exit status 128 + 4 as the shell reports it. */
#include "rvtest.h"

TEST_BEGIN
    PRINT line, 12
    c.unimp
    EXIT 0

    .section .rodata
line:
    .ascii "before trap\n"
