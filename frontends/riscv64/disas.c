/* frontends/riscv64/disas.c: riscv64 disassembly in the syntax of GNU
 * objdump -d (binutils 2.40): ABI register names, its pseudo-instructions,
 * and RVC instructions shown as the 32-bit instruction they expand to. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "frontends/riscv64/rv_internal.h"

const char *const rv_gpr_names[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
    "s0",   "s1", "a0", "a1", "a2", "a3", "a4", "a5",
    "a6",   "a7", "s2", "s3", "s4", "s5", "s6", "s7",
    "s8",   "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

const char *const rv_fpr_names[32] = {
    "ft0", "ft1", "ft2",  "ft3",  "ft4", "ft5", "ft6",  "ft7",
    "fs0", "fs1", "fa0",  "fa1",  "fa2", "fa3", "fa4",  "fa5",
    "fa6", "fa7", "fs2",  "fs3",  "fs4", "fs5", "fs6",  "fs7",
    "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

/* The CSR names objdump 2.40 prints for objects of privileged spec 1.11
 * (what Debian's assembler records in Tag_RISCV_priv_spec): the
 * privileged spec's CSR listing (20190608, tables 2.2-2.6) plus those of
 * extensions binutils knows (V, Zkr, H, AIA, Sstc, Smstateen, Sdtrig).
 * Numbered families are in rv_csr_families; others print as numbers. */
static const struct {
    unsigned csr;
    const char *name;
} rv_csr_names[] = {
    {0x000, "ustatus"}, {0x001, "fflags"}, {0x002, "frm"}, {0x003, "fcsr"},
    {0x004, "uie"}, {0x005, "utvec"}, {0x008, "vstart"}, {0x009, "vxsat"},
    {0x00a, "vxrm"}, {0x00f, "vcsr"}, {0x015, "seed"}, {0x040, "uscratch"},
    {0x041, "uepc"}, {0x042, "ucause"}, {0x043, "utval"}, {0x044, "uip"},
    {0x100, "sstatus"}, {0x102, "sedeleg"}, {0x103, "sideleg"},
    {0x104, "sie"}, {0x105, "stvec"}, {0x106, "scounteren"}, {0x114, "sieh"},
    {0x140, "sscratch"}, {0x141, "sepc"}, {0x142, "scause"},
    {0x143, "stval"}, {0x144, "sip"}, {0x14d, "stimecmp"},
    {0x150, "siselect"}, {0x151, "sireg"}, {0x154, "siph"},
    {0x15c, "stopei"}, {0x15d, "stimecmph"}, {0x180, "satp"},
    {0x200, "vsstatus"}, {0x204, "vsie"}, {0x205, "vstvec"},
    {0x214, "vsieh"}, {0x240, "vsscratch"}, {0x241, "vsepc"},
    {0x242, "vscause"}, {0x243, "vstval"}, {0x244, "vsip"},
    {0x24d, "vstimecmp"}, {0x250, "vsiselect"}, {0x251, "vsireg"},
    {0x254, "vsiph"}, {0x25c, "vstopei"}, {0x25d, "vstimecmph"},
    {0x280, "vsatp"}, {0x300, "mstatus"}, {0x301, "misa"},
    {0x302, "medeleg"}, {0x303, "mideleg"}, {0x304, "mie"}, {0x305, "mtvec"},
    {0x306, "mcounteren"}, {0x308, "mvien"}, {0x309, "mvip"},
    {0x313, "midelegh"}, {0x314, "mieh"}, {0x318, "mvienh"},
    {0x319, "mviph"}, {0x320, "mcountinhibit"}, {0x340, "mscratch"},
    {0x341, "mepc"}, {0x342, "mcause"}, {0x343, "mtval"}, {0x344, "mip"},
    {0x350, "miselect"}, {0x351, "mireg"}, {0x354, "miph"},
    {0x35c, "mtopei"}, {0x5a8, "scontext"}, {0x600, "hstatus"},
    {0x602, "hedeleg"}, {0x603, "hideleg"}, {0x604, "hie"},
    {0x605, "htimedelta"}, {0x606, "hcounteren"}, {0x607, "hgeie"},
    {0x608, "hvien"}, {0x609, "hvictl"}, {0x60a, "henvcfg"},
    {0x613, "hidelegh"}, {0x615, "htimedeltah"}, {0x618, "hvienh"},
    {0x61a, "henvcfgh"}, {0x643, "htval"}, {0x644, "hip"}, {0x645, "hvip"},
    {0x646, "hviprio1"}, {0x647, "hviprio2"}, {0x64a, "htinst"},
    {0x655, "hviph"}, {0x656, "hviprio1h"}, {0x657, "hviprio2h"},
    {0x680, "hgatp"}, {0x6a8, "hcontext"}, {0x7a0, "tselect"},
    {0x7a4, "tinfo"}, {0x7a5, "tcontrol"}, {0x7a8, "mcontext"},
    {0x7aa, "mscontext"}, {0x7b0, "dcsr"}, {0x7b1, "dpc"}, {0xb00, "mcycle"},
    {0xb02, "minstret"}, {0xb80, "mcycleh"}, {0xb82, "minstreth"},
    {0xc00, "cycle"}, {0xc01, "time"}, {0xc02, "instret"}, {0xc20, "vl"},
    {0xc21, "vtype"}, {0xc22, "vlenb"}, {0xc80, "cycleh"}, {0xc81, "timeh"},
    {0xc82, "instreth"}, {0xda0, "scountovf"}, {0xdb0, "stopi"},
    {0xe12, "hgeip"}, {0xeb0, "vstopi"}, {0xf11, "mvendorid"},
    {0xf12, "marchid"}, {0xf13, "mimpid"}, {0xf14, "mhartid"},
    {0xfb0, "mtopi"},
};

/* CSRs base + i, named prefix, first + i, suffix for i < count. */
static const struct {
    unsigned base, first, count;
    const char *prefix, *suffix;
} rv_csr_families[] = {
    {0xc03, 3, 29, "hpmcounter", ""},
    {0xc83, 3, 29, "hpmcounter", "h"},
    {0xb03, 3, 29, "mhpmcounter", ""},
    {0xb83, 3, 29, "mhpmcounter", "h"},
    {0x323, 3, 29, "mhpmevent", ""},
    {0x723, 3, 29, "mhpmevent", "h"},
    {0x3a0, 0, 4, "pmpcfg", ""},
    {0x3b0, 0, 16, "pmpaddr", ""},
    {0x10c, 0, 4, "sstateen", ""},
    {0x30c, 0, 4, "mstateen", ""},
    {0x31c, 0, 4, "mstateen", "h"},
    {0x60c, 0, 4, "hstateen", ""},
    {0x61c, 0, 4, "hstateen", "h"},
    {0x7a1, 1, 3, "tdata", ""},
    {0x7b2, 0, 2, "dscratch", ""},
};

static const char *const rv_rm_names[8] = {
    "rne", "rtz", "rdn", "rup", "rmm", "unknown", "unknown", "dyn",
};

/* A bounded output string. */
struct rv_out {
    char *s;
    size_t len, cap;
};

static void rv_put(struct rv_out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void rv_put(struct rv_out *o, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (o->len + 1 >= o->cap)
        return;
    va_start(ap, fmt);
    n = vsnprintf(o->s + o->len, o->cap - o->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->len += (size_t)n;
    if (o->len >= o->cap)
        o->len = o->cap - 1;
}

static void rv_put_csr(struct rv_out *o, unsigned csr)
{
    for (size_t i = 0; i < sizeof rv_csr_names / sizeof rv_csr_names[0]; i++)
        if (rv_csr_names[i].csr == csr) {
            rv_put(o, "%s", rv_csr_names[i].name);
            return;
        }
    for (size_t i = 0;
         i < sizeof rv_csr_families / sizeof rv_csr_families[0]; i++) {
        unsigned n = csr - rv_csr_families[i].base;

        if (n < rv_csr_families[i].count) {
            rv_put(o, "%s%u%s", rv_csr_families[i].prefix,
                   rv_csr_families[i].first + n, rv_csr_families[i].suffix);
            return;
        }
    }
    rv_put(o, "0x%x", csr);
}

/* A fence set: the letters of i, o, r, w present, "unknown" if none. */
static void rv_put_fence_set(struct rv_out *o, unsigned set)
{
    if (!set)
        rv_put(o, "unknown");
    for (unsigned bit = 8, i = 0; bit; bit >>= 1, i++)
        if (set & bit)
            rv_put(o, "%c", "iorw"[i]);
}

/* A rounding mode: ",rm" unless it is dynamic; a comma already written
 * before the 'm' is used (or, for dynamic, taken back). */
static void rv_put_rm(struct rv_out *o, unsigned rm)
{
    bool comma = o->len && o->s[o->len - 1] == ',';

    if (rm == 7 && comma)
        o->s[--o->len] = '\0';
    else if (rm != 7)
        rv_put(o, "%s%s", comma ? "" : ",", rv_rm_names[rm]);
}

/* Prints operands as rv_internal.h's operand letters say. A dispatch
 * over the letters, so one case each. */
static void rv_put_operands(struct rv_out *o, const char *ops, gva pc,
                            const struct rv_args *a)
{
    for (; *ops; ops++) {
        switch (*ops) {
        case 'd': rv_put(o, "%s", rv_gpr_names[a->rd]); break;
        case 's': rv_put(o, "%s", rv_gpr_names[a->rs1]); break;
        case 't': rv_put(o, "%s", rv_gpr_names[a->rs2]); break;
        case 'D': rv_put(o, "%s", rv_fpr_names[a->rd]); break;
        case 'S': rv_put(o, "%s", rv_fpr_names[a->rs1]); break;
        case 'T': rv_put(o, "%s", rv_fpr_names[a->rs2]); break;
        case 'R': rv_put(o, "%s", rv_fpr_names[a->rs3]); break;
        case 'j': rv_put(o, "%lld", (long long)a->imm); break;
        case 'u':
            rv_put(o, "0x%llx", (unsigned long long)(a->imm >> 12) & 0xfffff);
            break;
        case '>': rv_put(o, "0x%llx", (unsigned long long)a->imm); break;
        case 'p':
            rv_put(o, "%llx", (unsigned long long)(pc + (uint64_t)a->imm));
            break;
        case 'E': rv_put_csr(o, a->csr); break;
        case 'Z': rv_put(o, "%u", a->rs1); break;
        case 'P': rv_put_fence_set(o, (unsigned)a->imm >> 4 & 15); break;
        case 'Q': rv_put_fence_set(o, (unsigned)a->imm & 15); break;
        case 'm': rv_put_rm(o, a->rm); break;
        default: rv_put(o, "%c", *ops); break;
        }
    }
}

/* --- objdump's pseudo-instructions ---------------------------------------
 * The first alias of an instruction whose conditions hold replaces its
 * name and operand string. */
enum {
    AL_RD0 = 1,      /* rd is x0 */
    AL_RS1_0 = 2,    /* rs1 is x0 */
    AL_RS2_0 = 4,    /* rs2 is x0 */
    AL_IMM = 8,      /* imm equals the alias's imm */
    AL_RD_RA = 16,   /* rd is ra */
    AL_RS1_RA = 32,  /* rs1 is ra */
    AL_CSR = 64,     /* csr equals the alias's csr */
    AL_RS1_RS2 = 128, /* rs1 equals rs2 */
};

struct rv_alias {
    const char *insn;
    unsigned when;
    int64_t imm;
    unsigned csr;
    const char *name, *ops;
};

static const struct rv_alias rv_aliases[] = {
    {"addi", AL_RD0 | AL_RS1_0 | AL_IMM, 0, 0, "nop", ""},
    {"addi", AL_RS1_0, 0, 0, "li", "d,j"},
    {"addi", AL_IMM, 0, 0, "mv", "d,s"},
    {"addi", 0, 0, 0, "add", "d,s,j"},
    {"addiw", AL_IMM, 0, 0, "sext.w", "d,s"},
    {"addiw", 0, 0, 0, "addw", "d,s,j"},
    {"andi", AL_IMM, 255, 0, "zext.b", "d,s"},
    {"andi", 0, 0, 0, "and", "d,s,j"},
    {"xori", AL_IMM, -1, 0, "not", "d,s"},
    {"xori", 0, 0, 0, "xor", "d,s,j"},
    {"ori", 0, 0, 0, "or", "d,s,j"},
    {"slli", 0, 0, 0, "sll", "d,s,>"},
    {"srli", 0, 0, 0, "srl", "d,s,>"},
    {"srai", 0, 0, 0, "sra", "d,s,>"},
    {"slliw", 0, 0, 0, "sllw", "d,s,>"},
    {"srliw", 0, 0, 0, "srlw", "d,s,>"},
    {"sraiw", 0, 0, 0, "sraw", "d,s,>"},
    {"sub", AL_RS1_0, 0, 0, "neg", "d,t"},
    {"subw", AL_RS1_0, 0, 0, "negw", "d,t"},
    {"sltiu", AL_IMM, 1, 0, "seqz", "d,s"},
    {"sltu", AL_RS1_0, 0, 0, "snez", "d,t"},
    {"slt", AL_RS2_0, 0, 0, "sltz", "d,s"},
    {"slt", AL_RS1_0, 0, 0, "sgtz", "d,t"},
    {"beq", AL_RS2_0, 0, 0, "beqz", "s,p"},
    {"bne", AL_RS2_0, 0, 0, "bnez", "s,p"},
    {"blt", AL_RS2_0, 0, 0, "bltz", "s,p"},
    {"blt", AL_RS1_0, 0, 0, "bgtz", "t,p"},
    {"bge", AL_RS1_0, 0, 0, "blez", "t,p"},
    {"bge", AL_RS2_0, 0, 0, "bgez", "s,p"},
    {"jal", AL_RD0, 0, 0, "j", "p"},
    {"jal", AL_RD_RA, 0, 0, "jal", "p"},
    {"jalr", AL_RD0 | AL_RS1_RA | AL_IMM, 0, 0, "ret", ""},
    {"jalr", AL_RD0 | AL_IMM, 0, 0, "jr", "s"},
    {"jalr", AL_RD_RA | AL_IMM, 0, 0, "jalr", "s"},
    {"jalr", AL_RD0, 0, 0, "jr", "j(s)"},
    {"jalr", AL_RD_RA, 0, 0, "jalr", "j(s)"},
    {"jalr", AL_IMM, 0, 0, "jalr", "d,s"},
    {"fence", AL_IMM, 0x0ff, 0, "fence", ""},
    {"csrrs", AL_RS1_0 | AL_CSR, 0, 0xc00, "rdcycle", "d"},
    {"csrrs", AL_RS1_0 | AL_CSR, 0, 0xc01, "rdtime", "d"},
    {"csrrs", AL_RS1_0 | AL_CSR, 0, 0xc02, "rdinstret", "d"},
    {"csrrs", AL_RS1_0 | AL_CSR, 0, 0x001, "frflags", "d"},
    {"csrrs", AL_RS1_0 | AL_CSR, 0, 0x002, "frrm", "d"},
    {"csrrs", AL_RS1_0 | AL_CSR, 0, 0x003, "frcsr", "d"},
    {"csrrs", AL_RS1_0, 0, 0, "csrr", "d,E"},
    {"csrrs", AL_RD0, 0, 0, "csrs", "E,s"},
    {"csrrw", AL_RD0 | AL_CSR, 0, 0x001, "fsflags", "s"},
    {"csrrw", AL_CSR, 0, 0x001, "fsflags", "d,s"},
    {"csrrw", AL_RD0 | AL_CSR, 0, 0x002, "fsrm", "s"},
    {"csrrw", AL_CSR, 0, 0x002, "fsrm", "d,s"},
    {"csrrw", AL_RD0 | AL_CSR, 0, 0x003, "fscsr", "s"},
    {"csrrw", AL_CSR, 0, 0x003, "fscsr", "d,s"},
    {"csrrw", AL_RD0 | AL_RS1_0 | AL_CSR, 0, 0xc00, "unimp", ""},
    {"csrrw", AL_RD0, 0, 0, "csrw", "E,s"},
    {"csrrc", AL_RD0, 0, 0, "csrc", "E,s"},
    {"csrrwi", AL_CSR, 0, 0x001, "fsflagsi", "d,Z"},
    {"csrrwi", AL_CSR, 0, 0x002, "fsrmi", "d,Z"},
    {"csrrwi", AL_RD0, 0, 0, "csrw", "E,Z"},
    {"csrrwi", 0, 0, 0, "csrrw", "d,E,Z"},
    {"csrrsi", AL_RD0, 0, 0, "csrs", "E,Z"},
    {"csrrsi", 0, 0, 0, "csrrs", "d,E,Z"},
    {"csrrci", AL_RD0, 0, 0, "csrc", "E,Z"},
    {"csrrci", 0, 0, 0, "csrrc", "d,E,Z"},
    {"add.uw", AL_RS2_0, 0, 0, "zext.w", "d,s"},
    {"fsgnj.s", AL_RS1_RS2, 0, 0, "fmv.s", "D,S"},
    {"fsgnjn.s", AL_RS1_RS2, 0, 0, "fneg.s", "D,S"},
    {"fsgnjx.s", AL_RS1_RS2, 0, 0, "fabs.s", "D,S"},
    {"fsgnj.d", AL_RS1_RS2, 0, 0, "fmv.d", "D,S"},
    {"fsgnjn.d", AL_RS1_RS2, 0, 0, "fneg.d", "D,S"},
    {"fsgnjx.d", AL_RS1_RS2, 0, 0, "fabs.d", "D,S"},
    {"rori", 0, 0, 0, "ror", "d,s,>"},
    {"roriw", 0, 0, 0, "rorw", "d,s,>"},
    {"bseti", 0, 0, 0, "bset", "d,s,>"},
    {"bclri", 0, 0, 0, "bclr", "d,s,>"},
    {"binvi", 0, 0, 0, "binv", "d,s,>"},
    {"bexti", 0, 0, 0, "bext", "d,s,>"},
};

static bool rv_alias_holds(const struct rv_alias *al, const struct rv_args *a)
{
    unsigned w = al->when;

    return (!(w & AL_RD0) || a->rd == 0) && (!(w & AL_RS1_0) || a->rs1 == 0) &&
           (!(w & AL_RS2_0) || a->rs2 == 0) &&
           (!(w & AL_IMM) || a->imm == al->imm) &&
           (!(w & AL_RD_RA) || a->rd == 1) &&
           (!(w & AL_RS1_RA) || a->rs1 == 1) &&
           (!(w & AL_CSR) || a->csr == al->csr) &&
           (!(w & AL_RS1_RS2) || a->rs1 == a->rs2);
}

static const struct rv_alias *rv_find_alias(const char *insn,
                                            const struct rv_args *a)
{
    for (size_t i = 0; i < sizeof rv_aliases / sizeof rv_aliases[0]; i++)
        if (!strcmp(rv_aliases[i].insn, insn) &&
            rv_alias_holds(&rv_aliases[i], a))
            return &rv_aliases[i];
    return NULL;
}

static void rv_put_unknown(struct rv_out *o, uint32_t insn, unsigned len,
                           uint16_t raw16)
{
    if (len == 2 && raw16 == 0)
        rv_put(o, "unimp"); /* the all-zero halfword (c.unimp) */
    else if (len == 2)
        rv_put(o, ".2byte\t0x%x", raw16);
    else
        rv_put(o, ".4byte\t0x%x", insn);
}

/* RVC HINTs (and c.addi with a zero immediate), which objdump shows in
 * their compressed form (RISC-V unpriv. spec, "C" chapter, HINT table);
 * false for other instructions. */
static bool rv_put_rvc_hint(struct rv_out *o, uint16_t c, uint32_t insn)
{
    unsigned q = c & 3, f3 = c >> 13, rd = c >> 7 & 31, rs2 = c >> 2 & 31;
    int imm = (int)((c >> 2 & 31) | (c >> 12 & 1) << 5);
    const char *const *x = rv_gpr_names;

    imm = (c >> 12 & 1) ? imm - 64 : imm;
    if (q == 1 && f3 == 0 && rd == 0 && imm)
        rv_put(o, "c.nop\t%d", imm);
    else if (q == 1 && f3 == 0 && rd && !imm)
        rv_put(o, "add\t%s,%s,0", x[rd], x[rd]);
    else if (q == 1 && f3 == 2 && rd == 0)
        rv_put(o, "c.li\tzero,%d", imm);
    else if (q == 1 && f3 == 3 && rd == 0)
        rv_put(o, "c.lui\tzero,0x%x", insn >> 12);
    else if (q == 1 && f3 == 4 && (c >> 10 & 3) < 2 && !(imm & 63))
        rv_put(o, "c.sr%ci64\t%s", (c >> 10 & 1) ? 'a' : 'l',
               x[8 + (c >> 7 & 7)]);
    else if (q == 2 && f3 == 0 && rd == 0)
        rv_put(o, "c.slli\tzero,0x%x", imm & 63);
    else if (q == 2 && f3 == 0 && !(imm & 63))
        rv_put(o, "c.slli64\t%s", x[rd]);
    else if (q == 2 && f3 == 4 && rd == 0 && rs2)
        rv_put(o, "c.%s\tzero,%s", (c >> 12 & 1) ? "add" : "mv", x[rs2]);
    else
        return false;
    return true;
}

void rv_disas_insn(gva pc, uint32_t insn, unsigned len, uint16_t raw16,
                   char *out, size_t outlen)
{
    struct rv_out o = {out, 0, outlen};
    const struct rv_pattern *p = insn ? rv_decode_lookup(insn) : NULL;
    const struct rv_alias *al;
    const char *name, *ops;
    struct rv_args a;

    if (outlen)
        out[0] = '\0';
    if (!p) {
        rv_put_unknown(&o, insn, len, raw16);
        return;
    }
    if (len == 2 && rv_put_rvc_hint(&o, raw16, insn))
        return;
    rv_decode_args(insn, p->format, &a);
    al = rv_find_alias(p->name, &a);
    name = al ? al->name : p->name;
    ops = al ? al->ops : p->operands;
    rv_put(&o, "%s", name);
    if (p->format == RV_FMT_A && (a.aq || a.rl))
        rv_put(&o, ".%s%s", a.aq ? "aq" : "", a.rl ? "rl" : "");
    if (*ops) {
        rv_put(&o, "\t");
        rv_put_operands(&o, ops, pc, &a);
    }
}
