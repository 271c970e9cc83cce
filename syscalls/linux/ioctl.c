/* syscalls/linux/ioctl.c: ioctl(2) for terminals and the generic file
 * requests. Request numbers and termios bits come from asm-generic
 * (ioctls.h, termbits.h), which riscv64, arm64 and x86-64 all use; other
 * requests are ENOTTY rather than passed blind. */
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/linux/lx_abi.h"
#include "syscalls/linux/lx_sys.h"

enum {
    LX_TCGETS = 0x5401,
    LX_TCSETS = 0x5402,
    LX_TCSETSW = 0x5403,
    LX_TCSETSF = 0x5404,
    LX_TCSBRK = 0x5409,
    LX_TCXONC = 0x540A,
    LX_TCFLSH = 0x540B,
    LX_TIOCGPGRP = 0x540F,
    LX_TIOCSPGRP = 0x5410,
    LX_TIOCOUTQ = 0x5411,
    LX_TIOCGWINSZ = 0x5413,
    LX_TIOCSWINSZ = 0x5414,
    LX_FIONREAD = 0x541B,
    LX_FIONBIO = 0x5421,
    LX_TIOCGSID = 0x5429,
    LX_FIONCLEX = 0x5450,
    LX_FIOCLEX = 0x5451,
};

_Static_assert(TCGETS == LX_TCGETS && TCSETSF == LX_TCSETSF &&
                   TIOCGWINSZ == LX_TIOCGWINSZ && FIONREAD == LX_FIONREAD &&
                   FIONBIO == LX_FIONBIO && FIOCLEX == LX_FIOCLEX &&
                   TIOCGSID == LX_TIOCGSID,
               "host ioctl numbers are the generic ones");

/* The kernel's struct termios, as the host's TCGETS fills it. */
struct lx_host_termios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[LX_NCCS];
};

static long lx_tcgets(struct lx_task *t, int fd, uint64_t addr)
{
    struct lx_host_termios h;
    struct lx_termios g;

    if (syscall(SYS_ioctl, fd, LX_TCGETS, &h) != 0)
        return -errno;
    g.c_iflag = h.c_iflag;
    g.c_oflag = h.c_oflag;
    g.c_cflag = h.c_cflag;
    g.c_lflag = h.c_lflag;
    g.c_line = h.c_line;
    memcpy(g.c_cc, h.c_cc, sizeof g.c_cc);
    return lx_copy_out(t, addr, &g, sizeof g) < 0 ? -LX_EFAULT : 0;
}

static long lx_tcsets(struct lx_task *t, int fd, int req, uint64_t addr)
{
    struct lx_host_termios h;
    struct lx_termios g;

    if (lx_copy_in(t, &g, addr, sizeof g) < 0)
        return -LX_EFAULT;
    h.c_iflag = g.c_iflag;
    h.c_oflag = g.c_oflag;
    h.c_cflag = g.c_cflag;
    h.c_lflag = g.c_lflag;
    h.c_line = g.c_line;
    memcpy(h.c_cc, g.c_cc, sizeof h.c_cc);
    return lx_ret(syscall(SYS_ioctl, fd, req, &h));
}

static long lx_winsize(struct lx_task *t, int fd, int req, uint64_t addr)
{
    struct lx_winsize g;
    struct winsize h;

    if (req == LX_TIOCGWINSZ) {
        if (syscall(SYS_ioctl, fd, req, &h) != 0)
            return -errno;
        g = (struct lx_winsize){h.ws_row, h.ws_col, h.ws_xpixel, h.ws_ypixel};
        return lx_copy_out(t, addr, &g, sizeof g) < 0 ? -LX_EFAULT : 0;
    }
    if (lx_copy_in(t, &g, addr, sizeof g) < 0)
        return -LX_EFAULT;
    h = (struct winsize){g.ws_row, g.ws_col, g.ws_xpixel, g.ws_ypixel};
    return lx_ret(syscall(SYS_ioctl, fd, req, &h));
}

/* Requests whose argument is a pointer to one int (in or out): the same
 * 4 bytes on every architecture. */
static long lx_ioctl_int(struct lx_task *t, int fd, int req, uint64_t addr)
{
    int32_t *p =
        lx_guest_ptr(t, addr, sizeof(int32_t), LX_PROT_READ | LX_PROT_WRITE);
    int32_t v;

    if (!p)
        return -LX_EFAULT;
    memcpy(&v, p, sizeof v);
    if (syscall(SYS_ioctl, fd, req, &v) != 0)
        return -errno;
    memcpy(p, &v, sizeof v);
    return 0;
}

/* ioctl(2): a dispatch over the supported requests. */
long lx_sys_ioctl(struct lx_task *t, const uint64_t a[6])
{
    int fd = lx_fd(a[0]), req = (int)(uint32_t)a[1];

    switch (req) {
    case LX_TCGETS:
        return lx_tcgets(t, fd, a[2]);
    case LX_TCSETS:
    case LX_TCSETSW:
    case LX_TCSETSF:
        return lx_tcsets(t, fd, req, a[2]);
    case LX_TIOCGWINSZ:
    case LX_TIOCSWINSZ:
        return lx_winsize(t, fd, req, a[2]);
    case LX_TIOCGPGRP:
    case LX_TIOCSPGRP:
    case LX_FIONREAD:
    case LX_FIONBIO:
    case LX_TIOCOUTQ:
    case LX_TIOCGSID:
        return lx_ioctl_int(t, fd, req, a[2]);
    case LX_FIOCLEX:
    case LX_FIONCLEX:
    case LX_TCSBRK:
    case LX_TCXONC:
    case LX_TCFLSH: /* integer argument */
        return lx_ret(syscall(SYS_ioctl, fd, req, (unsigned long)a[2]));
    default:
        return -LX_ENOTTY;
    }
}
