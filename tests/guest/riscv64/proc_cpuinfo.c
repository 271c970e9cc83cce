/* proc_cpuinfo: /proc/cpuinfo describes the guest's riscv64 CPU in the
 * format riscv64 Linux prints (arch/riscv/kernel/cpu.c, show_cpuinfo):
 * per hart "processor", "hart", "isa", "mmu", the machine ids and
 * "hart isa", then a blank line; one block per online CPU.
 * proc_cpuinfo.ref is written from that format and the default CPU model
 * (rv64gc: RV64IMAFDC with Zicntr, Zicsr, Zifencei, Zihintpause, in
 * Linux's canonical order), with Sv39 for the guest's 2^38-byte space and
 * 0 for the ids (riscv_hwprobe's values). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
    char line[512];
    FILE *f = fopen("/proc/cpuinfo", "r");
    long blocks = 0, harts = 0, isa_lines = 0;
    int first = 1;

    if (!f) {
        printf("cannot open /proc/cpuinfo\n");
        return 1;
    }
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "processor\t: ", 12) == 0)
            blocks++;
        if (strncmp(line, "hart\t\t: ", 8) == 0)
            harts++;
        if (strncmp(line, "isa\t\t: rv64", 11) == 0)
            isa_lines++;
        if (first)
            fputs(line, stdout);
        if (line[0] == '\n')
            first = 0;
    }
    fclose(f);
    printf("one block per online CPU: %d\n",
           blocks == sysconf(_SC_NPROCESSORS_ONLN) && harts == blocks);
    printf("every isa names rv64: %d\n", isa_lines == blocks);
    return 0;
}
