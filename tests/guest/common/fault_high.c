/* tests/guest/common/fault_high.c: a load far above the guest address
 * space (2^40: the guest has 2^38 bytes) is a guest fault, SIGSEGV, never
 * a read of the emulator's own memory. */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
    volatile uint64_t *volatile p = (uint64_t *)((uint64_t)1 << 40);

    printf("start\n");
    fflush(stdout);
    printf("%llu\n", (unsigned long long)*p);
    printf("not reached\n");
    return 0;
}
