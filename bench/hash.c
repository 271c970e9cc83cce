/* hash.c - integer hashing: a multiply/rotate block hash, byte-wise FNV-1a and an
 * open-addressing hash set of mixed 64-bit integers, all over generated data. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define BUF_SIZE (1u << 20) /* 1 MiB of pseudo-random bytes */
#define BLOCK_ROUNDS 200    /* block-hash passes over the buffer */
#define FNV_ROUNDS 40       /* FNV-1a passes over the buffer */
#define SET_BITS 19         /* hash set of 2^19 slots */
#define SET_INSERTS 20000000

static uint64_t rng_state = 0x0123456789abcdefULL;

static uint64_t rng(void) /* splitmix64 */
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

static uint64_t load64(const unsigned char *p) /* little-endian, any alignment */
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static uint64_t fmix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 29;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 32);
}

/* Four independent 64-bit lanes, 32 bytes per step, then a byte tail. */
static uint64_t block_hash(const unsigned char *p, size_t n, uint64_t seed)
{
    const uint64_t K1 = 0x9fb21c651e98df25ULL, K2 = 0xd6e8feb86659fd93ULL;
    uint64_t a = seed ^ K1, b = seed + K2, c = rotl(seed, 17), d = ~seed;
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        a = rotl(a + load64(p + i) * K2, 29) * K1;
        b = rotl(b + load64(p + i + 8) * K2, 29) * K1;
        c = rotl(c + load64(p + i + 16) * K2, 29) * K1;
        d = rotl(d + load64(p + i + 24) * K2, 29) * K1;
    }
    uint64_t h = rotl(a, 1) + rotl(b, 9) + rotl(c, 21) + rotl(d, 40) + n;
    for (; i < n; i++)
        h = rotl(h ^ (p[i] * K1), 23) * K2;
    return fmix(h);
}

static uint64_t fnv1a(const unsigned char *p, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

int main(void)
{
    unsigned char *buf = malloc(BUF_SIZE);
    uint64_t *set = calloc((size_t)1 << SET_BITS, sizeof *set);
    if (!buf || !set)
        return 1;
    for (size_t i = 0; i < BUF_SIZE; i += 8) {
        uint64_t v = rng();
        for (int j = 0; j < 8; j++)
            buf[i + j] = (unsigned char)(v >> (8 * j));
    }

    uint64_t sum = 0;
    for (int r = 0; r < BLOCK_ROUNDS; r++) {
        size_t len = BUF_SIZE - (size_t)(rng() % 4096); /* odd tail lengths */
        sum = sum * 31 + block_hash(buf + r % 7, len - 7, sum + (uint64_t)r);
    }
    for (int r = 0; r < FNV_ROUNDS; r++)
        sum ^= fnv1a(buf, BUF_SIZE, 0xcbf29ce484222325ULL + (uint64_t)r);

    /* Insert mixed integers into a set that is at most half full; count new keys. */
    const uint64_t mask = ((uint64_t)1 << SET_BITS) - 1;
    uint64_t fresh = 0, filled = 0;
    for (uint64_t i = 1; i <= SET_INSERTS; i++) {
        uint64_t key = fmix(i % 200003 * 0x2545f4914f6cdd1dULL) | 1;
        uint64_t slot = fmix(key) & mask;
        while (set[slot] != 0 && set[slot] != key)
            slot = (slot + 1) & mask;
        if (set[slot] == 0) {
            set[slot] = key;
            fresh++;
            if (++filled > mask / 2) { /* clear when half full */
                for (uint64_t k = 0; k <= mask; k++)
                    set[k] = 0;
                filled = 0;
            }
        }
        sum += slot;
    }

    printf("hash checksum %016llx fresh %llu\n", (unsigned long long)sum,
           (unsigned long long)fresh);
    free(buf);
    free(set);
    return 0;
}
