/* ret_predict: calls and returns that a return-address predictor may get
 * wrong must still go where the guest says (the x86-64 back end pushes a
 * host return address per call, 2.5.1's hints): plain call/return, a
 * callee that returns past its link, a jump through a non-link register,
 * a return that skips a frame, a coroutine swap through jalr ra, ra,
 * x5 as the link register, and recursion deeper than any host return
 * stack. */
#include "rvtest.h"

TEST_BEGIN
    /* 1: call and return. */
    li a0, 0
    call inc
    CHECK 1, a0, 1

    /* 2: the callee returns 4 bytes past its link: the li is skipped. */
    li a0, 0
    call skip
    li a0, 99
    CHECK 2, a0, 0

    /* 3: a return through t1 (not a link register): no hint. */
    li a0, 5
    call via_t1
    CHECK 3, a0, 6

    /* 4: outer calls inner, inner returns straight to outer's caller. */
    li a0, 0
    call outer
    CHECK 4, a0, 10
    li a0, 0
    call inc             /* the predictor's stack now holds a stale link */
    CHECK 5, a0, 1

    /* 6: coroutines: jalr ra, 0(ra) swaps between two routines. */
    li a0, 0
    lla ra, co_b
    jalr ra, 0(ra)       /* to co_b, ra = here */
    addi a0, a0, 100     /* co_b came back through jalr ra, 0(ra) */
    jalr ra, 0(ra)       /* back into co_b after its swap */
    CHECK 6, a0, 111

    /* 7: x5 as the link register. */
    li a0, 40
    jal t0, inc_t0
    CHECK 7, a0, 41

    /* 8: recursion 5000 deep returns through every level. */
    li a0, 5000
    call depth
    li t2, 5000
    CHECK 8, a0, 5000

    /* 9: 1000 times: call two levels, leave from the inner one. */
    li s2, 1000
    li a0, 0
1:  call outer
    addi s2, s2, -1
    bnez s2, 1b
    li t2, 10000
    CHECK 9, a0, 10000
    TEST_END "ret_predict ok"

inc:
    addi a0, a0, 1
    ret

skip:
    addi ra, ra, 4
    ret

via_t1:
    addi a0, a0, 1
    mv t1, ra
    jr t1

outer:
    mv s1, ra
    call inner
    li a0, 12345         /* never runs: inner returns to outer's caller */
    ret
inner:
    addi a0, a0, 10
    mv ra, s1
    ret

co_b:
    addi a0, a0, 1
    jalr ra, 0(ra)       /* swap back to the main routine */
    addi a0, a0, 10
    ret

inc_t0:
    addi a0, a0, 1
    jr t0

/* depth(n): n == 0 ? 0 : 1 + depth(n - 1), with ra on the stack. */
depth:
    beqz a0, 2f
    addi sp, sp, -16
    sd ra, 8(sp)
    addi a0, a0, -1
    call depth
    addi a0, a0, 1
    ld ra, 8(sp)
    addi sp, sp, 16
2:  ret
