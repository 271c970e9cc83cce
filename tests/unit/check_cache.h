/* tests/unit/check_cache.h: what the code-cache suites share: a fake back
 * end (a patch callback that records its calls and writes the target
 * into the "code"), a page-hook recorder, and block making helpers. */
#ifndef FERRY_TESTS_CHECK_CACHE_H
#define FERRY_TESTS_CHECK_CACHE_H

#include "translator/cache/cache.h"
#include "tests/unit/unit.h"

/* Fake code layout: the guest pc at 0, slot 0's jump target at 16, slot
 * 1's at 32, filler bytes derived from the pc after that. */
#define CC_CODE_BYTES 64u
#define CC_JMP0 16u
#define CC_JMP1 32u

struct cc_patch_call {
    uint8_t *slot_rw;
    uintptr_t slot_rx;
    uintptr_t target_rx;
};

#define CC_MAX_CALLS 64
extern struct cc_patch_call cc_calls[CC_MAX_CALLS];
extern unsigned cc_ncalls;

struct cc_page_event {
    gva page;
    bool has_code;
};

extern struct cc_page_event cc_events[CC_MAX_CALLS];
extern unsigned cc_nevents;
/* cc_patch refuses (out of reach) to point a jump here. */
extern uintptr_t cc_refused_target;

/* Clears the records (a checked fixture, so no test sees another's). */
void cc_reset(void);
bool cc_patch(uint8_t *slot_rw, uintptr_t slot_rx, uintptr_t target_rx);
void cc_page_hook(void *opaque, gva page, bool has_code);

/* A cache of size bytes with both callbacks; the test fails if it cannot
 * be made. */
struct code_cache *cc_new(size_t size);
/* Translates a fake block: reserves, writes the fake code, commits,
 * inserts (with both slots); NULL if the reserve asked to retranslate. */
struct tb *cc_add(struct code_cache *c, gva pc, uint32_t guest_len);
struct tb *cc_add_flags(struct code_cache *c, gva pc, uint32_t guest_len,
                        uint32_t flags);
/* Whether tb's code, read through rx, is the fake code for its pc. */
bool cc_code_ok(const struct tb *tb);
/* The 8 bytes at rx (a slot's recorded jump target). */
uint64_t cc_read_rx(uintptr_t rx);

TCase *cc_chain_tcase(void);
TCase *cc_pages_tcase(void);
TCase *cc_threads_tcase(void);
TCase *cc_views_tcase(void);

#endif
