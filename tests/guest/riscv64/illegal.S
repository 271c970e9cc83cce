/* illegal: the all-zero halfword is defined illegal (RISC-V unprivileged
 * spec, "C" chapter): after one line of output the program dies of
 * SIGILL, exit status 128 + 4 as the shell reports it. */
#include "rvtest.h"

TEST_BEGIN
    li a0, 1
    lla a1, line
    li a2, 12
    li a7, SYS_write
    ecall
    c.unimp
    li a0, 0
    li a7, SYS_exit
    ecall

    .section .rodata
line:
    .ascii "before trap\n"
