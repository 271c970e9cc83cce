/* translator/interp/interp_mem.c: guest memory ops of the reference
 * interpreter: loads and stores at guest_base + address + offset, atomics
 * with the compiler's __atomic builtins, and fences. */
#include <string.h>

#include "translator/interp/interp_internal.h"

/* The guest address op accesses: its address temp plus, for loads and
 * stores, the offset (both wrap like the guest); 0 when a byte of the
 * access lies at or above the run's limit (struct interp_checks). */
static gva guest_addr(const struct ir_op *op, const struct interp_frame *f)
{
    gva size = (gva)1 << (op->aux & IR_MO_SIZE);
    gva a = f->val[op->args[1]];

    if (op->opc == IR_LOAD || op->opc == IR_STORE)
        a += (gva)op->imm;
    return f->limit && a > f->limit - size ? 0 : a;
}

static void *host_addr(const struct interp_frame *f, gva a)
{
    const struct cpu_common *cpu = f->env;

    return (void *)(cpu->guest_base + (uintptr_t)a);
}

/* The C11 ordering a memop asks for; ACQ|REL is sequentially consistent. */
static int mo_order(unsigned memop)
{
    switch (memop & (IR_MO_ACQ | IR_MO_REL)) {
    case IR_MO_ACQ | IR_MO_REL: return __ATOMIC_SEQ_CST;
    case IR_MO_ACQ: return __ATOMIC_ACQUIRE;
    case IR_MO_REL: return __ATOMIC_RELEASE;
    default: return __ATOMIC_RELAXED;
    }
}

/* A failed compare-exchange only loads: it may not have release order. */
static int fail_order(int order)
{
    if (order == __ATOMIC_RELEASE)
        return __ATOMIC_RELAXED;
    return order == __ATOMIC_ACQ_REL ? __ATOMIC_ACQUIRE : order;
}

/* The loaded value as the result type wants it: sign-extended from the
 * access size if the memop says so, cut to the type's width. */
static uint64_t load_result(const struct ir_op *op, uint64_t x)
{
    unsigned bits = 8u << (op->aux & IR_MO_SIZE);

    if ((op->aux & IR_MO_SIGN) && bits < 64)
        x = interp_sext(x, bits);
    return x & interp_mask((enum ir_type)op->type);
}

/* Little-endian host: the low size bytes of x are the access's bytes.
 * IR_MO_ALIGN is not checked here: frontends test the address before
 * the access (IR_EXIT_MISALIGNED), as the JIT does not check it either. */
static void load(const struct ir_op *op, struct interp_frame *f, gva a)
{
    unsigned size = 1u << (op->aux & IR_MO_SIZE);
    void *p = host_addr(f, a);

    if (size == 16)
        memcpy(f->vec[op->args[0]], p, 16);
    else
        f->val[op->args[0]] = load_result(op, interp_read(p, size));
    if (op->aux & IR_MO_ACQ)
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
}

static void store(const struct ir_op *op, struct interp_frame *f, gva a)
{
    unsigned size = 1u << (op->aux & IR_MO_SIZE);
    void *p = host_addr(f, a);

    if (op->aux & IR_MO_REL)
        __atomic_thread_fence(__ATOMIC_RELEASE);
    if (size == 16)
        memcpy(p, f->vec[op->args[2]], 16);
    else
        interp_write(p, f->val[op->args[2]], size);
    if ((op->aux & (IR_MO_ACQ | IR_MO_REL)) == (IR_MO_ACQ | IR_MO_REL))
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/* Compare-and-swap of size bytes at p; on failure *expected gets the
 * value found. Sizes other than 1, 2, 4 are done as 8 bytes. */
static bool cas(void *p, unsigned size, uint64_t *expected, uint64_t desired,
                int order)
{
    int fo = fail_order(order);
    bool ok;

#define FERRY_CAS(T)                                                      \
    do {                                                                  \
        T e = (T)*expected;                                               \
        ok = __atomic_compare_exchange_n((T *)p, &e, (T)desired, false,   \
                                         order, fo);                      \
        *expected = e;                                                    \
    } while (0)
    switch (size) {
    case 1: FERRY_CAS(uint8_t); break;
    case 2: FERRY_CAS(uint16_t); break;
    case 4: FERRY_CAS(uint32_t); break;
    default: FERRY_CAS(uint64_t); break;
    }
#undef FERRY_CAS
    return ok;
}

static uint64_t atomic_load(void *p, unsigned size)
{
    switch (size) {
    case 1: return __atomic_load_n((uint8_t *)p, __ATOMIC_RELAXED);
    case 2: return __atomic_load_n((uint16_t *)p, __ATOMIC_RELAXED);
    case 4: return __atomic_load_n((uint32_t *)p, __ATOMIC_RELAXED);
    default: return __atomic_load_n((uint64_t *)p, __ATOMIC_RELAXED);
    }
}

/* The value an IR_ATOMIC_RMW stores, computed at the access's width. */
static uint64_t rmw_apply(unsigned rmw, uint64_t old, uint64_t v,
                          unsigned bits)
{
    int64_t so = (int64_t)interp_sext(old, bits);
    int64_t sv = (int64_t)interp_sext(v, bits);
    uint64_t m = bits == 64 ? ~(uint64_t)0 : ((uint64_t)1 << bits) - 1;

    switch (rmw) {
    case IR_RMW_XCHG: return v;
    case IR_RMW_ADD: return old + v;
    case IR_RMW_AND: return old & v;
    case IR_RMW_OR: return old | v;
    case IR_RMW_XOR: return old ^ v;
    case IR_RMW_SMIN: return sv < so ? v : old;
    case IR_RMW_SMAX: return sv > so ? v : old;
    case IR_RMW_UMIN: return (v & m) < (old & m) ? v : old;
    default: return (v & m) > (old & m) ? v : old; /* IR_RMW_UMAX */
    }
}

/* Every read-modify-write is one compare-and-swap loop: one code path
 * for all nine operations and four sizes. */
static void atomic_rmw(const struct ir_op *op, struct interp_frame *f,
                       gva a)
{
    unsigned size = 1u << (op->aux & IR_MO_SIZE);
    void *p = host_addr(f, a);
    uint64_t v = f->val[op->args[2]], old = atomic_load(p, size);

    while (!cas(p, size, &old, rmw_apply(op->cond, old, v, size * 8),
                mo_order(op->aux)))
        ;
    f->val[op->args[0]] = load_result(op, old);
}

/* Compares the access's size bytes of memory with the low bytes of b. */
static void cmpxchg(const struct ir_op *op, struct interp_frame *f, gva a)
{
    unsigned size = 1u << (op->aux & IR_MO_SIZE);
    void *p = host_addr(f, a);
    uint64_t old = f->val[op->args[2]];

    cas(p, size, &old, f->val[op->args[3]], mo_order(op->aux));
    f->val[op->args[0]] = load_result(op, old);
}

/* A fence with no ordering bits is taken as a full barrier. */
static void fence(unsigned memop)
{
    switch (memop & (IR_MO_ACQ | IR_MO_REL)) {
    case IR_MO_ACQ: __atomic_thread_fence(__ATOMIC_ACQUIRE); break;
    case IR_MO_REL: __atomic_thread_fence(__ATOMIC_RELEASE); break;
    default: __atomic_thread_fence(__ATOMIC_SEQ_CST); break;
    }
}

/* Whether a write of op's size at a meets the watched code. */
static void watch_write(const struct ir_op *op, struct interp_frame *f,
                        gva a)
{
    unsigned size = 1u << (op->aux & IR_MO_SIZE);

    if (a < f->watch_hi && a + size > f->watch_lo)
        f->code_written = true;
}

void interp_mem_op(const struct ir_op *op, struct interp_frame *f)
{
    gva a;

    if (op->opc == IR_FENCE) {
        fence(op->aux);
        return;
    }
    a = guest_addr(op, f);
    if (op->opc != IR_LOAD && f->watch_hi)
        watch_write(op, f, a);
    switch (op->opc) {
    case IR_LOAD: load(op, f, a); break;
    case IR_STORE: store(op, f, a); break;
    case IR_CMPXCHG: cmpxchg(op, f, a); break;
    default: atomic_rmw(op, f, a); break; /* IR_ATOMIC_RMW */
    }
}
