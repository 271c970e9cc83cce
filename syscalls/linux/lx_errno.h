/* syscalls/linux/lx_errno.h: the guest's errno numbers. Linux uses the
 * same numbers on x86-64, riscv64 and arm64 (all three take them from
 * include/uapi/asm-generic/errno-base.h and asm-generic/errno.h), so a
 * host errno passes through unchanged; the asserts below pin that. */
#ifndef FERRY_SYSCALLS_LINUX_LX_ERRNO_H
#define FERRY_SYSCALLS_LINUX_LX_ERRNO_H

#include <errno.h>

#define LX_EPERM 1
#define LX_ENOENT 2
#define LX_ESRCH 3
#define LX_EINTR 4
#define LX_EIO 5
#define LX_ENXIO 6
#define LX_E2BIG 7
#define LX_ENOEXEC 8
#define LX_EBADF 9
#define LX_ECHILD 10
#define LX_EAGAIN 11
#define LX_ENOMEM 12
#define LX_EACCES 13
#define LX_EFAULT 14
#define LX_EBUSY 16
#define LX_EEXIST 17
#define LX_EXDEV 18
#define LX_ENODEV 19
#define LX_ENOTDIR 20
#define LX_EISDIR 21
#define LX_EINVAL 22
#define LX_ENFILE 23
#define LX_EMFILE 24
#define LX_ENOTTY 25
#define LX_EFBIG 27
#define LX_ENOSPC 28
#define LX_ESPIPE 29
#define LX_EROFS 30
#define LX_EPIPE 32
#define LX_ERANGE 34
#define LX_ENAMETOOLONG 36
#define LX_ENOSYS 38
#define LX_ENOTEMPTY 39
#define LX_ELOOP 40
#define LX_EOVERFLOW 75
#define LX_EOPNOTSUPP 95
#define LX_ENOTCONN 107

/* The host is x86-64 Linux: its errno values are the guest's. */
_Static_assert(EPERM == LX_EPERM && ENOENT == LX_ENOENT, "errno");
_Static_assert(EBADF == LX_EBADF && EAGAIN == LX_EAGAIN, "errno");
_Static_assert(EFAULT == LX_EFAULT && EINVAL == LX_EINVAL, "errno");
_Static_assert(ENOTTY == LX_ENOTTY && ERANGE == LX_ERANGE, "errno");
_Static_assert(ENAMETOOLONG == LX_ENAMETOOLONG && ENOSYS == LX_ENOSYS, "errno");
_Static_assert(ENOTEMPTY == LX_ENOTEMPTY && ELOOP == LX_ELOOP, "errno");
_Static_assert(EOVERFLOW == LX_EOVERFLOW && EOPNOTSUPP == LX_EOPNOTSUPP,
               "errno");
_Static_assert(ENOTCONN == LX_ENOTCONN, "errno");

#endif
