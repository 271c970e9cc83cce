/* tests/guest/common/fault_null.c: a store through a null pointer kills
 * the program with SIGSEGV (exit status 128 + 11 through the shell),
 * after everything it printed before. */
#include <stdio.h>

int main(void)
{
    volatile int *volatile p = NULL;

    printf("before the fault\n");
    fflush(stdout);
    *p = 1;
    printf("after the fault\n");
    return 0;
}
