/* translator/host/x86_64/x64_run.c: entering and leaving generated code.
 * The entry trampoline saves the callee-saved registers, sets up the frame
 * every block runs in, pins env in r14, loads the pinned guest register
 * (host_set_pinned) and jumps to the block; blocks leave through the
 * epilogue, which stores that register back, with an exit code in eax.
 * Also chain patching. */
#include "translator/host/x86_64/x64_lower.h"

#include <errno.h>
#include <string.h>

uintptr_t x64_epilogue_rx;
host_lookup_fn *x64_lookup;
uint64_t x64_guest_limit, x64_guest_limit_m8, x64_guest_guard;
bool x64_zero_guest_base;
struct host_jump_cache x64_jc;
static uintptr_t x64_entry_rx;

static const uint8_t saved_regs[] = {X64_RBX, X64_RBP, X64_R12,
                                     X64_R13, X64_R14, X64_R15};
#define NSAVED (sizeof saved_regs)

static void emit_push(struct x64_asm *a, unsigned r, bool pop)
{
    if (r >= 8)
        x64_byte(a, 0x41);
    x64_byte(a, (pop ? 0x58 : 0x50) + (r & 7));
}

/* entry(env = rdi, code = rsi): push, frame (rbp), the return stack's
 * floor and its sentinel entry (guest pc 1, which no riscv64 return target
 * equals since they are even; its host address leaves for that pc, for
 * guests whose targets may be odd), env to r14, guest_base to r15, the
 * guest limit - 8 to r13, jmp code. */
#define X64_SENTINEL_PC 1
static void emit_entry(struct x64_asm *a, uintptr_t sentinel_rx)
{
    struct x64_mem gb = x64_mem_bd(X64_RDI, CPU_COMMON_GUEST_BASE_OFFSET);
    struct x64_mem lim = x64_mem_bd(X64_RAX, 0);
    struct x64_mem floor = x64_mem_bd(X64_RSP, -X64_RET_STACK_BYTES);
    struct x64_mem min = x64_mem_bd(X64_FRAME_REG, X64_FRAME_STACK_MIN);
    struct x64_mem pin;

    for (size_t i = 0; i < NSAVED; i++)
        emit_push(a, saved_regs[i], false);
    x64_ext_r(a, XO_GRP1_i32, 64, X64_SUB, X64_RSP);
    x64_u32(a, X64_FRAME_SIZE);
    x64_mov_rr(a, 64, X64_FRAME_REG, X64_RSP);
    x64_rm(a, XO_LEA, 64, X64_RAX, &floor);
    x64_store(a, 64, &min, X64_RAX);
    x64_byte(a, 0x6a); /* push imm8: the sentinel's guest pc */
    x64_byte(a, X64_SENTINEL_PC);
    x64_mov_ri(a, 64, X64_RAX, sentinel_rx);
    emit_push(a, X64_RAX, false);
    x64_mov_rr(a, 64, X64_ENV, X64_RDI);
    x64_load(a, 64, X64_GBASE, &gb);
    x64_mov_ri(a, 64, X64_RAX, (uintptr_t)&x64_guest_limit_m8);
    x64_load(a, 64, X64_LIMIT, &lim);
    /* the pinned register (with none, offset 0 loads the pc: unused) */
    x64_mov_ri(a, 64, X64_RAX, (uintptr_t)&x64_pin_off);
    x64_load(a, 32, X64_RAX, &lim);
    pin = x64_mem_bid(X64_ENV, X64_RAX, 0);
    x64_load(a, 64, X64_PIN, &pin);
    x64_ext_r(a, XO_GRP5, 32, 4, X64_RSI);
}

/* Reached by a host ret that popped the sentinel, so the return's target
 * was its guest pc: leave for it as a goto_ptr miss does. */
static void emit_sentinel(struct x64_asm *a, uintptr_t epilogue_rx)
{
    struct x64_mem pc = x64_mem_bd(X64_ENV, CPU_COMMON_PC_OFFSET);

    x64_ext_m(a, XO_MOV_mi, 64, 0, &pc);
    x64_u32(a, X64_SENTINEL_PC);
    x64_mov_ri(a, 32, X64_RAX, X64_EXIT_PTR);
    x64_jmp_abs(a, epilogue_rx);
}

/* The pinned register back into the state (rax and rdx hold the exit
 * code and site), then rsp back to the frame: returns pushed below it. */
static void emit_epilogue(struct x64_asm *a)
{
    struct x64_mem off = x64_mem_bd(X64_RCX, 0);
    struct x64_mem pin = x64_mem_bid(X64_ENV, X64_RCX, 0);
    size_t none;

    x64_mov_ri(a, 64, X64_RCX, (uintptr_t)&x64_pin_off);
    x64_load(a, 32, X64_RCX, &off);
    x64_rr(a, XO_TEST_mr, 32, X64_RCX, X64_RCX);
    none = x64_jcc8(a, X64_CC_E);
    x64_store(a, 64, &pin, X64_PIN);
    x64_patch8(a, none, x64_pos(a));
    x64_mov_rr(a, 64, X64_RSP, X64_FRAME_REG);
    x64_ext_r(a, XO_GRP1_i32, 64, X64_ADD, X64_RSP);
    x64_u32(a, X64_FRAME_SIZE);
    for (size_t i = NSAVED; i-- > 0;)
        emit_push(a, saved_regs[i], true);
    x64_byte(a, 0xc3);
}

static void emit_align(struct x64_asm *a)
{
    while (x64_pos(a) % 16)
        x64_byte(a, 0xcc);
}

/* Epilogue, sentinel stub, then entry (which needs the stub's address). */
int host_init(struct exec_mem *m, size_t *used)
{
    struct x64_asm a;
    uintptr_t rx = (uintptr_t)m->rx;
    size_t sentinel, entry;

    x64_asm_init(&a, m->rw, rx, m->size);
    emit_epilogue(&a);
    emit_align(&a);
    sentinel = x64_pos(&a);
    emit_sentinel(&a, rx);
    emit_align(&a);
    entry = x64_pos(&a);
    emit_entry(&a, rx + sentinel);
    emit_align(&a);
    if (a.overflow)
        return -ENOSPC;
    x64_entry_rx = rx + entry;
    x64_epilogue_rx = rx;
    *used = x64_pos(&a);
    return 0;
}

void host_set_guest_limit(uint64_t limit, uint64_t guard)
{
    x64_guest_limit = limit;
    x64_guest_guard = guard;
    x64_guest_limit_m8 = limit - 8;
}

void host_set_zero_guest_base(bool on)
{
    x64_zero_guest_base = on;
}

void host_set_jump_cache(const struct host_jump_cache *jc)
{
    x64_jc = jc ? *jc : (struct host_jump_cache){0};
}

void host_set_lookup(host_lookup_fn *fn)
{
    x64_lookup = fn;
}

/* What the epilogue leaves in rax:rdx (System V returns a two-word struct
 * there): the exit code, and for chain-slot exits the slot's jump. */
struct x64_exit {
    uint64_t code;
    uint64_t site;
};

void host_run(const void *rx, void *env, struct run_result *out)
{
    struct x64_exit (*entry)(void *, const void *);
    struct x64_exit ex;
    uint32_t code;

    memcpy(&entry, &x64_entry_rx, sizeof entry);
    ex = entry(env, rx);
    code = (uint32_t)ex.code;
    out->slot = -1;
    out->reason = IR_EXIT_SYSCALL;
    out->exit_site = 0;
    if (code < X64_EXIT_PTR) {
        out->end = RUN_GOTO;
        out->slot = (int)code;
        out->exit_site = (uintptr_t)ex.site;
    } else if (code == X64_EXIT_PTR) {
        out->end = RUN_GOTO;
    } else {
        out->end = RUN_EXIT;
        out->reason = (enum ir_exit_reason)(code - X64_EXIT_REASON);
    }
}

/* The slot is "jmp rel32" followed by its exit stub: rel32 0 falls into
 * the stub. */
bool host_patch_chain(uint8_t *slot_rw, uintptr_t slot_rx,
                      uintptr_t target_rx)
{
    int64_t rel = target_rx ? (int64_t)(target_rx - (slot_rx + 5)) : 0;

    if (!x64_fits_i32(rel))
        return false;
    __atomic_store_n((uint32_t *)(void *)(slot_rw + 1), (uint32_t)rel,
                     __ATOMIC_RELEASE);
    return true;
}
