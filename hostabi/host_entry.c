/* hostabi/host_entry.c: the static-pie ferry's entry point, before libc's
 * _start: it maps in ferry's own image and the top of its stack in a few
 * calls. Touched page by page instead, libc's self-relocation, its start
 * and ferry's first steps fault on every one (about 60 faults, each 10 to
 * 25 us in a virtual machine, where populating costs 0.15-5 us a page).
 * Of the text, only the packed start-up code (hot_text.ld) and the last
 * page (.fini) are mapped in.
 * Nothing is relocated yet and there is no TLS: this code uses no
 * pointer stored in data, no errno and no stack protector, and makes its
 * system calls itself. Makefile.am links it in (-e host_entry) only for
 * a static-pie ferry: a dynamic one is relocated by ld.so before this. */
#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>

/* Below the stack pointer at entry, within what Linux maps for the stack
 * from the start (128 KiB below the arguments, fs/exec.c). */
#define ENTRY_STACK_POPULATE ((uintptr_t)32 << 10)
#define ENTRY_PAGE ((uintptr_t)4096)

extern const ElfW(Ehdr) __ehdr_start __attribute__((visibility("hidden")));
/* The end of the code a start-up runs, packed at the start of the text by
 * hostabi/hot_text.ld: the rest of the text is left to fault in (each
 * page mapped in costs time twice, at populate and at exit, and a hello
 * world runs about a quarter of them). */
extern const char __ferry_hot_text_end[] __attribute__((visibility("hidden")));

static void entry_madvise(uintptr_t lo, uintptr_t hi, long advice)
{
    long r;

    lo &= ~(ENTRY_PAGE - 1);
    hi = (hi + ENTRY_PAGE - 1) & ~(ENTRY_PAGE - 1);
    if (hi <= lo)
        return;
    /* A kernel before 5.14 says EINVAL: the pages then fault as before. */
    __asm__ volatile("syscall"
                     : "=a"(r)
                     : "0"((long)SYS_madvise), "D"(lo), "S"(hi - lo),
                       "d"(advice)
                     : "rcx", "r11", "memory");
    (void)r;
}

/* Called from host_entry below, with the stack pointer at entry. */
void host_entry_populate(uintptr_t sp);

__attribute__((used, no_stack_protector)) void host_entry_populate(uintptr_t sp)
{
    const ElfW(Ehdr) *eh = &__ehdr_start;
    const ElfW(Phdr) *ph =
        (const ElfW(Phdr) *)(const void *)((const char *)eh + eh->e_phoff);
    uintptr_t base = (uintptr_t)eh, hot_end = (uintptr_t)__ferry_hot_text_end;

    for (unsigned i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_LOAD && ph[i].p_offset == 0)
            base -= ph[i].p_vaddr; /* the image's first byte is at vaddr */
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        uintptr_t lo = base + ph[i].p_vaddr, hi = lo + ph[i].p_memsz;

        if (ph[i].p_type != PT_LOAD)
            continue;
        if ((ph[i].p_flags & PF_X) && hot_end > lo && hot_end < hi) {
            /* and the text's last page: .fini, which every exit runs */
            entry_madvise(hi - 1, hi, MADV_POPULATE_READ);
            hi = hot_end;
        }
        entry_madvise(lo, hi, ph[i].p_flags & PF_W ? MADV_POPULATE_WRITE
                                                   : MADV_POPULATE_READ);
    }
    entry_madvise(sp - ENTRY_STACK_POPULATE, sp, MADV_POPULATE_WRITE);
}

/* Linux's entry state (rsp at argc, rdx the exit function to register)
 * goes to libc's _start unchanged. */
__asm__(".text\n"
        ".globl host_entry\n"
        ".type host_entry, @function\n"
        "host_entry:\n"
        "    mov %rsp, %r12\n"
        "    mov %rdx, %r13\n"
        "    mov %rsp, %rdi\n"
        "    and $-16, %rsp\n"
        "    call host_entry_populate\n"
        "    mov %r12, %rsp\n"
        "    mov %r13, %rdx\n"
        "    jmp _start\n"
        ".size host_entry, . - host_entry\n");
