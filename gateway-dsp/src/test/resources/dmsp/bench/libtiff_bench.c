/*
 * libtiff in process, for side-by-side figures with the Java codec (scripts/bench codec).
 * Declares the few libtiff entry points it calls itself, so only libtiff.so is needed (no -dev package).
 *   libtiff_bench decode FILE.tif SECONDS     -> pages per CPU-second decoding strip 0 again and again
 *   libtiff_bench encode RAW.tif g3|g3:2d|g4 SECONDS -> pages per CPU-second writing a 1-page file
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>

typedef struct tiff TIFF;
extern TIFF *TIFFOpen(const char *, const char *);
extern void TIFFClose(TIFF *);
extern int TIFFGetField(TIFF *, uint32_t, ...);
extern int TIFFSetField(TIFF *, uint32_t, ...);
extern int64_t TIFFReadEncodedStrip(TIFF *, uint32_t, void *, int64_t);
extern int64_t TIFFWriteEncodedStrip(TIFF *, uint32_t, void *, int64_t);
extern void *TIFFSetWarningHandler(void *);

static double cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: libtiff_bench decode FILE SECONDS | encode RAW g3|g3:2d|g4 SECONDS\n");
        return 2;
    }
    TIFFSetWarningHandler(NULL);
    int decode = strcmp(argv[1], "decode") == 0;
    TIFF *in = TIFFOpen(argv[2], "rc"); /* c: no strip chopping, strip 0 is the page */
    if (!in) return 1;
    uint32_t w = 0, h = 0;
    TIFFGetField(in, 256, &w);
    TIFFGetField(in, 257, &h);
    int64_t size = (int64_t) ((w + 7) / 8) * h;
    unsigned char *buf = malloc(size);
    double seconds = atof(argv[decode ? 3 : 4]);
    long pages = 0;
    double t0 = cpu_now(), t;
    if (decode) {
        do {
            if (TIFFReadEncodedStrip(in, 0, buf, -1) < 0) return 1;
            pages++;
        } while ((t = cpu_now() - t0) < seconds);
    } else {
        if (TIFFReadEncodedStrip(in, 0, buf, -1) < 0) return 1;
        int comp = strcmp(argv[3], "g4") == 0 ? 4 : 3;
        uint32_t opts = strcmp(argv[3], "g3:2d") == 0 ? 1 : 0;
        char out[256];
        snprintf(out, sizeof out, "%s.enc.tif", argv[2]);
        do {
            TIFF *o = TIFFOpen(out, "w");
            TIFFSetField(o, 256, w);
            TIFFSetField(o, 257, h);
            TIFFSetField(o, 258, 1);
            TIFFSetField(o, 277, 1);
            TIFFSetField(o, 259, comp);
            TIFFSetField(o, 262, 0);
            TIFFSetField(o, 278, h);
            TIFFSetField(o, 284, 1);
            if (comp == 3) TIFFSetField(o, 292, opts);
            if (TIFFWriteEncodedStrip(o, 0, buf, size) < 0) return 1;
            TIFFClose(o);
            pages++;
        } while ((t = cpu_now() - t0) < seconds);
    }
    printf("%.1f\n", pages / t);
    TIFFClose(in);
    return 0;
}
