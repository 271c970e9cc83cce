/* frontends/riscv64/rv_linux.c: the syscalls only riscv64 Linux has:
 * riscv_hwprobe (258) and riscv_flush_icache (259). */
#include <errno.h>

#include "frontends/riscv64/rv_internal.h"

enum {
    RV_NR_HWPROBE = 258,
    RV_NR_FLUSH_ICACHE = 259,
    RV_FLUSH_ICACHE_LOCAL = 1, /* SYS_RISCV_FLUSH_ICACHE_LOCAL */
};

/* Keys and bits of Linux's asm/hwprobe.h. */
enum {
    RV_HWPROBE_KEY_MVENDORID = 0,
    RV_HWPROBE_KEY_MARCHID = 1,
    RV_HWPROBE_KEY_MIMPID = 2,
    RV_HWPROBE_KEY_BASE_BEHAVIOR = 3,
    RV_HWPROBE_KEY_IMA_EXT_0 = 4,
    RV_HWPROBE_KEY_CPUPERF_0 = 5,
};

#define RV_HWPROBE_BASE_IMA 1ull
#define RV_HWPROBE_MISALIGNED_FAST 3ull /* the host does them in hardware */

static const struct {
    uint64_t feature, bit;
} rv_hwprobe_ext0[] = {
    {RV_F_F | RV_F_D, 1ull << 0}, /* RISCV_HWPROBE_IMA_FD */
    {RV_F_C, 1ull << 1},          /* RISCV_HWPROBE_IMA_C */
    {RV_F_ZBA, 1ull << 3},
    {RV_F_ZBB, 1ull << 4},
    {RV_F_ZBS, 1ull << 5},
    {RV_F_ZICOND, 1ull << 35},
    {RV_F_ZIHINTPAUSE, 1ull << 36},
};

/* The value of one key for the model's features; false if unknown. */
static bool rv_hwprobe_value(uint64_t features, int64_t key, uint64_t *value)
{
    const uint64_t ima = RV_F_I | RV_F_M | RV_F_A;

    *value = 0;
    switch (key) {
    case RV_HWPROBE_KEY_MVENDORID:
    case RV_HWPROBE_KEY_MARCHID:
    case RV_HWPROBE_KEY_MIMPID:
        return true;
    case RV_HWPROBE_KEY_BASE_BEHAVIOR:
        *value = (features & ima) == ima ? RV_HWPROBE_BASE_IMA : 0;
        return true;
    case RV_HWPROBE_KEY_IMA_EXT_0:
        for (size_t i = 0; i < sizeof rv_hwprobe_ext0 / sizeof *rv_hwprobe_ext0;
             i++)
            if ((features & rv_hwprobe_ext0[i].feature) ==
                rv_hwprobe_ext0[i].feature)
                *value |= rv_hwprobe_ext0[i].bit;
        return true;
    case RV_HWPROBE_KEY_CPUPERF_0:
        *value = RV_HWPROBE_MISALIGNED_FAST;
        return true;
    default:
        return false;
    }
}

/* riscv_hwprobe(pairs, pair_count, cpusetsize, cpus, flags): fills each
 * {key, value} pair; an unknown key becomes -1 with value 0. Every CPU
 * is alike here, so the cpu set does not matter. */
static long rv_sys_hwprobe(const uint64_t a[6],
                           const struct frontend_syscall_ctx *ctx)
{
    if (a[4] != 0)
        return -EINVAL;
    for (uint64_t i = 0; i < a[1]; i++) {
        gva pair = a[0] + 16 * i;
        int64_t key;
        uint64_t value;
        int err = ctx->copy_in(ctx->opaque, &key, pair, sizeof key);

        if (err)
            return err;
        if (!rv_hwprobe_value(ctx->features, key, &value))
            key = -1;
        if ((err = ctx->copy_out(ctx->opaque, pair, &key, sizeof key)) ||
            (err = ctx->copy_out(ctx->opaque, pair + 8, &value,
                                 sizeof value)))
            return err;
    }
    return 0;
}

/* riscv_flush_icache(start, end, flags): like fence.i for a range. */
static long rv_sys_flush_icache(const uint64_t a[6],
                                const struct frontend_syscall_ctx *ctx)
{
    if (a[2] & ~(uint64_t)RV_FLUSH_ICACHE_LOCAL)
        return -EINVAL;
    if (a[1] > a[0])
        ctx->flush_code(ctx->opaque, a[0], a[1]);
    return 0;
}

long rv_arch_syscall(uint64_t nr, const uint64_t a[6],
                     const struct frontend_syscall_ctx *ctx)
{
    switch (nr) {
    case RV_NR_HWPROBE:
        return rv_sys_hwprobe(a, ctx);
    case RV_NR_FLUSH_ICACHE:
        return rv_sys_flush_icache(a, ctx);
    default:
        return -ENOSYS;
    }
}
