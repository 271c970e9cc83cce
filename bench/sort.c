/* sort.c - sorting with callbacks: qsort() of records and of strings, each
 * comparison going through a function pointer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NREC 200000 /* records per sort */
#define NSTR 50000  /* strings per sort */
#define ROUNDS 8

struct rec {
    uint32_t key; /* few distinct values, so ties are broken by id */
    uint32_t id;
    double payload; /* makes a record 16 bytes */
};

static uint64_t rng_state = 42;

static uint64_t rng(void) /* xorshift64* */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dULL;
}

static int cmp_rec(const void *pa, const void *pb)
{
    const struct rec *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}

static int cmp_str(const void *pa, const void *pb)
{
    const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
    int c = strcmp(a, b);
    return c ? c : (a > b) - (a < b); /* equal strings: any order gives the same output */
}

int main(void)
{
    struct rec *recs = malloc(NREC * sizeof *recs);
    char (*pool)[16] = malloc(NSTR * sizeof *pool);
    char **strs = malloc(NSTR * sizeof *strs);
    if (!recs || !pool || !strs)
        return 1;

    uint64_t sum = 0;
    for (int r = 0; r < ROUNDS; r++) {
        for (uint32_t i = 0; i < NREC; i++) {
            recs[i].key = (uint32_t)(rng() >> 48) % 5000;
            recs[i].id = i;
            recs[i].payload = (double)i;
        }
        qsort(recs, NREC, sizeof *recs, cmp_rec);
        for (uint32_t i = 0; i < NREC; i++)
            sum = sum * 1000003 + recs[i].id;

        for (int i = 0; i < NSTR; i++) {
            int len = 3 + (int)(rng() % 12);
            for (int j = 0; j < len; j++)
                pool[i][j] = (char)('a' + rng() % 4); /* small alphabet: long common prefixes */
            pool[i][len] = '\0';
            strs[i] = pool[i];
        }
        qsort(strs, NSTR, sizeof *strs, cmp_str);
        for (int i = 0; i < NSTR; i++)
            for (const char *p = strs[i]; *p; p++)
                sum = sum * 31 + (unsigned char)*p;
    }

    printf("sort checksum %016llx\n", (unsigned long long)sum);
    free(recs);
    free(pool);
    free(strs);
    return 0;
}
