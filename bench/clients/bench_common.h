/* bench_common.h — what every C benchmark client shares: its command line, the fixed request
 * headers, and the one JSON line it reports (CPU time from getrusage, RSS from /proc).
 *
 * Usage of every client:  CLIENT URL CA_FILE N THREADS [CHECKPOINTS]
 *   URL          the peer, e.g. https://127.0.0.1:40123
 *   CA_FILE      the PEM CA that signed the peer's certificate
 *   N            details calls to time, after the token fetch and one warm-up call (0: only
 *                those two requests, which is what a cold-start run measures)
 *   THREADS      threads sharing the work (each does N / THREADS calls)
 *   CHECKPOINTS  comma-separated call counts at which to record the RSS (one thread only)
 *
 * With BENCH_API=epayment in the environment a client speaks ePayment: a details call reads the
 * payment and its events (two GETs), as libvipps's details does on an ePayment client.
 *
 * Timing starts after the warm-up call, so a figure is the steady keep-alive cost per request,
 * not the start-up of a process, interpreter or TLS session (cold start is measured apart).
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* The same credentials and order for every client; the nginx peer does not check them. */
#define BENCH_CLIENT_ID "bench-client"
#define BENCH_CLIENT_SECRET "bench-secret"
#define BENCH_SUBSCRIPTION_KEY "bench-subscription-key"
#define BENCH_MSN "123456"
#define BENCH_ORDER_ID "bench-order-1"
/* On ePayment (BENCH_API=epayment) the payment has these events: CREATED, AUTHORIZED, CAPTURED,
   REFUNDED. */
#define BENCH_EPAYMENT_EVENTS 4
/* What libvipps sends in Vipps-System-* unless told otherwise; the other clients copy it. */
#define BENCH_SYSTEM_NAME "libvipps"
#define BENCH_SYSTEM_VERSION "0.2.0"
#define BENCH_PLUGIN_NAME "libvipps"
#define BENCH_PLUGIN_VERSION "0.2.0"

#define BENCH_MAX_CHECKPOINTS 8

typedef struct {
    const char *url;
    const char *ca_file;
    long n;
    int threads;
    long checkpoints[BENCH_MAX_CHECKPOINTS];
    long checkpoint_rss_kb[BENCH_MAX_CHECKPOINTS];
    int checkpoint_count;
} bench_args;

static inline void bench_usage(const char *program) {
    fprintf(stderr, "usage: %s URL CA_FILE N THREADS [CHECKPOINTS]\n", program);
    exit(2);
}

static inline bench_args bench_parse_args(int argc, char **argv) {
    bench_args args;
    memset(&args, 0, sizeof args);
    if (argc < 5 || argc > 6) bench_usage(argv[0]);
    args.url = argv[1];
    args.ca_file = argv[2];
    args.n = atol(argv[3]);
    args.threads = atoi(argv[4]);
    if (args.n < 0 || args.threads < 1) bench_usage(argv[0]);
    if (argc == 6) {
        char *rest = argv[5];
        while (*rest != '\0' && args.checkpoint_count < BENCH_MAX_CHECKPOINTS) {
            args.checkpoints[args.checkpoint_count++] = strtol(rest, &rest, 10);
            if (*rest == ',') rest++;
        }
    }
    return args;
}

/* User + system CPU seconds of the whole process (all threads). */
static inline double bench_cpu_seconds(double *user, double *sys) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    *user = (double)usage.ru_utime.tv_sec + (double)usage.ru_utime.tv_usec / 1e6;
    *sys = (double)usage.ru_stime.tv_sec + (double)usage.ru_stime.tv_usec / 1e6;
    return *user + *sys;
}

static inline long bench_maxrss_kb(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

/* The resident set now (VmRSS), in kB: unlike ru_maxrss it can show memory being given back. */
static inline long bench_rss_kb(void) {
    char line[256];
    long kb = -1;
    FILE *status = fopen("/proc/self/status", "r");
    if (status == NULL) return -1;
    while (fgets(line, sizeof line, status) != NULL) {
        if (strncmp(line, "VmRSS:", 6) == 0) {
            kb = atol(line + 6);
            break;
        }
    }
    fclose(status);
    return kb;
}

static inline double bench_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Records the RSS if `calls` is one of the checkpoints (called by the single timing thread). */
static inline void bench_checkpoint(bench_args *args, long calls) {
    for (int i = 0; i < args->checkpoint_count; i++) {
        if (args->checkpoints[i] == calls) args->checkpoint_rss_kb[i] = bench_rss_kb();
    }
}

/* What a run measured; printed as one JSON line on stdout. */
typedef struct {
    double start_wall, start_cpu, start_user, start_sys;
    double setup_s; /* from main() to the end of the warm-up call: client, token, first details */
} bench_clock;

static inline void bench_start(bench_clock *clock) {
    clock->start_cpu = bench_cpu_seconds(&clock->start_user, &clock->start_sys);
    clock->start_wall = bench_now();
}

static inline void bench_report(const char *client, const bench_args *args, const bench_clock *clock) {
    double user, sys;
    double wall = bench_now() - clock->start_wall;
    double cpu = bench_cpu_seconds(&user, &sys) - clock->start_cpu;
    printf("{\"client\":\"%s\",\"n\":%ld,\"threads\":%d,\"setup_s\":%.6f,\"wall_s\":%.6f,\"cpu_s\":%.6f,"
           "\"user_s\":%.6f,\"sys_s\":%.6f,\"rss_kb\":%ld,\"maxrss_kb\":%ld,\"checkpoints\":{",
           client, args->n, args->threads, clock->setup_s, wall, cpu, user - clock->start_user,
           sys - clock->start_sys, bench_rss_kb(), bench_maxrss_kb());
    for (int i = 0; i < args->checkpoint_count; i++) {
        printf("%s\"%ld\":%ld", i ? "," : "", args->checkpoints[i], args->checkpoint_rss_kb[i]);
    }
    printf("}}\n");
    fflush(stdout);
}

#endif
