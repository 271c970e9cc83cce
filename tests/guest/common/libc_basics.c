/* libc_basics: printf of doubles, qsort with a callback, malloc/free: the
 * first program a frontend and runtime must run correctly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;

    return (x > y) - (x < y);
}

int main(void)
{
    int n = 10, *v = malloc(n * sizeof *v);
    double sum = 0;
    char *s;

    for (int i = 0; i < n; i++)
        v[i] = (i * 7 + 3) % n - 4;
    qsort(v, n, sizeof *v, compare_ints);
    for (int i = 0; i < n; i++)
        printf("%d%c", v[i], i + 1 < n ? ' ' : '\n');
    for (int i = 1; i <= 100; i++)
        sum += 1.0 / ((double)i * i);
    printf("%.10f %g %e\n", sum, sum * 1e10, 1.0 / 3.0);
    printf("%.3f %.0f %a\n", -2.5, 0.5, 1.0);
    s = strdup("malloc works");
    printf("%s (%zu bytes)\n", s, strlen(s) + 1);
    free(s);
    free(v);
    return 0;
}
