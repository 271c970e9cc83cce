/* sys_proc: /proc/self describes the guest program, not the emulator:
 * exe names this program, maps lists its own mappings.
 * Architecture-neutral: sys_proc.ref is this program's output built
 * natively with gcc on x86-64 Linux (as tests/bin/.../sys_proc.*). */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    char exe[4096] = {0}, line[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    const char *base = strrchr(exe, '/');
    struct stat by_proc, by_path;
    int stack = 0, self = 0, other = 0;
    FILE *maps;

    printf("readlink exe: %d absolute %d\n", n > 0, exe[0] == '/');
    printf("names this program: %d\n",
           base && strncmp(base + 1, "sys_proc", 8) == 0);
    printf("stat agrees: %d\n", stat("/proc/self/exe", &by_proc) == 0 &&
                                    stat(exe, &by_path) == 0 &&
                                    by_proc.st_ino == by_path.st_ino);
    maps = fopen("/proc/self/maps", "r");
    printf("open maps: %d\n", maps != NULL);
    while (maps && fgets(line, sizeof line, maps)) {
        stack += strstr(line, "[stack]") != NULL;
        self += strstr(line, exe) != NULL;
        other += strstr(line, "ferry") != NULL && strstr(line, exe) == NULL;
    }
    printf("maps has [stack]: %d\n", stack == 1);
    printf("maps has this program: %d\n", self > 0);
    printf("maps has no emulator: %d\n", other == 0);
    return 0;
}
