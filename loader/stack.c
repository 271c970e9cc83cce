/* loader/stack.c: the initial stack exactly as Linux's execve leaves it
 * (fs/exec.c copies the strings, binfmt_elf's create_elf_tables() adds
 * the rest). From the top down: 8 zero bytes, the execfn string, the envp
 * strings, the argv strings, alignment to 16, the platform string, 16
 * random bytes (AT_RANDOM), padding so sp is 16-aligned, then auxv, envp
 * (NULL-terminated), argv (NULL-terminated) and argc at sp. */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "loader/loader_internal.h"

/* Writes downwards from sp, never below lo. */
struct stack_writer {
    struct mm *mm;
    gva sp, lo;
};

static int stack_push(struct stack_writer *w, const void *data, size_t len,
                      gva *at)
{
    if (w->sp - w->lo < len)
        return -E2BIG;
    w->sp -= len;
    memcpy(mm_g2h(w->mm, w->sp), data, len);
    if (at)
        *at = w->sp;
    return 0;
}

static size_t stack_count(char *const *v)
{
    size_t n = 0;

    while (v && v[n])
        n++;
    return n;
}

/* Pushes the strings of v (the last first, so v[0] ends lowest) and
 * records their addresses in addr. */
static int stack_push_strings(struct stack_writer *w, char *const *v, size_t n,
                              gva *addr)
{
    for (size_t i = n; i-- > 0;) {
        size_t len = strlen(v[i]) + 1;

        /* Linux's MAX_ARG_STRLEN: 32 pages per string */
        if (len > 32 * MM_PAGE_SIZE || stack_push(w, v[i], len, &addr[i]) < 0)
            return -E2BIG;
    }
    return 0;
}

/* splitmix64: a fixed sequence of good bits from one seed. */
static uint64_t stack_mix(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static int stack_random(const struct loader_options *o, uint8_t out[16])
{
    size_t got = 0;

    if (o->seeded) {
        uint64_t state = o->seed, v[2] = {stack_mix(&state), stack_mix(&state)};

        memcpy(out, v, 16);
        return 0;
    }
    while (got < 16) {
        ssize_t n = getrandom(out + got, 16 - got, 0);

        if (n < 0 && errno != EINTR)
            return -errno;
        if (n > 0)
            got += (size_t)n;
    }
    return 0;
}

static void stack_aux(struct loaded_program *p, uint64_t type, uint64_t val)
{
    p->auxv[2 * p->auxv_pairs] = type;
    p->auxv[2 * p->auxv_pairs + 1] = val;
    p->auxv_pairs++;
}

/* create_elf_tables()' order; AT_MINSIGSTKSZ comes first as arm64's
 * ARCH_DLINFO puts it. */
static void stack_fill_auxv(const struct loader_options *o,
                            struct loaded_program *p, gva platform)
{
    const struct frontend_linux_abi *abi = o->abi;

    p->auxv_pairs = 0;
    stack_aux(p, AT_MINSIGSTKSZ, o->minsigstksz ? o->minsigstksz : 2048);
    stack_aux(p, AT_HWCAP, abi && abi->hwcap ? abi->hwcap(o->features) : 0);
    stack_aux(p, AT_PAGESZ, MM_PAGE_SIZE);
    stack_aux(p, AT_CLKTCK, 100);
    stack_aux(p, AT_PHDR, p->phdr);
    stack_aux(p, AT_PHENT, sizeof(Elf64_Phdr));
    stack_aux(p, AT_PHNUM, p->phnum);
    stack_aux(p, AT_BASE, p->interp_base);
    stack_aux(p, AT_FLAGS, 0);
    stack_aux(p, AT_ENTRY, p->program_entry);
    stack_aux(p, AT_UID, getuid());
    stack_aux(p, AT_EUID, geteuid());
    stack_aux(p, AT_GID, getgid());
    stack_aux(p, AT_EGID, getegid());
    stack_aux(p, AT_SECURE, 0);
    stack_aux(p, AT_RANDOM, p->random);
    if (abi && abi->hwcap2)
        stack_aux(p, AT_HWCAP2, abi->hwcap2(o->features));
    stack_aux(p, AT_EXECFN, p->execfn);
    if (platform)
        stack_aux(p, AT_PLATFORM, platform);
    stack_aux(p, AT_NULL, 0);
}

/* The strings part: execfn, envp, argv. Since Linux 5.18 an empty argv
 * becomes one empty string. */
static int stack_strings(struct stack_writer *w, const struct loader_options *o,
                         struct loaded_program *p, gva *argv, size_t argc,
                         gva *envp, size_t envc)
{
    static char *const empty_argv[] = {"", NULL};
    const char *path = o->path ? o->path : "";
    char *const *av = o->argv && o->argv[0] ? o->argv : empty_argv;
    gva top = w->sp;

    if (stack_push(w, path, strlen(path) + 1, &p->execfn) < 0 ||
        stack_push_strings(w, o->envp, envc, envp) < 0)
        return -E2BIG;
    p->env_start = envc ? envp[0] : p->execfn;
    p->env_end = p->execfn;
    if (stack_push_strings(w, av, argc, argv) < 0)
        return -E2BIG;
    p->arg_start = argv[0];
    p->arg_end = p->env_start;
    /* Linux allows the strings a quarter of the stack */
    return top - w->sp > (p->stack_end - p->stack_start) / 4 ? -E2BIG : 0;
}

/* argc, argv[], NULL, envp[], NULL, auxv, written upwards from sp. */
static void stack_tables(struct mm *mm, const struct loaded_program *p, gva sp,
                         const gva *argv, size_t argc, const gva *envp,
                         size_t envc)
{
    uint64_t *s = mm_g2h(mm, sp);

    *s++ = argc;
    for (size_t i = 0; i < argc; i++)
        *s++ = argv[i];
    *s++ = 0;
    for (size_t i = 0; i < envc; i++)
        *s++ = envp[i];
    *s++ = 0;
    memcpy(s, p->auxv, p->auxv_pairs * 2 * sizeof p->auxv[0]);
}

static int stack_build(struct stack_writer *w, const struct loader_options *o,
                       struct loaded_program *p, gva *argv, size_t argc,
                       gva *envp, size_t envc)
{
    const char *plat = o->abi ? o->abi->platform : NULL;
    gva platform = 0;
    uint8_t rnd[16];
    uint64_t words;
    int rc;

    if ((rc = stack_strings(w, o, p, argv, argc, envp, envc)) < 0)
        return rc;
    w->sp &= ~(gva)15;
    if ((plat && stack_push(w, plat, strlen(plat) + 1, &platform) < 0) ||
        (rc = stack_random(o, rnd)) < 0 ||
        stack_push(w, rnd, sizeof rnd, &p->random) < 0)
        return rc < 0 ? rc : -E2BIG;
    stack_fill_auxv(o, p, platform);
    words = 2 * p->auxv_pairs + (argc + 1) + (envc + 1) + 1;
    if ((w->sp - w->lo) / 8 < words + 2)
        return -E2BIG;
    p->sp = (w->sp - words * 8) & ~(gva)15;
    stack_tables(w->mm, p, p->sp, argv, argc, envp, envc);
    return 0;
}

int loader_build_stack(struct mm *mm, const struct loader_options *o,
                       struct loaded_program *p, char *err, size_t errlen)
{
    size_t argc = stack_count(o->argv), envc = stack_count(o->envp);
    struct stack_writer w = {mm, p->stack_end - 8, p->stack_start};
    gva *addr;
    int rc;

    if (argc == 0)
        argc = 1;
    if (!(addr = calloc(argc + envc, sizeof *addr)))
        return loader_fail(err, errlen, -ENOMEM, "out of memory");
    rc = stack_build(&w, o, p, addr, argc, addr + argc, envc);
    free(addr);
    if (rc == -E2BIG)
        return loader_fail(err, errlen, rc,
                           "the arguments and environment do not fit on "
                           "the stack");
    if (rc < 0)
        return loader_fail(err, errlen, rc, "cannot build the stack: %s",
                           strerror(-rc));
    return 0;
}
