/* syscalls/linux/net.c: sockets. Address families, socket types and
 * flags, SOL_ and SO_ numbers (asm-generic/socket.h), struct sockaddr,
 * option values and cmsg headers are laid out the same for 64-bit
 * riscv64, arm64 and x86-64, so their bytes pass through; only struct
 * msghdr, which holds guest pointers, is converted. */
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "syscalls/linux/lx_abi.h"
#include "syscalls/linux/lx_sys.h"

#define LX_SOCKADDR_MAX 128 /* sizeof(struct sockaddr_storage) */
#define LX_SOCKOPT_MAX 4096

_Static_assert(SOL_SOCKET == 1 && SO_RCVTIMEO == 20 && SO_PEERCRED == 17 &&
                   SOCK_NONBLOCK == 04000 && SOCK_CLOEXEC == 02000000,
               "host socket numbers are the generic ones");

long lx_sys_socket(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(socket((int)a[0], (int)a[1], (int)a[2]));
}

long lx_sys_socketpair(struct lx_task *t, const uint64_t a[6])
{
    void *dst = lx_guest_ptr(t, a[3], 2 * sizeof(int32_t), LX_PROT_WRITE);
    int32_t sv[2];

    if (!dst)
        return -LX_EFAULT;
    if (socketpair((int)a[0], (int)a[1], (int)a[2], sv) != 0)
        return -errno;
    memcpy(dst, sv, sizeof sv);
    return 0;
}

/* An input address: addrlen bytes (at most a sockaddr_storage) copied. */
static long lx_get_sockaddr(struct lx_task *t, uint64_t addr, uint64_t len,
                            void *buf)
{
    if ((int)len < 0 || len > LX_SOCKADDR_MAX)
        return -LX_EINVAL;
    return lx_copy_in(t, buf, addr, (size_t)len);
}

long lx_sys_bind(struct lx_task *t, const uint64_t a[6])
{
    char sa[LX_SOCKADDR_MAX];
    long rc = lx_get_sockaddr(t, a[1], a[2], sa);

    if (rc < 0)
        return rc;
    return lx_ret(bind(lx_fd(a[0]), (void *)sa, (socklen_t)a[2]));
}

long lx_sys_connect(struct lx_task *t, const uint64_t a[6])
{
    char sa[LX_SOCKADDR_MAX];
    long rc = lx_get_sockaddr(t, a[1], a[2], sa);

    if (rc < 0)
        return rc;
    return lx_ret(connect(lx_fd(a[0]), (void *)sa, (socklen_t)a[2]));
}

long lx_sys_listen(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(listen(lx_fd(a[0]), (int)a[1]));
}

long lx_sys_shutdown(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(shutdown(lx_fd(a[0]), (int)a[1]));
}

/* The output-address calls (accept, getsockname, recvfrom...): *lenp is
 * the buffer size on entry and the full address size on return; only what
 * fits is copied. A NULL address skips all of it. */
struct lx_out_addr {
    uint64_t addr, lenp;
    char buf[LX_SOCKADDR_MAX];
    socklen_t len;
};

static long lx_out_addr_begin(struct lx_task *t, struct lx_out_addr *o,
                              uint64_t addr, uint64_t lenp)
{
    int32_t len;

    o->addr = addr;
    o->lenp = lenp;
    o->len = sizeof o->buf;
    if (!addr)
        return 0;
    if (lx_copy_in(t, &len, lenp, sizeof len) < 0)
        return -LX_EFAULT;
    if (len < 0)
        return -LX_EINVAL;
    if (!lx_guest_ptr(t, addr,
                      len < LX_SOCKADDR_MAX ? (size_t)len : LX_SOCKADDR_MAX,
                      LX_PROT_WRITE) ||
        !lx_guest_ptr(t, lenp, sizeof len, LX_PROT_WRITE))
        return -LX_EFAULT;
    return 0;
}

static void lx_out_addr_end(struct lx_task *t, const struct lx_out_addr *o)
{
    int32_t size, len = (int32_t)o->len;

    if (!o->addr)
        return;
    lx_copy_in(t, &size, o->lenp, sizeof size);
    lx_copy_out(t, o->addr, o->buf, (size_t)(len < size ? len : size));
    lx_copy_out(t, o->lenp, &len, sizeof len);
}

static long lx_accept(struct lx_task *t, const uint64_t a[6], int flags)
{
    struct lx_out_addr o;
    long rc = lx_out_addr_begin(t, &o, a[1], a[2]);

    if (rc < 0)
        return rc;
    rc = lx_ret(accept4(lx_fd(a[0]), o.addr ? (void *)o.buf : NULL,
                        o.addr ? &o.len : NULL, flags));
    if (rc >= 0)
        lx_out_addr_end(t, &o);
    return rc;
}

long lx_sys_accept(struct lx_task *t, const uint64_t a[6])
{
    return lx_accept(t, a, 0);
}

long lx_sys_accept4(struct lx_task *t, const uint64_t a[6])
{
    return lx_accept(t, a, (int)a[3]);
}

static long lx_sockname(struct lx_task *t, const uint64_t a[6], bool peer)
{
    struct lx_out_addr o;
    long rc = lx_out_addr_begin(t, &o, a[1], a[2]);

    if (rc < 0)
        return rc;
    if (!o.addr)
        return -LX_EFAULT;
    rc = lx_ret(peer ? getpeername(lx_fd(a[0]), (void *)o.buf, &o.len)
                     : getsockname(lx_fd(a[0]), (void *)o.buf, &o.len));
    if (rc >= 0)
        lx_out_addr_end(t, &o);
    return rc;
}

long lx_sys_getsockname(struct lx_task *t, const uint64_t a[6])
{
    return lx_sockname(t, a, false);
}

long lx_sys_getpeername(struct lx_task *t, const uint64_t a[6])
{
    return lx_sockname(t, a, true);
}

long lx_sys_sendto(struct lx_task *t, const uint64_t a[6])
{
    const void *buf = lx_guest_ptr(t, a[1], a[2], LX_PROT_READ);
    char sa[LX_SOCKADDR_MAX];
    long rc;

    if (!buf)
        return -LX_EFAULT;
    if (a[4] && (rc = lx_get_sockaddr(t, a[4], a[5], sa)) < 0)
        return rc;
    return lx_ret(sendto(lx_fd(a[0]), buf, a[2], (int)a[3],
                         a[4] ? (void *)sa : NULL, a[4] ? (socklen_t)a[5] : 0));
}

long lx_sys_recvfrom(struct lx_task *t, const uint64_t a[6])
{
    void *buf = lx_guest_ptr(t, a[1], a[2], LX_PROT_WRITE);
    struct lx_out_addr o;
    long rc;

    if (!buf)
        return -LX_EFAULT;
    if ((rc = lx_out_addr_begin(t, &o, a[4], a[5])) < 0)
        return rc;
    rc =
        lx_ret(recvfrom(lx_fd(a[0]), buf, a[2], (int)a[3],
                        o.addr ? (void *)o.buf : NULL, o.addr ? &o.len : NULL));
    if (rc >= 0)
        lx_out_addr_end(t, &o);
    return rc;
}

long lx_sys_setsockopt(struct lx_task *t, const uint64_t a[6])
{
    char val[LX_SOCKOPT_MAX];
    uint32_t len = (uint32_t)a[4];

    if (len > sizeof val)
        return -LX_EINVAL;
    if (lx_copy_in(t, val, a[3], len) < 0)
        return -LX_EFAULT;
    return lx_ret(
        setsockopt(lx_fd(a[0]), (int)a[1], (int)a[2], a[3] ? val : NULL, len));
}

long lx_sys_getsockopt(struct lx_task *t, const uint64_t a[6])
{
    char val[LX_SOCKOPT_MAX];
    int32_t size;
    socklen_t len;
    long rc;

    if (lx_copy_in(t, &size, a[4], sizeof size) < 0)
        return -LX_EFAULT;
    if (size < 0)
        return -LX_EINVAL;
    len = (socklen_t)size < sizeof val ? (socklen_t)size : sizeof val;
    rc = lx_ret(getsockopt(lx_fd(a[0]), (int)a[1], (int)a[2], val, &len));
    if (rc < 0)
        return rc;
    if (lx_copy_out(t, a[3], val, len) < 0 ||
        lx_copy_out(t, a[4], &len, sizeof len) < 0)
        return -LX_EFAULT;
    return rc;
}

/* A guest msghdr made usable by the host: the iovecs converted, the
 * control buffer used in place (struct cmsghdr is the same on every
 * 64-bit Linux), the name copied. */
struct lx_msg {
    struct lx_msghdr g;
    struct msghdr h;
    struct iovec iov[LX_IOV_MAX];
    char name[LX_SOCKADDR_MAX];
};

static long lx_get_msg(struct lx_task *t, uint64_t addr, bool recv,
                       struct lx_msg *m)
{
    int prot = recv ? LX_PROT_WRITE : LX_PROT_READ;
    long n;

    if (lx_copy_in(t, &m->g, addr, sizeof m->g) < 0)
        return -LX_EFAULT;
    memset(&m->h, 0, sizeof m->h);
    if (m->g.msg_name) {
        if (!recv && m->g.msg_namelen > LX_SOCKADDR_MAX)
            return -LX_EINVAL;
        if (!recv &&
            lx_copy_in(t, m->name, m->g.msg_name, m->g.msg_namelen) < 0)
            return -LX_EFAULT;
        m->h.msg_name = m->name;
        m->h.msg_namelen = recv ? sizeof m->name : m->g.msg_namelen;
    }
    if ((n = lx_get_iovec(t, m->g.msg_iov, m->g.msg_iovlen, prot, m->iov)) < 0)
        return n;
    m->h.msg_iov = m->iov;
    m->h.msg_iovlen = (size_t)n;
    if (m->g.msg_controllen) {
        m->h.msg_control =
            lx_guest_ptr(t, m->g.msg_control, m->g.msg_controllen, prot);
        if (!m->h.msg_control)
            return -LX_EFAULT;
        m->h.msg_controllen = m->g.msg_controllen;
    }
    return 0;
}

long lx_sys_sendmsg(struct lx_task *t, const uint64_t a[6])
{
    struct lx_msg m;
    long rc = lx_get_msg(t, a[1], false, &m);

    if (rc < 0)
        return rc;
    return lx_ret(sendmsg(lx_fd(a[0]), &m.h, (int)a[2]));
}

/* recvmsg(2): the name is copied as far as it fits, msg_namelen gets its
 * full length; msg_controllen and msg_flags come back too. */
long lx_sys_recvmsg(struct lx_task *t, const uint64_t a[6])
{
    struct lx_msg m;
    long rc = lx_get_msg(t, a[1], true, &m);
    uint32_t fits;

    if (rc < 0)
        return rc;
    rc = lx_ret(recvmsg(lx_fd(a[0]), &m.h, (int)a[2]));
    if (rc < 0)
        return rc;
    if (m.g.msg_name) {
        fits = m.h.msg_namelen < m.g.msg_namelen ? m.h.msg_namelen
                                                 : m.g.msg_namelen;
        if (lx_copy_out(t, m.g.msg_name, m.name, fits) < 0)
            return -LX_EFAULT;
        m.g.msg_namelen = m.h.msg_namelen;
    }
    m.g.msg_controllen = m.h.msg_controllen;
    m.g.msg_flags = m.h.msg_flags;
    return lx_copy_out(t, a[1], &m.g, sizeof m.g) < 0 ? -LX_EFAULT : rc;
}
