/* syscalls/linux/lx_abi.h: the guest's Linux ABI structures, as the
 * riscv64 and arm64 kernels lay them out (asm-generic, 64-bit). They are
 * separate types filled field by field, so host padding never leaks. */
#ifndef FERRY_SYSCALLS_LINUX_LX_ABI_H
#define FERRY_SYSCALLS_LINUX_LX_ABI_H

#include <stdint.h>

#define LX_OFF(type, field) __builtin_offsetof(struct type, field)

struct lx_timespec {
    int64_t tv_sec;
    int64_t tv_nsec;
};
_Static_assert(sizeof(struct lx_timespec) == 16, "lx_timespec");

struct lx_timeval {
    int64_t tv_sec;
    int64_t tv_usec;
};
_Static_assert(sizeof(struct lx_timeval) == 16, "lx_timeval");

/* asm-generic/stat.h struct stat: 128 bytes (x86-64's differs). */
struct lx_stat {
    uint64_t st_dev;
    uint64_t st_ino;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint64_t pad1;
    int64_t st_size;
    int32_t st_blksize;
    int32_t pad2;
    int64_t st_blocks;
    int64_t st_atime_sec;
    uint64_t st_atime_nsec;
    int64_t st_mtime_sec;
    uint64_t st_mtime_nsec;
    int64_t st_ctime_sec;
    uint64_t st_ctime_nsec;
    uint32_t unused4;
    uint32_t unused5;
};
_Static_assert(sizeof(struct lx_stat) == 128, "lx_stat size");
_Static_assert(LX_OFF(lx_stat, st_mode) == 16, "st_mode");
_Static_assert(LX_OFF(lx_stat, st_uid) == 24, "st_uid");
_Static_assert(LX_OFF(lx_stat, st_rdev) == 32, "st_rdev");
_Static_assert(LX_OFF(lx_stat, st_size) == 48, "st_size");
_Static_assert(LX_OFF(lx_stat, st_blksize) == 56, "st_blksize");
_Static_assert(LX_OFF(lx_stat, st_blocks) == 64, "st_blocks");
_Static_assert(LX_OFF(lx_stat, st_atime_sec) == 72, "st_atime");
_Static_assert(LX_OFF(lx_stat, st_mtime_sec) == 88, "st_mtime");
_Static_assert(LX_OFF(lx_stat, st_ctime_nsec) == 112, "st_ctime_nsec");

/* asm-generic/statfs.h struct statfs, 64-bit words: 120 bytes. */
struct lx_statfs {
    int64_t f_type;
    int64_t f_bsize;
    uint64_t f_blocks;
    uint64_t f_bfree;
    uint64_t f_bavail;
    uint64_t f_files;
    uint64_t f_ffree;
    int32_t f_fsid[2];
    int64_t f_namelen;
    int64_t f_frsize;
    int64_t f_flags;
    int64_t f_spare[4];
};
_Static_assert(sizeof(struct lx_statfs) == 120, "lx_statfs size");
_Static_assert(LX_OFF(lx_statfs, f_fsid) == 56, "f_fsid");
_Static_assert(LX_OFF(lx_statfs, f_namelen) == 64, "f_namelen");
_Static_assert(LX_OFF(lx_statfs, f_flags) == 80, "f_flags");

/* asm-generic/fcntl.h struct flock, 64-bit. */
struct lx_flock {
    int16_t l_type;
    int16_t l_whence;
    int32_t pad0;
    int64_t l_start;
    int64_t l_len;
    int32_t l_pid;
    int32_t pad1;
};
_Static_assert(sizeof(struct lx_flock) == 32, "lx_flock size");
_Static_assert(LX_OFF(lx_flock, l_start) == 8, "l_start");
_Static_assert(LX_OFF(lx_flock, l_len) == 16, "l_len");
_Static_assert(LX_OFF(lx_flock, l_pid) == 24, "l_pid");

/* struct iovec: two 64-bit words. */
struct lx_iovec {
    uint64_t iov_base;
    uint64_t iov_len;
};
_Static_assert(sizeof(struct lx_iovec) == 16, "lx_iovec size");

/* struct epoll_event without x86-64's packing: the data is aligned. */
struct lx_epoll_event {
    uint32_t events;
    uint32_t pad;
    uint64_t data;
};
_Static_assert(sizeof(struct lx_epoll_event) == 16, "lx_epoll_event size");

/* struct msghdr: its pointers are guest addresses. */
struct lx_msghdr {
    uint64_t msg_name;
    uint32_t msg_namelen;
    uint32_t pad0;
    uint64_t msg_iov;
    uint64_t msg_iovlen;
    uint64_t msg_control;
    uint64_t msg_controllen;
    int32_t msg_flags;
    int32_t pad1;
};
_Static_assert(sizeof(struct lx_msghdr) == 56, "lx_msghdr size");
_Static_assert(LX_OFF(lx_msghdr, msg_iov) == 16, "msg_iov");
_Static_assert(LX_OFF(lx_msghdr, msg_flags) == 48, "msg_flags");

/* asm-generic/termbits.h struct termios (the kernel's, not libc's):
 * four 32-bit flag words, c_line, NCCS = 19 control characters. */
#define LX_NCCS 19
struct lx_termios {
    uint32_t c_iflag;
    uint32_t c_oflag;
    uint32_t c_cflag;
    uint32_t c_lflag;
    uint8_t c_line;
    uint8_t c_cc[LX_NCCS];
};
_Static_assert(sizeof(struct lx_termios) == 36, "lx_termios size");
_Static_assert(LX_OFF(lx_termios, c_cc) == 17, "c_cc");

struct lx_winsize {
    uint16_t ws_row;
    uint16_t ws_col;
    uint16_t ws_xpixel;
    uint16_t ws_ypixel;
};
_Static_assert(sizeof(struct lx_winsize) == 8, "lx_winsize size");

/* struct new_utsname: six 65-byte strings. */
#define LX_UTS_LEN 65
struct lx_utsname {
    char sysname[LX_UTS_LEN];
    char nodename[LX_UTS_LEN];
    char release[LX_UTS_LEN];
    char version[LX_UTS_LEN];
    char machine[LX_UTS_LEN];
    char domainname[LX_UTS_LEN];
};
_Static_assert(sizeof(struct lx_utsname) == 390, "lx_utsname size");

struct lx_rlimit {
    uint64_t rlim_cur;
    uint64_t rlim_max;
};
_Static_assert(sizeof(struct lx_rlimit) == 16, "lx_rlimit size");

/* struct rusage: two timevals and fourteen longs. */
struct lx_rusage {
    struct lx_timeval ru_utime;
    struct lx_timeval ru_stime;
    int64_t ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt;
    int64_t ru_nswap, ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv;
    int64_t ru_nsignals, ru_nvcsw, ru_nivcsw;
};
_Static_assert(sizeof(struct lx_rusage) == 144, "lx_rusage size");
_Static_assert(LX_OFF(lx_rusage, ru_maxrss) == 32, "ru_maxrss");

/* struct sysinfo (linux/sysinfo.h), 64-bit: 112 bytes. */
struct lx_sysinfo {
    int64_t uptime;
    uint64_t loads[3];
    uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    uint16_t procs;
    uint16_t pad;
    uint32_t pad2;
    uint64_t totalhigh, freehigh;
    uint32_t mem_unit;
    uint32_t pad3;
};
_Static_assert(sizeof(struct lx_sysinfo) == 112, "lx_sysinfo size");
_Static_assert(LX_OFF(lx_sysinfo, procs) == 80, "procs");
_Static_assert(LX_OFF(lx_sysinfo, totalhigh) == 88, "totalhigh");
_Static_assert(LX_OFF(lx_sysinfo, mem_unit) == 104, "mem_unit");

/* struct tms: four clock_t (long). */
struct lx_tms {
    int64_t tms_utime, tms_stime, tms_cutime, tms_cstime;
};
_Static_assert(sizeof(struct lx_tms) == 32, "lx_tms size");

#endif
