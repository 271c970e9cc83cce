/* demo/hello.c: the bundled foreign-architecture demo. Built for riscv64,
 * it says hello and shows a little arithmetic done by the guest CPU. */
#include <stdio.h>
#include <sys/utsname.h>

static unsigned long collatz_steps(unsigned long n)
{
    unsigned long steps = 0;

    for (; n != 1; steps++)
        n = (n & 1) ? 3 * n + 1 : n / 2;
    return steps;
}

int main(void)
{
    struct utsname u;
    unsigned long best = 1, most = 0;

    if (uname(&u) == 0)
        printf("Hello from a %s program!\n", u.machine);
    for (unsigned long n = 1; n < 100000; n++) {
        unsigned long s = collatz_steps(n);

        if (s > most) {
            most = s;
            best = n;
        }
    }
    printf("Below 100000, %lu takes the longest Collatz path: %lu steps.\n",
           best, most);
    return 0;
}
