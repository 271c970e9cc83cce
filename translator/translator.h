/* translator/translator.h: what the translator shares with frontends and
 * the runtime: the CPU-state header every guest state starts with, and how
 * a run of translated code ends. */
#ifndef FERRY_TRANSLATOR_H
#define FERRY_TRANSLATOR_H

#include <stdint.h>

#include "translator/ir.h"

/* The first member of every frontend's CPU state. Translated code and the
 * interpreter reach these fields at fixed offsets. */
struct cpu_common {
    gva pc;                          /* guest pc to run next */
    uintptr_t guest_base;            /* host address of guest address 0 */
    volatile uint32_t exit_request;  /* nonzero: leave translated code at
                                        the next block boundary */
    uint32_t pad;
};

#define CPU_COMMON_PC_OFFSET 0u
#define CPU_COMMON_GUEST_BASE_OFFSET 8u
#define CPU_COMMON_EXIT_REQUEST_OFFSET 16u

_Static_assert(__builtin_offsetof(struct cpu_common, pc) ==
                   CPU_COMMON_PC_OFFSET, "pc offset");
_Static_assert(__builtin_offsetof(struct cpu_common, guest_base) ==
                   CPU_COMMON_GUEST_BASE_OFFSET, "guest_base offset");
_Static_assert(__builtin_offsetof(struct cpu_common, exit_request) ==
                   CPU_COMMON_EXIT_REQUEST_OFFSET, "exit_request offset");

/* How running one block (or a chain of blocks) ended. In every case the
 * state's pc has been set: the next pc for a goto, the exiting
 * instruction's pc for an exit. */
enum run_end {
    RUN_GOTO,     /* IR_GOTO_PC (slot says which) or IR_GOTO_PTR */
    RUN_EXIT,     /* IR_EXIT: reason says why */
};

struct run_result {
    enum run_end end;
    int slot;                    /* IR_GOTO_PC's chain slot; -1 otherwise */
    enum ir_exit_reason reason;  /* for RUN_EXIT */
};

#endif
