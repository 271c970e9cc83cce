/* disas_all: prints one line and exits; the code after the exit is never
 * run: it holds every instruction the riscv64 frontend decodes (and the
 * pseudo-instructions objdump shows), as a corpus for comparing ferry's
 * disassembler with riscv64-linux-gnu-objdump -d (tests/unit/
 * check_rv_disas.c). */
#include "rvtest.h"
    .option arch, +zba, +zbb, +zbs, +zihintpause

TEST_BEGIN
TEST_END "disas ok"

corpus:
    .option norvc
    /* RV64I */
    lui a0, 0x12345
    lui t6, 0xfffff
    auipc a0, 0
    auipc s11, 0x80000
    jal ra, corpus
    jal zero, corpus
    jal a0, corpus
    jalr ra, 0(a0)
    jalr zero, 0(ra)
    jalr zero, 0(t0)
    jalr a1, -4(a0)
    jalr ra, 2047(a0)
    jalr zero, -2048(a0)
    beq a0, a1, corpus
    bne a0, a1, .+4094
    blt a0, a1, .-4096
    bge a0, a1, corpus
    bltu a0, a1, corpus
    bgeu a0, a1, corpus
    beq a0, zero, corpus
    bne t1, zero, corpus
    blt a0, zero, corpus
    bge a0, zero, corpus
    blt zero, a0, corpus
    bge zero, a0, corpus
    lb a0, 0(a1)
    lh a0, -1(sp)
    lw a0, 2047(s0)
    ld a0, -2048(s1)
    lbu t0, 8(t1)
    lhu t2, 16(t3)
    lwu t4, 24(t5)
    sb a0, 0(a1)
    sh a0, -1(sp)
    sw a0, 2047(s0)
    sd a0, -2048(s1)
    addi a0, a1, 1
    addi a0, a1, -2048
    addi zero, zero, 0
    addi a0, zero, 100
    addi a0, a1, 0
    addi sp, sp, -16
    slti a0, a1, -1
    sltiu a0, a1, 5
    sltiu a0, a1, 1
    xori a0, a1, 7
    xori a0, a1, -1
    ori a0, a1, -7
    andi a0, a1, 255
    andi a0, a1, 254
    slli a0, a1, 0
    slli a0, a1, 63
    srli a0, a1, 32
    srai a0, a1, 1
    add a0, a1, a2
    sub a0, a1, a2
    sub a0, zero, a2
    sll a0, a1, a2
    slt a0, a1, a2
    slt a0, a1, zero
    slt a0, zero, a2
    sltu a0, a1, a2
    sltu a0, zero, a2
    xor a0, a1, a2
    srl a0, a1, a2
    sra a0, a1, a2
    or a0, a1, a2
    and a0, a1, a2
    addiw a0, a1, 1
    addiw a0, a1, 0
    slliw a0, a1, 31
    srliw a0, a1, 1
    sraiw a0, a1, 17
    addw a0, a1, a2
    subw a0, a1, a2
    subw a0, zero, a2
    sllw a0, a1, a2
    srlw a0, a1, a2
    sraw a0, a1, a2
    fence
    fence rw, rw
    fence r, rw
    fence rw, w
    fence i, o
    fence iorw, r
    fence.tso
    pause
    ecall
    ebreak
    /* Zifencei, Zicsr */
    fence.i
    csrrw a0, fcsr, a1
    csrrw zero, fcsr, a1
    csrrw zero, frm, a1
    csrrw a0, frm, a1
    csrrw zero, fflags, a1
    csrrw a0, fflags, a1
    csrrs a0, fcsr, zero
    csrrs a0, frm, zero
    csrrs a0, fflags, zero
    csrrs a0, cycle, zero
    csrrs a0, time, zero
    csrrs a0, instret, zero
    csrrs a0, fcsr, a1
    csrrs zero, fcsr, a1
    csrrc a0, fcsr, a1
    csrrc zero, fcsr, a1
    csrrs a0, 0x7c0, zero
    csrrwi a0, fcsr, 5
    csrrwi zero, fcsr, 5
    csrrwi zero, frm, 1
    csrrwi a0, fflags, 31
    csrrsi a0, fcsr, 5
    csrrsi zero, fcsr, 5
    csrrci a0, fcsr, 5
    csrrci zero, fcsr, 5
    /* M */
    mul a0, a1, a2
    mulh a0, a1, a2
    mulhsu a0, a1, a2
    mulhu a0, a1, a2
    div a0, a1, a2
    divu a0, a1, a2
    rem a0, a1, a2
    remu a0, a1, a2
    mulw a0, a1, a2
    divw a0, a1, a2
    divuw a0, a1, a2
    remw a0, a1, a2
    remuw a0, a1, a2
    /* A */
    lr.w a0, (a1)
    lr.d.aq a0, (a1)
    lr.w.aqrl a0, (a1)
    sc.w a0, a2, (a1)
    sc.d.rl a0, a2, (a1)
    amoswap.w a0, a2, (a1)
    amoswap.d.aqrl zero, a2, (a1)
    amoadd.w a0, a2, (a1)
    amoadd.d.aq a0, a2, (a1)
    amoxor.w a0, a2, (a1)
    amoxor.d a0, a2, (a1)
    amoand.w a0, a2, (a1)
    amoand.d a0, a2, (a1)
    amoor.w a0, a2, (a1)
    amoor.d.rl a0, a2, (a1)
    amomin.w a0, a2, (a1)
    amomin.d a0, a2, (a1)
    amomax.w a0, a2, (a1)
    amomax.d a0, a2, (a1)
    amominu.w a0, a2, (a1)
    amominu.d a0, a2, (a1)
    amomaxu.w a0, a2, (a1)
    amomaxu.d a0, a2, (a1)
    /* Zba, Zbb, Zbs */
    sh1add a0, a1, a2
    sh2add a0, a1, a2
    sh3add a0, a1, a2
    add.uw a0, a1, a2
    add.uw a0, a1, zero
    sh1add.uw a0, a1, a2
    sh2add.uw a0, a1, a2
    sh3add.uw a0, a1, a2
    slli.uw a0, a1, 63
    andn a0, a1, a2
    orn a0, a1, a2
    xnor a0, a1, a2
    clz a0, a1
    ctz a0, a1
    cpop a0, a1
    clzw a0, a1
    ctzw a0, a1
    cpopw a0, a1
    max a0, a1, a2
    maxu a0, a1, a2
    min a0, a1, a2
    minu a0, a1, a2
    sext.b a0, a1
    sext.h a0, a1
    zext.h a0, a1
    rol a0, a1, a2
    ror a0, a1, a2
    rolw a0, a1, a2
    rorw a0, a1, a2
    rori a0, a1, 63
    roriw a0, a1, 31
    orc.b a0, a1
    rev8 a0, a1
    bclr a0, a1, a2
    bclri a0, a1, 63
    bext a0, a1, a2
    bexti a0, a1, 5
    binv a0, a1, a2
    binvi a0, a1, 0
    bset a0, a1, a2
    bseti a0, a1, 33
    /* C */
    .option rvc
    c.addi4spn s1, sp, 1020
    c.lw s0, 124(a5)
    c.ld a4, 248(s1)
    c.sw a1, 64(a2)
    c.sd a3, 128(a4)
    c.nop
    c.addi t0, -32
    c.addiw a0, -1
    c.addiw a0, 0
    c.li t6, 31
    c.addi16sp sp, -512
    c.lui s2, 0x1f
    c.lui t0, 0xfffe0
    c.srli s1, 63
    c.srai a2, 1
    c.andi a3, 31
    c.sub s0, s1
    c.xor a4, a5
    c.or a0, a1
    c.and a2, a3
    c.subw a4, a5
    c.addw s0, a5
    c.j corpus
    c.beqz s1, corpus
    c.bnez a5, corpus
    c.slli t1, 63
    c.lwsp t2, 252(sp)
    c.ldsp s3, 504(sp)
    c.jr t0
    c.jr ra
    c.mv t1, t2
    c.ebreak
    c.jalr t3
    c.add t4, t5
    c.swsp s4, 252(sp)
    c.sdsp s5, 504(sp)
    c.unimp
