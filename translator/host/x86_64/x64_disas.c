/* translator/host/x86_64/x64_disas.c: disassembly of generated code with
 * capstone, for "-d out_asm" and for the encoder's tests.
 *
 * capstone is opened with dlopen on first use instead of being linked in:
 * its tables carry some 80000 relative relocations, and resolving them (and
 * copying the 1.3 MiB of pages they dirty) cost every run of ferry several
 * milliseconds of start-up, though only -d out_asm needs it. */
#include "translator/host/host.h"

#include <capstone/capstone.h>
#include <dlfcn.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>

struct capstone_api {
    cs_err (*open)(cs_arch arch, cs_mode mode, csh *handle);
    size_t (*disasm)(csh handle, const uint8_t *code, size_t size,
                     uint64_t address, size_t count, cs_insn **insn);
    void (*free)(cs_insn *insn, size_t count);
    cs_err (*close)(csh *handle);
};

/* The sonames to try: the one this build was compiled against first. */
static const char *const capstone_names[] = {
#ifdef CS_API_MAJOR
#define CS_SONAME_STR2(x) #x
#define CS_SONAME_STR(x) CS_SONAME_STR2(x)
    "libcapstone.so." CS_SONAME_STR(CS_API_MAJOR),
#endif
    "libcapstone.so.5", "libcapstone.so.4", "libcapstone.so",
};

static struct capstone_api capstone;
static bool capstone_ok;
static pthread_once_t capstone_once = PTHREAD_ONCE_INIT;

static void capstone_open_library(void)
{
    void *lib = NULL;

    for (size_t i = 0; !lib && i < sizeof capstone_names / sizeof *capstone_names; i++)
        lib = dlopen(capstone_names[i], RTLD_NOW | RTLD_LOCAL);
    if (!lib)
        return;
    *(void **)&capstone.open = dlsym(lib, "cs_open");
    *(void **)&capstone.disasm = dlsym(lib, "cs_disasm");
    *(void **)&capstone.free = dlsym(lib, "cs_free");
    *(void **)&capstone.close = dlsym(lib, "cs_close");
    capstone_ok = capstone.open && capstone.disasm && capstone.free && capstone.close;
}

/* Loads capstone once (threads may translate at the same time); false when
 * it cannot be found. */
static bool capstone_load(struct capstone_api *api)
{
    pthread_once(&capstone_once, capstone_open_library);
    *api = capstone;
    return capstone_ok;
}

void host_disas(const void *code, size_t size, uint64_t addr, FILE *f)
{
    struct capstone_api cs;
    csh h;
    cs_insn *insn;
    size_t n;

    if (!capstone_load(&cs) || cs.open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK) {
        fputs("  (capstone unavailable)\n", f);
        return;
    }
    n = cs.disasm(h, code, size, addr, 0, &insn);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "  0x%" PRIx64 ":  %s %s\n", insn[i].address,
                insn[i].mnemonic, insn[i].op_str);
    if (n)
        cs.free(insn, n);
    cs.close(&h);
}
