/* mem.c - libc memory and string functions: memcpy, memmove, memset, memcmp,
 * memchr, strlen, strchr, strcmp and strncpy on buffers of varying sizes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF 65536
#define ITERS 3000000

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void) /* xorshift64 */
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static size_t pick(size_t max) { return (size_t)(rng() % max); }

int main(void)
{
    char *a = malloc(BUF), *b = malloc(BUF), *s = malloc(BUF + 1);
    if (!a || !b || !s)
        return 1;
    for (size_t i = 0; i < BUF; i++)
        a[i] = (char)('A' + rng() % 26), b[i] = a[i];
    /* s: words of letters separated by NULs, so strlen/strchr stop at varied places. */
    for (size_t i = 0; i < BUF; i++)
        s[i] = rng() % 200 ? (char)('a' + rng() % 26) : '\0';
    s[BUF] = '\0';

    uint64_t sum = 0;
    for (long it = 0; it < ITERS; it++) {
        size_t len = 1 + pick(it % 4 ? 256 : 8192); /* mostly short, some long */
        size_t from = pick(BUF - len), to = pick(BUF - len);

        memcpy(b + to, a + from, len);
        sum += (unsigned char)b[to + len / 2];
        memmove(a + to, a + from, len);
        sum += (unsigned char)a[to + len - 1];

        int c = memcmp(a + from, b + from, len);
        sum = sum * 3 + (uint64_t)((c > 0) - (c < 0) + 1);
        const char *hit = memchr(a + from, 'Q', len);
        sum += hit ? (uint64_t)(hit - (a + from)) : len;

        size_t at = pick(BUF);
        sum += strlen(s + at);
        const char *ch = strchr(s + at, 'z');
        sum += ch ? (uint64_t)(ch - (s + at)) : 7;
        sum += (uint64_t)(strcmp(s + at, s + pick(BUF)) > 0);

        memset(b + from, (int)(it & 0x3f) + 'A', len / 3);
        if (it % 64 == 0) { /* keep a and b similar so memcmp runs long */
            memcpy(b, a, BUF);
            sum ^= (uint64_t)strncpy(s + BUF - 16, "tail", 8)[0];
        }
    }

    uint64_t h = sum;
    for (size_t i = 0; i < BUF; i++)
        h = (h ^ (unsigned char)a[i] ^ ((uint64_t)(unsigned char)b[i] << 8)) * 0x100000001b3ULL;
    printf("mem checksum %016llx\n", (unsigned long long)h);
    free(a);
    free(b);
    free(s);
    return 0;
}
