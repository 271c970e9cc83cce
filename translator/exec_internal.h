/* translator/exec_internal.h: what the translator's own files share: the
 * translator instance. */
#ifndef FERRY_TRANSLATOR_EXEC_INTERNAL_H
#define FERRY_TRANSLATOR_EXEC_INTERNAL_H

#include <stdatomic.h>

#include "translator/cache/cache.h"
#include "translator/translator.h"

#define EXEC_DEFAULT_MAX_INSNS 512u

struct translator {
    struct translator_config cfg;
    struct code_cache *cache;
    struct {
        atomic_uint_fast64_t blocks, guest_insns, ir_ops, code_bytes,
            translate_ns, runs;
    } stats;
};

/* Translates the block at pc into the cache and returns its TB, or NULL
 * when it cannot be placed (the host is out of memory). */
struct tb *exec_translate(struct translator *t, gva pc);

/* The IR block an interpreter-mode TB holds. */
const struct ir_block *exec_packed_block(const struct tb *tb);

#endif
