/* tests/guest/common/guest_show.h: what the system-call guest tests share:
 * one line per call result ("what: value", or "what: -1 ENAME"), and an
 * address that is never mapped, for the EFAULT cases. Include it after
 * defining _GNU_SOURCE (strerrorname_np). */
#ifndef FERRY_TESTS_GUEST_SHOW_H
#define FERRY_TESTS_GUEST_SHOW_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

static void *volatile bad_ptr = (void *)8; /* never mapped */

static void show(const char *what, long rc)
{
    if (rc < 0)
        printf("%s: -1 %s\n", what, strerrorname_np(errno));
    else
        printf("%s: %ld\n", what, rc);
}

#endif
