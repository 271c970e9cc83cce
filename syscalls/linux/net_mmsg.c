/* syscalls/linux/net_mmsg.c: sendmmsg and recvmmsg. The guest's struct
 * mmsghdr is a struct msghdr (guest pointers: converted as in net.c)
 * and the 32-bit length the call writes; control messages (SCM_RIGHTS,
 * SCM_CREDENTIALS, SO_TIMESTAMP's timeval...) have the same layout on
 * every 64-bit Linux, so their buffers are used in place. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>

#include "syscalls/linux/lx_abi.h"
#include "syscalls/linux/lx_sys.h"

#define LX_SOCKADDR_MAX 128 /* sizeof(struct sockaddr_storage) */
#define LX_MMSG_MAX 1024    /* UIO_MAXIOV: the kernel's cap on vlen */

struct lx_mmsghdr {
    struct lx_msghdr msg_hdr;
    uint32_t msg_len;
    uint32_t pad;
};
_Static_assert(sizeof(struct lx_mmsghdr) == 64, "mmsghdr is 64 bytes");
_Static_assert(sizeof(struct mmsghdr) == 64, "the host's too");

/* One message's guest header and what the host needs of it. */
struct lx_mmsg {
    struct lx_mmsghdr g;
    char name[LX_SOCKADDR_MAX];
};

/* Converts entry i of the guest vector into h (its iovecs allocated).
 * 0 or -LX_Exxx. */
static long lx_mmsg_get(struct lx_task *t, gva vec, bool recv,
                        struct lx_mmsg *m, struct mmsghdr *h)
{
    int prot = recv ? LX_PROT_WRITE : LX_PROT_READ;
    struct lx_msghdr *g = &m->g.msg_hdr;
    struct iovec *iov;
    long n;

    if (lx_copy_in(t, &m->g, vec, sizeof m->g) < 0)
        return -LX_EFAULT;
    memset(h, 0, sizeof *h);
    if (g->msg_name) {
        if (!recv && g->msg_namelen > LX_SOCKADDR_MAX)
            return -LX_EINVAL;
        if (!recv && lx_copy_in(t, m->name, g->msg_name, g->msg_namelen) < 0)
            return -LX_EFAULT;
        h->msg_hdr.msg_name = m->name;
        h->msg_hdr.msg_namelen = recv ? sizeof m->name : g->msg_namelen;
    }
    if (g->msg_iovlen > LX_IOV_MAX)
        return -EMSGSIZE; /* the same number for every Linux */
    if (!(iov = malloc((g->msg_iovlen ? g->msg_iovlen : 1) * sizeof *iov)))
        return -LX_ENOMEM;
    h->msg_hdr.msg_iov = iov;
    if ((n = lx_get_iovec(t, g->msg_iov, g->msg_iovlen, prot, iov)) < 0)
        return n;
    h->msg_hdr.msg_iovlen = (size_t)n;
    if (g->msg_controllen) {
        h->msg_hdr.msg_control =
            lx_guest_ptr(t, g->msg_control, g->msg_controllen, prot);
        if (!h->msg_hdr.msg_control)
            return -LX_EFAULT;
        h->msg_hdr.msg_controllen = g->msg_controllen;
    }
    return 0;
}

struct lx_mmsg_vec {
    struct lx_mmsg *m;
    struct mmsghdr *h;
    unsigned n; /* entries converted */
};

static void lx_mmsg_free(struct lx_mmsg_vec *v)
{
    for (unsigned i = 0; i < v->n; i++)
        free(v->h[i].msg_hdr.msg_iov);
    free(v->m);
    free(v->h);
}

/* The guest vector as far as it converts: a bad entry after the first
 * ends it there (the kernel would return the count done before it); a
 * bad first one is the call's error. */
static long lx_mmsg_get_all(struct lx_task *t, gva vec, uint64_t vlen,
                            bool recv, struct lx_mmsg_vec *v)
{
    long rc = 0;

    if (vlen > LX_MMSG_MAX)
        vlen = LX_MMSG_MAX;
    v->n = 0;
    v->m = calloc(vlen ? vlen : 1, sizeof *v->m);
    v->h = calloc(vlen ? vlen : 1, sizeof *v->h);
    if (!v->m || !v->h) {
        lx_mmsg_free(v);
        return -LX_ENOMEM;
    }
    while (v->n < vlen) {
        rc = lx_mmsg_get(t, vec + v->n * sizeof(struct lx_mmsghdr), recv,
                         &v->m[v->n], &v->h[v->n]);
        if (rc < 0) {
            free(v->h[v->n].msg_hdr.msg_iov);
            break;
        }
        v->n++;
    }
    if (v->n == 0 && vlen > 0) {
        lx_mmsg_free(v);
        return rc;
    }
    return 0;
}

/* Writes back what the host filled in for the first count entries. */
static long lx_mmsg_put(struct lx_task *t, gva vec, struct lx_mmsg_vec *v,
                        int count, bool recv)
{
    for (int i = 0; i < count; i++) {
        struct lx_mmsghdr *g = &v->m[i].g;
        const struct msghdr *h = &v->h[i].msg_hdr;

        g->msg_len = v->h[i].msg_len;
        if (recv && g->msg_hdr.msg_name) {
            uint32_t fits = h->msg_namelen < g->msg_hdr.msg_namelen
                                ? h->msg_namelen
                                : g->msg_hdr.msg_namelen;

            if (lx_copy_out(t, g->msg_hdr.msg_name, v->m[i].name, fits) < 0)
                return -LX_EFAULT;
            g->msg_hdr.msg_namelen = h->msg_namelen;
        }
        if (recv) {
            g->msg_hdr.msg_controllen = h->msg_controllen;
            g->msg_hdr.msg_flags = h->msg_flags;
        }
        if (lx_copy_out(t, vec + (unsigned)i * sizeof *g, g, sizeof *g) < 0)
            return -LX_EFAULT;
    }
    return count;
}

/* sendmmsg(fd, msgvec, vlen, flags) */
long lx_sys_sendmmsg(struct lx_task *t, const uint64_t a[6])
{
    struct lx_mmsg_vec v;
    long rc = lx_mmsg_get_all(t, a[1], (uint32_t)a[2], false, &v);

    if (rc < 0)
        return rc;
    rc = lx_ret(sendmmsg(lx_fd(a[0]), v.h, v.n, (int)a[3]));
    if (rc > 0)
        rc = lx_mmsg_put(t, a[1], &v, (int)rc, false);
    lx_mmsg_free(&v);
    return rc;
}

/* recvmmsg(fd, msgvec, vlen, flags, timeout): the timeout (a 64-bit
 * timespec on both sides) comes back with the time left. */
long lx_sys_recvmmsg(struct lx_task *t, const uint64_t a[6])
{
    struct lx_mmsg_vec v;
    struct timespec ts;
    long rc;

    _Static_assert(sizeof ts == sizeof(struct lx_timespec), "timespec");
    if (a[4] && lx_copy_in(t, &ts, a[4], sizeof ts) < 0)
        return -LX_EFAULT;
    if ((rc = lx_mmsg_get_all(t, a[1], (uint32_t)a[2], true, &v)) < 0)
        return rc;
    rc = lx_ret(recvmmsg(lx_fd(a[0]), v.h, v.n, (int)a[3], a[4] ? &ts : NULL));
    if (rc > 0) {
        rc = lx_mmsg_put(t, a[1], &v, (int)rc, true);
        if (rc > 0 && a[4] && lx_copy_out(t, a[4], &ts, sizeof ts) < 0)
            rc = -LX_EFAULT;
    }
    lx_mmsg_free(&v);
    return rc;
}
