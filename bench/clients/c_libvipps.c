/* c_libvipps.c — the benchmark's libvipps client: details calls over one shared vipps_client.
 * See bench_common.h for the command line and the report. The token fetch happens inside the
 * first call, as it does for a shop.
 */
#include <pthread.h>
#include <vipps.h>

#include "bench_common.h"

static vipps_client *client;
static bench_args args;

static void fail(const char *what) {
    fprintf(stderr, "c-libvipps: %s: %s\n", what, vipps_error_message(vipps_error_last()));
    exit(1);
}

/* One details call; the answer is decoded by the library (state, amounts, log), as every call
   of a shop's is. Returns the number of log entries, so the caller can check the decoding. */
static size_t details_call(void) {
    vipps_payment *payment = NULL;
    if (vipps_payment_get_details(client, BENCH_ORDER_ID, &payment) != VIPPS_OK) fail("details");
    size_t entries = vipps_payment_log_count(payment);
    vipps_payment_free(payment);
    return entries;
}

static void *worker(void *calls) {
    long count = *(long *)calls;
    for (long i = 1; i <= count; i++) {
        details_call();
        if (args.threads == 1) bench_checkpoint(&args, i);
    }
    return NULL;
}

int main(int argc, char **argv) {
    double started = bench_now();
    args = bench_parse_args(argc, argv);
    vipps_config *config = NULL;
    if (vipps_config_new(&config) != VIPPS_OK) fail("config");
    if (vipps_config_set_base_url(config, args.url) != VIPPS_OK) fail("base URL");
    if (vipps_config_set_ca_file(config, args.ca_file) != VIPPS_OK) fail("CA file");
    vipps_config_set_client_id(config, BENCH_CLIENT_ID);
    vipps_config_set_client_secret(config, BENCH_CLIENT_SECRET);
    vipps_config_set_subscription_key(config, BENCH_SUBSCRIPTION_KEY);
    vipps_config_set_merchant_serial_number(config, BENCH_MSN);
    const char *api = getenv("BENCH_API");
    int epayment = api != NULL && strcmp(api, "epayment") == 0;
    if (epayment && vipps_config_set_payment_api(config, VIPPS_PAYMENT_API_EPAYMENT) != VIPPS_OK) fail("API");
    /* The token-sharing run: processes that share the file store in this directory. */
    const char *token_dir = getenv("BENCH_TOKEN_DIR");
    if (token_dir != NULL && *token_dir != 0 && vipps_config_set_token_file_store(config, token_dir) != VIPPS_OK)
        fail("token file store");
    if (vipps_client_new(config, &client) != VIPPS_OK) fail("client");
    vipps_config_free(config);

    /* Token + first details, and a check that the fixed answer decodes as intended. */
    vipps_payment *payment = NULL;
    if (vipps_payment_get_details(client, BENCH_ORDER_ID, &payment) != VIPPS_OK) fail("first details");
    if (vipps_payment_state(payment) != VIPPS_STATE_PARTIALLY_REFUNDED || vipps_payment_log_count(payment) != 4 ||
        (epayment && vipps_payment_event_count(payment) != BENCH_EPAYMENT_EVENTS)) {
        fprintf(stderr, "c-libvipps: unexpected details: state %s, %zu log entries\n",
                vipps_state_string(vipps_payment_state(payment)), vipps_payment_log_count(payment));
        return 1;
    }
    vipps_payment_free(payment);

    bench_clock clock;
    clock.setup_s = bench_now() - started;
    bench_start(&clock);
    if (args.threads == 1) {
        worker(&args.n);
    } else {
        pthread_t threads[64];
        long share[64];
        if (args.threads > 64) args.threads = 64;
        for (int t = 0; t < args.threads; t++) {
            share[t] = args.n / args.threads + (t < args.n % args.threads ? 1 : 0);
            if (pthread_create(&threads[t], NULL, worker, &share[t]) != 0) {
                fprintf(stderr, "c-libvipps: pthread_create failed\n");
                return 1;
            }
        }
        for (int t = 0; t < args.threads; t++) pthread_join(threads[t], NULL);
    }
    bench_report("c-libvipps", &args, &clock);
    vipps_client_free(client);
    return 0;
}
