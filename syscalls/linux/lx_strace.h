/* syscalls/linux/lx_strace.h: what the -strace files share: a line being
 * built, flag tables, and the decoders of the format letters
 * (strace.c: the line; strace_flags.c: flags and structs;
 * strace_signal.c: signals, their delivery and the process's end). */
#ifndef FERRY_SYSCALLS_LINUX_LX_STRACE_H
#define FERRY_SYSCALLS_LINUX_LX_STRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "syscalls/linux/lx_signal.h"
#include "syscalls/linux/lx_sys.h"

/* A line being built: text stops (silently) at size - 1 bytes. */
struct lx_sb {
    char *buf;
    size_t size;
    size_t len;
};

/* Appends printf output to b. */
void lx_sb_add(struct lx_sb *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* One named bit (or multi-bit value) of a flags argument. */
struct lx_flag {
    uint64_t bits;
    const char *name;
};

/* v as strace prints flags: the names of the bits it has, in table
 * order, joined by '|', then the rest in hex ("MAP_PRIVATE|0x400000");
 * zero when v is 0 (NULL: "0"); when no bit has a name, the hex value
 * and a comment saying so with unknown_tag ("0x10 / * PROT_??? * /"
 * without the spaces). */
void lx_sb_flags(struct lx_sb *b, const struct lx_flag *f, size_t n, uint64_t v,
                 const char *zero, const char *unknown_tag);

/* A pointer: NULL or 0x... */
void lx_sb_ptr(struct lx_sb *b, uint64_t v);

/* The n bytes at s as a C string literal, strace's way ("..." after it
 * when more is set); hex escapes every byte ("\x48...") when hex. */
void lx_sb_quote(struct lx_sb *b, const unsigned char *s, size_t n, bool more,
                 bool hex);

/* Decodes argument i of a (every argument) as letter says, for the
 * letters of strace_flags.c: 'f' 'O' 'P' 'M' 'A' 'K' 'W' 'G' 'R' 'C'
 * 'T' 'r' 'q' 't' 'V' 'v' 'e'. false: not one of these letters. */
bool lx_strace_flags_arg(struct lx_sb *b, struct lx_task *t, char letter,
                         const uint64_t a[6], int i);

/* Decodes the signal letters 'S' (a number), 'k' (a sigset_t pointer),
 * 'h' (sigprocmask's how), 'a' (a struct sigaction pointer) and 'i' (a
 * siginfo_t pointer). false: not one of these letters. */
bool lx_strace_signal_arg(struct lx_sb *b, struct lx_task *t, char letter,
                          uint64_t v);

/* A signal set as strace writes it: "[USR1 RT_4]", or "~[KILL]" when
 * more than half of the signals are in it. */
void lx_strace_sigset(struct lx_sb *b, uint64_t set);

/* The calls strace_calls.c decodes whole (clone, wait4, futex, fcntl,
 * ioctl): writes their arguments and returns true, else false. */
bool lx_strace_call(struct lx_sb *b, struct lx_task *t, const char *name,
                    const uint64_t a[6], long ret);

/* A result strace explains (fcntl F_GETFD/F_GETFL): writes it and
 * returns true, else false. */
bool lx_strace_call_result(struct lx_sb *b, struct lx_task *t, const char *name,
                           const uint64_t a[6], long ret);

/* Whether this process is a child ferry forked for the guest
 * (strace.c). */
bool lx_strace_forked(void);

/* strace -f's "[pid   N] " before a line while the process has more
 * than one thread, and on every line of a forked child. */
void lx_strace_prefix(struct lx_sb *b, const struct lx_task *t);

#endif
