/* log: ferry's diagnostic log (`-d ITEMS`, `-D FILE`): which items are on,
 * and where they go. Every folder may log; none prints diagnostics to
 * stderr directly. */
#ifndef FERRY_LOG_H
#define FERRY_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum log_item {
    LOG_IN_ASM = 1 << 0,  /* guest instructions of each translated block */
    LOG_OP = 1 << 1,      /* IR as the frontend produced it */
    LOG_OP_OPT = 1 << 2,  /* IR after the optimizer */
    LOG_OUT_ASM = 1 << 3, /* host code of each block */
    LOG_EXEC = 1 << 4,    /* every block run: its guest pc */
    LOG_STATS = 1 << 5,   /* translation statistics at exit */
    LOG_UNIMP = 1 << 6,   /* unimplemented syscalls and instructions, once */
    LOG_PAGE = 1 << 7,    /* guest mappings */
    LOG_INT = 1 << 8,     /* signals and traps */
    LOG_GUEST_ERRORS = 1 << 9, /* things a guest did wrong */
    LOG_PERFMAP = 1 << 10, /* /tmp/perf-PID.map naming translated blocks */
};

/* The items that are on (a bit set of enum log_item). */
extern unsigned log_mask;

static inline bool log_enabled(unsigned items)
{
    return (log_mask & items) != 0;
}

/* Parses "in_asm,op,..." into a bit set. Returns true, or false with one
 * line in err naming the unknown item ("help" is not an item: callers
 * print log_print_items() for it). */
bool log_parse_items(const char *spec, unsigned *mask, char *err,
                     size_t errlen);

/* One line per item with what it shows (`-d help`). */
void log_print_items(FILE *f);

/* Where the log goes: stderr unless log_open() named a file. */
FILE *log_file(void);
/* Opens path for the log (truncating it, close-on-exec). Returns 0 or a
 * negative errno. */
int log_open(const char *path);

/* -d perfmap: names the host code [code, code + size) after the guest
 * block at guest_pc in /tmp/perf-PID.map (log_perfmap.c). */
void log_perfmap_block(uintptr_t code, size_t size, uint64_t guest_pc);

/* printf to the log as one unit, even with several guest threads. */
void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
