/* hwprobe_max: riscv_hwprobe under -cpu max (hwprobe_max.cpu) adds Zba
 * (bit 3), Zbb (4), Zbs (5) and Zicond (35) to rv64gc's FD, C and
 * Zihintpause (bits 0, 1, 36), from Linux's asm/hwprobe.h; riscv_flush_icache
 * accepts its one flag. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

struct pair {
    int64_t key;
    uint64_t value;
};

int main(void)
{
    struct pair p[] = {{0, 9}, {3, 9}, {4, 9}, {5, 9}, {99, 9}};
    long r = syscall(258, p, 5, 0, NULL, 0);

    printf("hwprobe: %ld\n", r);
    for (int i = 0; i < 5; i++)
        printf("key %lld: 0x%llx\n", (long long)p[i].key,
               (unsigned long long)p[i].value);
    r = syscall(258, p, 1, 0, NULL, 1);
    printf("bad flags: %ld %s\n", r, errno == EINVAL ? "EINVAL" : "?");
    printf("flush_icache: %ld\n", syscall(259, (long)main, (long)main + 64, 0));
    r = syscall(259, (long)main, (long)main + 64, 2);
    printf("flush_icache bad flags: %ld %s\n", r,
           errno == EINVAL ? "EINVAL" : "?");
    return 0;
}
