/* muldiv.c - 64-bit multiply and divide: Miller-Rabin primality tests by modular
 * exponentiation (mul + mod), a division/remainder loop and Euclid's gcd. */
#include <stdint.h>
#include <stdio.h>

#define PRIME_FROM 4000000000ULL
#define PRIME_COUNT 600000
#define DIV_ITERS 40000000
#define GCD_PAIRS 700000

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m) { return a * b % m; } /* m < 2^32 */

static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m)
{
    uint64_t r = 1;
    b %= m;
    for (; e; e >>= 1) {
        if (e & 1)
            r = mulmod(r, b, m);
        b = mulmod(b, b, m);
    }
    return r;
}

/* Deterministic for n < 2^32 with witnesses 2, 7, 61. */
static int is_prime(uint64_t n)
{
    static const uint64_t witness[] = {2, 7, 61};
    if (n < 2)
        return 0;
    for (int i = 0; i < 3; i++)
        if (n % witness[i] == 0)
            return n == witness[i];
    uint64_t d = n - 1;
    int s = 0;
    while (!(d & 1))
        d >>= 1, s++;
    for (int i = 0; i < 3; i++) {
        uint64_t x = powmod(witness[i], d, n);
        if (x == 1 || x == n - 1)
            continue;
        int r = 1;
        for (; r < s; r++) {
            x = mulmod(x, x, n);
            if (x == n - 1)
                break;
        }
        if (r == s)
            return 0;
    }
    return 1;
}

static uint64_t gcd(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b, b = t;
    }
    return a;
}

int main(void)
{
    uint64_t primes = 0, last = 0;
    for (uint64_t n = PRIME_FROM; n < PRIME_FROM + PRIME_COUNT; n++)
        if (is_prime(n))
            primes++, last = n;

    /* Signed and unsigned 64-bit division by changing divisors. */
    uint64_t x = 0x243f6a8885a308d3ULL, acc = 0;
    int64_t sacc = 0;
    for (uint64_t i = 1; i <= DIV_ITERS; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        uint64_t d = (x >> 40) | 1;
        acc += x / d + x % (i | 1);
        int64_t sx = (int64_t)(x ^ acc), sd = ((int64_t)(x >> 24) - ((int64_t)1 << 39)) | 1;
        sacc += sx / (sd == -1 ? 3 : sd) + sx % 1000003; /* sd is odd, never 0 */
    }

    uint64_t g = 0;
    for (uint64_t i = 1; i <= GCD_PAIRS; i++)
        g += gcd(i * 0x9e3779b97f4a7c15ULL >> 1, i * 7919 + 104729);

    printf("muldiv primes %llu last %llu div %016llx %lld gcd %llu\n",
           (unsigned long long)primes, (unsigned long long)last, (unsigned long long)acc,
           (long long)sacc, (unsigned long long)g);
    return 0;
}
