/* translator/host/x86_64/x64_disas.c: disassembly of generated code with
 * capstone, for "-d out_asm" and for the encoder's tests. */
#include "translator/host/host.h"

#include <capstone/capstone.h>
#include <inttypes.h>

void host_disas(const void *code, size_t size, uint64_t addr, FILE *f)
{
    csh h;
    cs_insn *insn;
    size_t n;

    if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK) {
        fputs("  (capstone unavailable)\n", f);
        return;
    }
    n = cs_disasm(h, code, size, addr, 0, &insn);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "  0x%" PRIx64 ":  %s %s\n", insn[i].address,
                insn[i].mnemonic, insn[i].op_str);
    if (n)
        cs_free(insn, n);
    cs_close(&h);
}
