/* chase.c - pointer chasing: walks a linked list laid out in a random cyclic
 * order (Sattolo's shuffle), then an index permutation, so loads depend on loads. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NODES (1u << 15) /* 512 KiB of nodes: L2-resident, load latency bound */
#define LIST_STEPS 40000000
#define PERM_STEPS 40000000

struct node {
    struct node *next;
    uint64_t value;
};

static uint64_t rng_state = 2024;

static uint64_t rng(void) /* xorshift64* */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dULL;
}

int main(void)
{
    struct node *nodes = malloc(NODES * sizeof *nodes);
    uint32_t *perm = malloc(NODES * sizeof *perm);
    if (!nodes || !perm)
        return 1;

    /* Sattolo: a random permutation that is a single cycle through all nodes. */
    for (uint32_t i = 0; i < NODES; i++)
        perm[i] = i;
    for (uint32_t i = NODES - 1; i > 0; i--) {
        uint32_t j = (uint32_t)(rng() % i), t = perm[i];
        perm[i] = perm[j], perm[j] = t;
    }
    for (uint32_t i = 0; i < NODES; i++) {
        nodes[i].next = &nodes[perm[i]];
        nodes[i].value = rng() >> 40;
    }

    uint64_t sum = 0;
    const struct node *p = &nodes[0];
    for (long s = 0; s < LIST_STEPS; s++) {
        sum += p->value;
        p = p->next;
    }
    uint32_t k = 1;
    for (long s = 0; s < PERM_STEPS; s++) {
        k = perm[k];
        sum = sum * 7 + k;
    }

    printf("chase checksum %016llx end %lu\n", (unsigned long long)sum,
           (unsigned long)(p - nodes));
    free(nodes);
    free(perm);
    return 0;
}
