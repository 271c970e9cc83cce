/* frontends/riscv64/rv_cpuinfo.c: /proc/cpuinfo as riscv64 Linux prints
 * it (arch/riscv/kernel/cpu.c, show_cpuinfo): per hart its number, the
 * ISA string, the MMU mode and the machine ids, then a blank line. */
#include <stdio.h>

#include "frontends/riscv64/rv_internal.h"

/* Multi-letter extensions in the canonical order Linux prints them:
 * the Zi* group (alphabetical), then the Zb* group. */
static const struct {
    uint64_t feature;
    const char *name;
} rv_isa_ext[] = {
    {RV_F_ZICNTR, "zicntr"},
    {RV_F_ZICOND, "zicond"},
    {RV_F_ZICSR, "zicsr"},
    {RV_F_ZIFENCEI, "zifencei"},
    {RV_F_ZIHINTPAUSE, "zihintpause"},
    {RV_F_ZBA, "zba"},
    {RV_F_ZBB, "zbb"},
    {RV_F_ZBS, "zbs"},
};

/* "rv64imafdc_zicntr_...": single letters in canonical order, then the
 * multi-letter ones, each after an underscore. */
static void rv_isa_string(uint64_t features, char *buf, size_t len)
{
    size_t n = (size_t)snprintf(buf, len, "rv64");

    for (size_t i = 0; i < RV_NLETTERS && n + 1 < len; i++)
        if (features & rv_letters[i].feature)
            buf[n++] = rv_letters[i].letter, buf[n] = '\0';
    for (size_t i = 0; i < sizeof rv_isa_ext / sizeof *rv_isa_ext; i++)
        if ((features & rv_isa_ext[i].feature) && n < len)
            n += (size_t)snprintf(buf + n, len - n, "_%s", rv_isa_ext[i].name);
}

size_t rv_cpuinfo(uint64_t features, unsigned ncpus, char *buf, size_t len)
{
    char isa[256];
    size_t n = 0;

    rv_isa_string(features, isa, sizeof isa);
    for (unsigned cpu = 0; cpu < ncpus; cpu++) {
        /* Sv39: the guest's 2^38-byte user half (mm/mm.h MM_VA_BITS);
         * the ids are 0 as riscv_hwprobe reports them. */
        int k = snprintf(buf + (n < len ? n : len), n < len ? len - n : 0,
                         "processor\t: %u\nhart\t\t: %u\nisa\t\t: %s\n"
                         "mmu\t\t: sv39\nmvendorid\t: 0x0\nmarchid\t\t: 0x0\n"
                         "mimpid\t\t: 0x0\nhart isa\t: %s\n\n",
                         cpu, cpu, isa, isa);

        n += k > 0 ? (size_t)k : 0;
    }
    return n;
}
