/* float.c - double-precision floating point: an n-body simulation (sqrt and
 * division in the inner loop), a dense matrix multiply and a Mandelbrot set. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#define NBODY 48
#define STEPS 50000
#define DT 0.001
#define MAT 320
#define MANDEL_W 640
#define MANDEL_H 480
#define MANDEL_ITER 256

static double px[NBODY], py[NBODY], pz[NBODY], vx[NBODY], vy[NBODY], vz[NBODY], mass[NBODY];
static double ma[MAT][MAT], mb[MAT][MAT], mc[MAT][MAT];
static uint64_t rng_state = 7;

static double frand(void) /* uniform in [0, 1), 53 bits from an LCG */
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(rng_state >> 11) * (1.0 / 9007199254740992.0);
}

static double energy(void)
{
    double e = 0.0;
    for (int i = 0; i < NBODY; i++) {
        e += 0.5 * mass[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i]);
        for (int j = i + 1; j < NBODY; j++) {
            double dx = px[i] - px[j], dy = py[i] - py[j], dz = pz[i] - pz[j];
            e -= mass[i] * mass[j] / sqrt(dx * dx + dy * dy + dz * dz + 0.01);
        }
    }
    return e;
}

static long mandelbrot(void) /* total iterations over the grid */
{
    long total = 0;
    for (int y = 0; y < MANDEL_H; y++) {
        double ci = -1.2 + 2.4 * y / MANDEL_H;
        for (int x = 0; x < MANDEL_W; x++) {
            double cr = -2.1 + 3.0 * x / MANDEL_W, zr = 0.0, zi = 0.0;
            int n = 0;
            while (n < MANDEL_ITER && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                n++;
            }
            total += n;
        }
    }
    return total;
}

static void step(void)
{
    for (int i = 0; i < NBODY; i++) {
        for (int j = i + 1; j < NBODY; j++) {
            double dx = px[i] - px[j], dy = py[i] - py[j], dz = pz[i] - pz[j];
            double d2 = dx * dx + dy * dy + dz * dz + 0.01; /* softened */
            double mag = DT / (d2 * sqrt(d2));
            vx[i] -= dx * mass[j] * mag, vy[i] -= dy * mass[j] * mag, vz[i] -= dz * mass[j] * mag;
            vx[j] += dx * mass[i] * mag, vy[j] += dy * mass[i] * mag, vz[j] += dz * mass[i] * mag;
        }
    }
    for (int i = 0; i < NBODY; i++)
        px[i] += DT * vx[i], py[i] += DT * vy[i], pz[i] += DT * vz[i];
}

int main(void)
{
    for (int i = 0; i < NBODY; i++) {
        px[i] = frand() * 10 - 5, py[i] = frand() * 10 - 5, pz[i] = frand() * 10 - 5;
        vx[i] = frand() - 0.5, vy[i] = frand() - 0.5, vz[i] = frand() - 0.5;
        mass[i] = 0.5 + frand();
    }
    double e0 = energy();
    for (int s = 0; s < STEPS; s++)
        step();
    double e1 = energy();

    for (int i = 0; i < MAT; i++)
        for (int j = 0; j < MAT; j++)
            ma[i][j] = frand() - 0.5, mb[i][j] = frand() - 0.5;
    for (int i = 0; i < MAT; i++)
        for (int k = 0; k < MAT; k++)
            for (int j = 0; j < MAT; j++)
                mc[i][j] += ma[i][k] * mb[k][j];
    double trace = 0.0;
    for (int i = 0; i < MAT; i++)
        trace += mc[i][i] * (double)(i + 1);

    long iters = mandelbrot();

    /* Exact IEEE results are the same on every target when no FMA contraction
     * is done (bench/run builds with -ffp-contract=off). */
    printf("float energy %.12e -> %.12e trace %.12e mandelbrot %ld\n", e0, e1, trace, iters);
    return 0;
}
