/* translator/exec_stats.c: the translator's counters and `-d stats`. */
#include "translator/exec_internal.h"

void translator_get_stats(struct translator *t, struct translator_stats *s)
{
    struct cache_stats cs;

    cache_get_stats(t->cache, &cs);
    s->blocks = atomic_load(&t->stats.blocks);
    s->guest_insns = atomic_load(&t->stats.guest_insns);
    s->decoded_insns = atomic_load(&t->stats.decoded_insns);
    s->ir_ops = atomic_load(&t->stats.ir_ops);
    s->code_bytes = atomic_load(&t->stats.code_bytes);
    s->translate_ns = atomic_load(&t->stats.translate_ns);
    s->runs = atomic_load(&t->stats.runs);
    s->cold_runs = atomic_load(&t->stats.cold_runs);
    s->links = cs.links;
    s->flushes = cs.flushes;
}

void translator_print_stats(struct translator *t, FILE *f)
{
    struct translator_stats s;
    double secs;

    translator_get_stats(t, &s);
    secs = (double)s.translate_ns / 1e9;
    fprintf(f, "ferry stats (%s):\n", t->cfg.jit ? "jit" : "interpreter");
    fprintf(f, "  blocks translated   %llu\n", (unsigned long long)s.blocks);
    fprintf(f, "  guest instructions  %llu\n",
            (unsigned long long)s.guest_insns);
    fprintf(f, "  IR ops (optimized)  %llu\n", (unsigned long long)s.ir_ops);
    fprintf(f, "  code bytes          %llu\n",
            (unsigned long long)s.code_bytes);
    fprintf(f, "  instructions decoded %llu (first runs included)\n",
            (unsigned long long)s.decoded_insns);
    fprintf(f, "  translation time    %.3f ms (%.0f decoded insns/s)\n",
            secs * 1e3, secs > 0 ? (double)s.decoded_insns / secs : 0.0);
    fprintf(f, "  runs from the loop  %llu\n", (unsigned long long)s.runs);
    fprintf(f, "  first runs interpreted %llu\n",
            (unsigned long long)s.cold_runs);
    fprintf(f, "  chain links         %llu\n", (unsigned long long)s.links);
    fprintf(f, "  cache flushes       %llu\n", (unsigned long long)s.flushes);
}
