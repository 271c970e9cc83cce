/* vm.c - a switch-dispatch bytecode interpreter: a small register machine runs
 * a loop program (an LCG feeding a histogram and an xor accumulator). */
#include <stdint.h>
#include <stdio.h>

enum op { LDI, MOV, ADD, SUB, MUL, AND, XOR, SHR, LD, ST, JNZ, JLT, CALL, RET, HALT };

struct insn {
    uint8_t op, a, b, c; /* opcode, destination/source registers */
    int32_t imm;         /* immediate or jump target */
};

#define NREG 16
#define MEMSZ 256

static uint64_t run(const struct insn *code, uint64_t *reg, uint64_t *mem)
{
    int stack[64], sp = 0;
    for (int pc = 0;;) {
        const struct insn *i = &code[pc++];
        switch (i->op) {
        case LDI: reg[i->a] = (uint64_t)(int64_t)i->imm; break;
        case MOV: reg[i->a] = reg[i->b]; break;
        case ADD: reg[i->a] = reg[i->b] + reg[i->c]; break;
        case SUB: reg[i->a] = reg[i->b] - reg[i->c]; break;
        case MUL: reg[i->a] = reg[i->b] * reg[i->c]; break;
        case AND: reg[i->a] = reg[i->b] & reg[i->c]; break;
        case XOR: reg[i->a] = reg[i->b] ^ reg[i->c]; break;
        case SHR: reg[i->a] = reg[i->b] >> (i->imm & 63); break;
        case LD: reg[i->a] = mem[reg[i->b] % MEMSZ]; break;
        case ST: mem[reg[i->b] % MEMSZ] = reg[i->a]; break;
        case JNZ: if (reg[i->a]) pc = i->imm; break;
        case JLT: if (reg[i->a] < reg[i->b]) pc = i->imm; break;
        case CALL: stack[sp++ & 63] = pc; pc = i->imm; break;
        case RET: pc = stack[--sp & 63]; break;
        case HALT: return reg[0];
        }
    }
}

int main(void)
{
    /* r1: outer counter, r2: LCG state, r3: multiplier, r4: increment, r5: xor
     * accumulator, r6: constant 1, r7..r9: temporaries, r10: inner counter. */
    static const struct insn prog[] = {
        /*  0 */ {LDI, 1, 0, 0, 2400000},
        /*  1 */ {LDI, 2, 0, 0, 12345},
        /*  2 */ {LDI, 3, 0, 0, 1103515245},
        /*  3 */ {LDI, 4, 0, 0, 12345},
        /*  4 */ {LDI, 6, 0, 0, 1},
        /*  5 */ {LDI, 5, 0, 0, 0},
        /*  6 */ {LDI, 10, 0, 0, 8},          /* outer: inner = 8 */
        /*  7 */ {CALL, 0, 0, 0, 15},         /* inner: step() */
        /*  8 */ {SUB, 10, 10, 6, 0},
        /*  9 */ {JNZ, 10, 0, 0, 7},
        /* 10 */ {SUB, 1, 1, 6, 0},
        /* 11 */ {JNZ, 1, 0, 0, 6},
        /* 12 */ {MOV, 0, 5, 0, 0},
        /* 13 */ {HALT, 0, 0, 0, 0},
        /* 14 */ {HALT, 0, 0, 0, 0},
        /* 15 */ {MUL, 2, 2, 3, 0},           /* step: x = x * a + c */
        /* 16 */ {ADD, 2, 2, 4, 0},
        /* 17 */ {SHR, 7, 2, 0, 33},
        /* 18 */ {LD, 8, 7, 0, 0},            /* mem[x >> 33]++ */
        /* 19 */ {ADD, 8, 8, 6, 0},
        /* 20 */ {ST, 8, 7, 0, 0},
        /* 21 */ {XOR, 5, 5, 7, 0},
        /* 22 */ {SHR, 9, 5, 0, 3},
        /* 23 */ {ADD, 5, 5, 9, 0},
        /* 24 */ {AND, 9, 2, 6, 0},           /* odd state: one extra mixing round */
        /* 25 */ {JLT, 9, 6, 0, 28},
        /* 26 */ {MUL, 5, 5, 3, 0},
        /* 27 */ {XOR, 5, 5, 2, 0},
        /* 28 */ {RET, 0, 0, 0, 0},
    };
    uint64_t reg[NREG] = {0}, mem[MEMSZ] = {0};
    uint64_t result = run(prog, reg, mem);
    uint64_t hist = 0;
    for (int i = 0; i < MEMSZ; i++)
        hist = hist * 131 + mem[i];
    printf("vm result %016llx histogram %016llx\n", (unsigned long long)result,
           (unsigned long long)hist);
    return 0;
}
