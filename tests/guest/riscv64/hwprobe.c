/* hwprobe: riscv_hwprobe reports exactly the default model's extensions
 * (rv64gc: IMA base, FD and C, Zihintpause), and riscv_flush_icache
 * accepts its one flag. Expected values from Linux's asm/hwprobe.h:
 * IMA_FD bit 0, IMA_C bit 1, ZIHINTPAUSE bit 36; MISALIGNED_FAST 3. */
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
