/* syscalls/linux/arch.c: the bridge to a frontend's own syscalls
 * (riscv_hwprobe...): guest memory and code flushes offered through
 * struct frontend_syscall_ctx, so frontends need know nothing of tasks. */
#include "syscalls/linux/linux.h"

#include "syscalls/linux/lx_sys.h"

static int arch_copy_in(void *opaque, void *dst, gva src, size_t len)
{
    return lx_copy_in(opaque, dst, src, len);
}

static int arch_copy_out(void *opaque, gva dst, const void *src, size_t len)
{
    return lx_copy_out(opaque, dst, src, len);
}

static void arch_flush_code(void *opaque, gva start, gva end)
{
    struct lx_task *t = opaque;

    translator_invalidate(t->tr, start, end);
}

long lx_arch_syscall(struct lx_task *t, uint64_t nr, const uint64_t a[6])
{
    struct frontend_syscall_ctx ctx = {
        .features = t->features,
        .copy_in = arch_copy_in,
        .copy_out = arch_copy_out,
        .flush_code = arch_flush_code,
        .opaque = t,
    };

    return t->abi->arch_syscall(nr, a, &ctx);
}
