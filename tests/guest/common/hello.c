/* hello: the smallest C program: stdio through write(2), exit 0. */
#include <stdio.h>

int main(void)
{
    puts("hello, world");
    return 0;
}
