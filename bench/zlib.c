/* zlib.c - a compression round trip through zlib built from Debian's source
 * package (bench/run builds libz.a for each arch): deflate at levels 1, 6 and 9
 * and inflate back, over generated text-like and binary data. Checks every
 * round trip and prints the compressed sizes and a CRC of the compressed bytes.
 * Compile with -I ZLIB-TREE and link ZLIB-TREE/libz.a. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zlib.h"

#define DATA_SIZE (1u << 20) /* 1 MiB input */
#define ROUNDS 1             /* round trips per level */

static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

static uint64_t rng(void) /* splitmix64 */
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Two thirds text from a skewed vocabulary (compresses well), one third
 * binary records with small varying fields (compresses somewhat). */
static void fill(unsigned char *buf, size_t size)
{
    static const char *const words[] = {
        "the", "of", "and", "a", "to", "in", "is", "you", "that", "it",
        "translator", "guest", "host", "block", "register", "memory", "cache",
        "syscall", "signal", "instruction", "branch", "compress", "inflate",
    };
    const size_t nwords = sizeof words / sizeof *words;
    size_t pos = 0, text_end = size / 3 * 2;

    while (pos < text_end) {
        uint64_t r = rng();
        const char *w = words[(r & 0xff) % nwords < 10 ? (r >> 8) % 10 : (r >> 8) % nwords];
        size_t n = strlen(w);
        if (pos + n + 1 > text_end)
            break;
        memcpy(buf + pos, w, n);
        pos += n;
        buf[pos++] = (r >> 20) % 13 ? ' ' : '\n';
    }
    while (pos < text_end)
        buf[pos++] = '.';
    for (uint32_t rec = 0; pos < size; rec++) {
        uint64_t r = rng();
        unsigned char field[16] = {0};
        field[0] = (unsigned char)rec; /* byte by byte: no host byte order */
        field[1] = (unsigned char)(rec >> 8);
        field[4] = (unsigned char)(r % 7);
        field[8] = (unsigned char)(r >> 8);
        field[9] = (unsigned char)(r >> 16 & 3);
        for (size_t i = 0; i < sizeof field && pos < size; i++)
            buf[pos++] = field[i];
    }
}

static void fail(const char *what, int rc)
{
    fprintf(stderr, "zlib: %s failed (%d)\n", what, rc);
    exit(1);
}

int main(void)
{
    static const int levels[] = {1, 6, 9};
    unsigned char *in = malloc(DATA_SIZE), *back = malloc(DATA_SIZE);
    uLong bound = compressBound(DATA_SIZE);
    unsigned char *packed = malloc(bound);
    uLong crc = crc32(0, Z_NULL, 0);

    if (!in || !back || !packed)
        return 1;
    fill(in, DATA_SIZE);
    printf("zlib %s: input %u bytes, crc %08lx;", zlibVersion(), DATA_SIZE,
           crc32(0, in, DATA_SIZE));
    for (size_t l = 0; l < sizeof levels / sizeof *levels; l++) {
        uLongf packed_len = 0;
        for (int round = 0; round < ROUNDS; round++) {
            uLongf back_len = DATA_SIZE;
            int rc;
            packed_len = bound;
            if ((rc = compress2(packed, &packed_len, in, DATA_SIZE, levels[l])) != Z_OK)
                fail("compress2", rc);
            if ((rc = uncompress(back, &back_len, packed, packed_len)) != Z_OK)
                fail("uncompress", rc);
            if (back_len != DATA_SIZE || memcmp(back, in, DATA_SIZE) != 0)
                fail("round trip (bytes differ)", 0);
        }
        crc = crc32(crc, packed, packed_len);
        printf(" level %d: %lu bytes;", levels[l], (unsigned long)packed_len);
    }
    printf(" compressed crc %08lx\n", crc);
    free(in), free(back), free(packed);
    return 0;
}
