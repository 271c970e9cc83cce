/* jmp_indirect: indirect jumps the JIT resolves through its inline jump
 * cache: calls through a table of function pointers, a dense switch, deep
 * recursion returning to alternating call sites, and longjmp out of a
 * recursion (returns that do not go back where they were called from). */
#include <setjmp.h>
#include <stdio.h>

static unsigned long f0(unsigned long x) { return x * 3 + 1; }
static unsigned long f1(unsigned long x) { return x ^ (x >> 3); }
static unsigned long f2(unsigned long x) { return x + 0x9e37; }
static unsigned long f3(unsigned long x) { return (x << 1) | (x >> 63); }

static unsigned long (*const table[4])(unsigned long) = {f0, f1, f2, f3};

static unsigned long dispatch(unsigned long x, int n)
{
    for (int i = 0; i < n; i++)
        x = table[(x ^ (unsigned long)i) & 3](x);
    return x;
}

static unsigned long interp(const unsigned char *code, int n)
{
    unsigned long acc = 1;

    for (int i = 0; i < n; i++) {
        switch (code[i % 16]) {
        case 0: acc += 7; break;
        case 1: acc *= 5; break;
        case 2: acc ^= acc >> 7; break;
        case 3: acc -= 3; break;
        case 4: acc = acc << 2 | acc >> 62; break;
        case 5: acc |= 1; break;
        case 6: acc &= ~2ul; break;
        default: acc += (unsigned long)i; break;
        }
    }
    return acc;
}

static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static jmp_buf env;
static volatile int depth_reached;

static void dive(int depth)
{
    depth_reached = depth;
    if (depth == 500)
        longjmp(env, depth);
    if (depth < 1000) /* always: the longjmp above ends it */
        dive(depth + 1);
    depth_reached = -1;
}

int main(void)
{
    static const unsigned char code[16] = {0, 1, 2, 3, 4, 5, 6, 7,
                                           7, 6, 5, 4, 3, 2, 1, 0};
    int rounds = 0;

    printf("dispatch %lx\n", dispatch(12345, 200000));
    printf("interp %lx\n", interp(code, 200000));
    printf("fib %ld\n", fib(24));
    for (int i = 0; i < 50; i++) {
        int v = setjmp(env);

        if (v == 0)
            dive(0);
        else
            rounds += v == 500 && depth_reached == 500;
    }
    printf("longjmp rounds %d\n", rounds);
    printf("fib again %ld\n", fib(20));
    return 0;
}
