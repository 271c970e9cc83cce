/* hello.c - hello world: measures start-up time and peak memory (built both
 * static and dynamic). */
#include <stdio.h>

int main(void)
{
    puts("hello, world");
    return 0;
}
