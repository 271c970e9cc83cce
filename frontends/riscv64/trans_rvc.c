/* frontends/riscv64/trans_rvc.c: the "C" extension: every RV64C compressed
 * instruction expanded to the 32-bit instruction it stands for (RISC-V
 * unpriv. spec, "C" Standard Extension, RVC instruction listings). */
#include "frontends/riscv64/rv_internal.h"

/* --- 32-bit encoders (spec 2.2-2.3) -------------------------------------- */

static uint32_t enc_i(uint32_t opc, uint32_t f3, unsigned rd, unsigned rs1,
                      int32_t imm)
{
    return ((uint32_t)imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 |
           opc;
}

static uint32_t enc_s(uint32_t opc, uint32_t f3, unsigned rs1, unsigned rs2,
                      int32_t imm)
{
    uint32_t u = (uint32_t)imm;

    return (u >> 5 & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 |
           (u & 0x1f) << 7 | opc;
}

static uint32_t enc_r(uint32_t opc, uint32_t f3, uint32_t f7, unsigned rd,
                      unsigned rs1, unsigned rs2)
{
    return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | opc;
}

static uint32_t enc_b(uint32_t f3, unsigned rs1, unsigned rs2, int32_t imm)
{
    uint32_t u = (uint32_t)imm;

    return (u >> 12 & 1) << 31 | (u >> 5 & 0x3f) << 25 | rs2 << 20 |
           rs1 << 15 | f3 << 12 | (u >> 1 & 0xf) << 8 | (u >> 11 & 1) << 7 |
           0x63;
}

static uint32_t enc_j(unsigned rd, int32_t imm)
{
    uint32_t u = (uint32_t)imm;

    return (u >> 20 & 1) << 31 | (u >> 1 & 0x3ff) << 21 |
           (u >> 11 & 1) << 20 | (u >> 12 & 0xff) << 12 | rd << 7 | 0x6f;
}

enum {
    OPC_LOAD = 0x03, OPC_LOAD_FP = 0x07, OPC_OP_IMM = 0x13,
    OPC_OP_IMM_32 = 0x1b, OPC_STORE = 0x23, OPC_STORE_FP = 0x27,
    OPC_OP = 0x33, OPC_LUI = 0x37, OPC_OP_32 = 0x3b, OPC_JALR = 0x67,
};

/* --- RVC fields ---------------------------------------------------------- */

/* Bits [lo, lo+len) of c, moved to bit `to`. */
static uint32_t cb(uint16_t c, unsigned lo, unsigned len, unsigned to)
{
    return ((uint32_t)c >> lo & ((1u << len) - 1)) << to;
}

static int32_t csext(uint32_t x, unsigned bits)
{
    return (int32_t)(x << (32 - bits)) >> (32 - bits);
}

static unsigned c_rd(uint16_t c)
{
    return c >> 7 & 31;
}

static unsigned c_rs2(uint16_t c)
{
    return c >> 2 & 31;
}

/* The 3-bit register fields name x8-x15. */
static unsigned c_rdp(uint16_t c)
{
    return 8 + (c >> 2 & 7);
}

static unsigned c_rs1p(uint16_t c)
{
    return 8 + (c >> 7 & 7);
}

/* The 6-bit immediate imm[5] = c[12], imm[4:0] = c[6:2], sign-extended. */
static int32_t c_imm6(uint16_t c)
{
    return csext(cb(c, 12, 1, 5) | cb(c, 2, 5, 0), 6);
}

/* Scaled offsets of the word / doubleword loads and stores. */
static int32_t c_uimm_w(uint16_t c) /* c.lw, c.sw */
{
    return (int32_t)(cb(c, 10, 3, 3) | cb(c, 6, 1, 2) | cb(c, 5, 1, 6));
}

static int32_t c_uimm_d(uint16_t c) /* c.ld, c.sd, c.fld, c.fsd */
{
    return (int32_t)(cb(c, 10, 3, 3) | cb(c, 5, 2, 6));
}

static int32_t c_uimm_lwsp(uint16_t c)
{
    return (int32_t)(cb(c, 12, 1, 5) | cb(c, 4, 3, 2) | cb(c, 2, 2, 6));
}

static int32_t c_uimm_ldsp(uint16_t c)
{
    return (int32_t)(cb(c, 12, 1, 5) | cb(c, 5, 2, 3) | cb(c, 2, 3, 6));
}

static int32_t c_uimm_swsp(uint16_t c)
{
    return (int32_t)(cb(c, 9, 4, 2) | cb(c, 7, 2, 6));
}

static int32_t c_uimm_sdsp(uint16_t c)
{
    return (int32_t)(cb(c, 10, 3, 3) | cb(c, 7, 3, 6));
}

static int32_t c_j_offset(uint16_t c)
{
    return csext(cb(c, 12, 1, 11) | cb(c, 11, 1, 4) | cb(c, 9, 2, 8) |
                     cb(c, 8, 1, 10) | cb(c, 7, 1, 6) | cb(c, 6, 1, 7) |
                     cb(c, 3, 3, 1) | cb(c, 2, 1, 5),
                 12);
}

static int32_t c_b_offset(uint16_t c)
{
    return csext(cb(c, 12, 1, 8) | cb(c, 10, 2, 3) | cb(c, 5, 2, 6) |
                     cb(c, 3, 2, 1) | cb(c, 2, 1, 5),
                 9);
}

/* --- the three quadrants ----------------------------------------------- */

static uint32_t rvc_q0(uint16_t c)
{
    unsigned rdp = c_rdp(c), rs1p = c_rs1p(c);
    uint32_t nzuimm;

    switch (c >> 13) {
    case 0: /* c.addi4spn: nzuimm[5:4|9:6|2|3] = c[12:11|10:7|6|5] */
        nzuimm = cb(c, 11, 2, 4) | cb(c, 7, 4, 6) | cb(c, 6, 1, 2) |
                 cb(c, 5, 1, 3);
        return nzuimm ? enc_i(OPC_OP_IMM, 0, rdp, 2, (int32_t)nzuimm) : 0;
    case 1: return enc_i(OPC_LOAD_FP, 3, rdp, rs1p, c_uimm_d(c)); /* c.fld */
    case 2: return enc_i(OPC_LOAD, 2, rdp, rs1p, c_uimm_w(c));    /* c.lw */
    case 3: return enc_i(OPC_LOAD, 3, rdp, rs1p, c_uimm_d(c));    /* c.ld */
    case 5: return enc_s(OPC_STORE_FP, 3, rs1p, rdp, c_uimm_d(c)); /* c.fsd */
    case 6: return enc_s(OPC_STORE, 2, rs1p, rdp, c_uimm_w(c));   /* c.sw */
    case 7: return enc_s(OPC_STORE, 3, rs1p, rdp, c_uimm_d(c));   /* c.sd */
    default: return 0; /* 100: reserved */
    }
}

/* c.addi16sp (rd == 2) and c.lui share funct3 011. */
static uint32_t rvc_lui_addi16sp(uint16_t c)
{
    unsigned rd = c_rd(c);
    int32_t imm;

    if (rd == 2) {
        imm = csext(cb(c, 12, 1, 9) | cb(c, 6, 1, 4) | cb(c, 5, 1, 6) |
                        cb(c, 3, 2, 7) | cb(c, 2, 1, 5),
                    10);
        return imm ? enc_i(OPC_OP_IMM, 0, 2, 2, imm) : 0;
    }
    imm = c_imm6(c);
    if (!imm)
        return 0; /* nzimm == 0: reserved */
    return ((uint32_t)imm << 12) | rd << 7 | OPC_LUI;
}

/* funct3 100 of quadrant 1: shifts, c.andi and the register-register ops. */
static uint32_t rvc_q1_alu(uint16_t c)
{
    static const uint32_t op_f3[4] = {0, 4, 6, 7};   /* sub xor or and */
    static const uint32_t op_f7[4] = {0x20, 0, 0, 0};
    unsigned rd = c_rs1p(c), rs2 = c_rdp(c), sel = c >> 5 & 3;
    uint32_t shamt = cb(c, 12, 1, 5) | cb(c, 2, 5, 0);

    switch (c >> 10 & 3) {
    case 0: return enc_i(OPC_OP_IMM, 5, rd, rd, (int32_t)shamt); /* c.srli */
    case 1: /* c.srai */
        return enc_i(OPC_OP_IMM, 5, rd, rd, (int32_t)(shamt | 0x400));
    case 2: return enc_i(OPC_OP_IMM, 7, rd, rd, c_imm6(c)); /* c.andi */
    default: break;
    }
    if (!(c >> 12 & 1))
        return enc_r(OPC_OP, op_f3[sel], op_f7[sel], rd, rd, rs2);
    if (sel == 0) /* c.subw */
        return enc_r(OPC_OP_32, 0, 0x20, rd, rd, rs2);
    if (sel == 1) /* c.addw */
        return enc_r(OPC_OP_32, 0, 0, rd, rd, rs2);
    return 0; /* reserved */
}

static uint32_t rvc_q1(uint16_t c)
{
    unsigned rd = c_rd(c);

    switch (c >> 13) {
    case 0: return enc_i(OPC_OP_IMM, 0, rd, rd, c_imm6(c)); /* c.addi */
    case 1: /* c.addiw; rd == 0 reserved */
        return rd ? enc_i(OPC_OP_IMM_32, 0, rd, rd, c_imm6(c)) : 0;
    case 2: return enc_i(OPC_OP_IMM, 0, rd, 0, c_imm6(c)); /* c.li */
    case 3: return rvc_lui_addi16sp(c);
    case 4: return rvc_q1_alu(c);
    case 5: return enc_j(0, c_j_offset(c)); /* c.j */
    case 6: return enc_b(0, c_rs1p(c), 0, c_b_offset(c)); /* c.beqz */
    default: return enc_b(1, c_rs1p(c), 0, c_b_offset(c)); /* c.bnez */
    }
}

/* funct3 100 of quadrant 2: c.jr, c.mv, c.ebreak, c.jalr, c.add. c.mv is
 * written as addi rd, rs2, 0: the same result as the spec's add rd, x0,
 * rs2, and objdump shows it as mv. */
static uint32_t rvc_q2_misc(uint16_t c)
{
    unsigned rd = c_rd(c), rs2 = c_rs2(c);

    if (!(c >> 12 & 1)) {
        if (rs2)
            return enc_i(OPC_OP_IMM, 0, rd, rs2, 0); /* c.mv */
        return rd ? enc_i(OPC_JALR, 0, 0, rd, 0) : 0; /* c.jr */
    }
    if (!rd && !rs2)
        return 0x00100073; /* c.ebreak */
    if (!rs2)
        return enc_i(OPC_JALR, 0, 1, rd, 0); /* c.jalr */
    return enc_r(OPC_OP, 0, 0, rd, rd, rs2); /* c.add */
}

static uint32_t rvc_q2(uint16_t c)
{
    unsigned rd = c_rd(c), rs2 = c_rs2(c);
    uint32_t shamt = cb(c, 12, 1, 5) | cb(c, 2, 5, 0);

    switch (c >> 13) {
    case 0: return enc_i(OPC_OP_IMM, 1, rd, rd, (int32_t)shamt); /* c.slli */
    case 1: return enc_i(OPC_LOAD_FP, 3, rd, 2, c_uimm_ldsp(c)); /* c.fldsp */
    case 2: /* c.lwsp; rd == 0 reserved */
        return rd ? enc_i(OPC_LOAD, 2, rd, 2, c_uimm_lwsp(c)) : 0;
    case 3: /* c.ldsp; rd == 0 reserved */
        return rd ? enc_i(OPC_LOAD, 3, rd, 2, c_uimm_ldsp(c)) : 0;
    case 4: return rvc_q2_misc(c);
    case 5: return enc_s(OPC_STORE_FP, 3, 2, rs2, c_uimm_sdsp(c)); /* c.fsdsp */
    case 6: return enc_s(OPC_STORE, 2, 2, rs2, c_uimm_swsp(c)); /* c.swsp */
    default: return enc_s(OPC_STORE, 3, 2, rs2, c_uimm_sdsp(c)); /* c.sdsp */
    }
}

uint32_t rv_expand_rvc(uint16_t c)
{
    if (c == 0)
        return 0; /* the all-zero halfword: defined illegal */
    switch (c & 3) {
    case 0: return rvc_q0(c);
    case 1: return rvc_q1(c);
    case 2: return rvc_q2(c);
    default: return 0; /* not a 16-bit instruction */
    }
}
