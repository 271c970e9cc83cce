/* recurse.c - recursion: naive Fibonacci, Takeuchi's tak and Ackermann, all
 * dominated by calls and returns. */
#include <stdio.h>

static volatile int fib_n = 41, tak_x = 30, tak_y = 20, tak_z = 10, ack_m = 2, ack_n = 9000;

static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static int tak(int x, int y, int z)
{
    if (y >= x)
        return z;
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
}

static long ack(long m, long n)
{
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

int main(void)
{
    long f = fib(fib_n);
    int t = tak(tak_x, tak_y, tak_z);
    long a = ack(ack_m, ack_n);
    printf("recurse fib %ld tak %d ack %ld\n", f, t, a);
    return 0;
}
