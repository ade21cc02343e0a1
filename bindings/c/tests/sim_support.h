/* Helpers for C suites that run against vipps-sim (scripts/with-simulator.sh sets VIPPS_SIM_*):
   a configured client, a reserved payment, and the simulator's control API through curl. */
#ifndef VIPPS_TEST_SIM_SUPPORT_H
#define VIPPS_TEST_SIM_SUPPORT_H

#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static inline const char *env(const char *name) {
    const char *value = getenv(name);
    if (value == NULL || *value == 0) {
        fprintf(stderr, "%s is not set; run the suite through scripts/with-simulator.sh\n", name);
        exit(2);
    }
    return value;
}

static inline vipps_config *sim_config(void) {
    vipps_config *config = NULL;
    CHECK_STATUS(vipps_config_new(&config), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_base_url(config, env("VIPPS_SIM_URL")), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_ca_file(config, env("VIPPS_SIM_CA")), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_client_id(config, env("VIPPS_SIM_CLIENT_ID")), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_client_secret(config, env("VIPPS_SIM_CLIENT_SECRET")), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_subscription_key(config, env("VIPPS_SIM_SUBSCRIPTION_KEY")), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_merchant_serial_number(config, env("VIPPS_SIM_MSN")), VIPPS_OK);
    /* Fast retries keep the suite quick; the policy logic is the same. */
    CHECK_STATUS(vipps_config_set_retry_policy(config, 4, 20, 200, 20000), VIPPS_OK);
    return config;
}

static inline vipps_client *client_from(vipps_config *config) {
    vipps_client *client = NULL;
    CHECK_STATUS(vipps_client_new(config, &client), VIPPS_OK);
    vipps_config_free(config);
    return client;
}

static inline vipps_client *sim_client(void) { return client_from(sim_config()); }

static inline void unique_order_id(char *buffer, size_t size, const char *label) {
    static int counter = 0;
    snprintf(buffer, size, "c-%s-%ld-%ld-%d", label, (long)getpid(), (long)time(NULL), ++counter);
}

/* Initiates a regular payment; returns the initiation (caller frees) or NULL. */
static inline vipps_initiation *initiate_payment(vipps_client *client, const char *order_id, int64_t amount) {
    vipps_initiate_params *params = NULL;
    vipps_initiation *initiation = NULL;
    vipps_initiate_params_new(&params);
    vipps_initiate_params_set_order_id(params, order_id);
    vipps_initiate_params_set_amount(params, amount);
    vipps_initiate_params_set_transaction_text(params, "Test order");
    vipps_initiate_params_set_callback_prefix(params, "https://shop.example/vipps");
    vipps_initiate_params_set_fallback_url(params, "https://shop.example/done");
    vipps_initiate_params_set_phone_number(params, "91234567");
    vipps_initiate_params_set_auth_token(params, "shop-callback-secret-token");
    CHECK_STATUS(vipps_payment_initiate(client, params, &initiation), VIPPS_OK);
    vipps_initiate_params_free(params);
    return initiation;
}

/* A new payment approved by the customer: `amount` øre reserved. */
static inline void reserved_payment(vipps_client *client, char *order_id, size_t size, const char *label, int64_t amount) {
    unique_order_id(order_id, size, label);
    vipps_initiation *initiation = initiate_payment(client, order_id, amount);
    CHECK_STATUS(vipps_payment_force_approve(client, order_id, "91234567", vipps_initiation_token(initiation)), VIPPS_OK);
    vipps_initiation_free(initiation);
}

/* Calls the simulator's control API; returns the response body in `out` (may be NULL). */
static inline int sim_control(const char *method, const char *path, const char *json, char *out, size_t out_size) {
    char command[4096];
    snprintf(command, sizeof command,
             "curl -sS --max-time 10 --cacert '%s' -X %s -H 'Content-Type: application/json' %s%s%s '%s%s'",
             env("VIPPS_SIM_CA"), method, json ? "--data '" : "", json ? json : "", json ? "'" : "",
             env("VIPPS_SIM_URL"), path);
    FILE *pipe = popen(command, "r");
    if (pipe == NULL) return -1;
    size_t length = 0;
    char scratch[256];
    if (out == NULL) { out = scratch; out_size = sizeof scratch; }
    out[0] = 0;
    size_t n;
    while ((n = fread(out + length, 1, out_size - 1 - length, pipe)) > 0) {
        length += n;
        if (length >= out_size - 1) break;
    }
    out[length] = 0;
    return pclose(pipe);
}

/* Number of log entries with `operation` in a payment's details. */
static inline int count_operations(vipps_client *client, const char *order_id, const char *operation) {
    vipps_payment *payment = NULL;
    int count = 0;
    if (vipps_payment_get_details(client, order_id, &payment) == VIPPS_OK) {
        for (size_t i = 0; i < vipps_payment_log_count(payment); i++) {
            if (strcmp(vipps_payment_log_operation(payment, i), operation) == 0) count++;
        }
    }
    vipps_payment_free(payment);
    return count;
}

static inline vipps_state state_of(vipps_client *client, const char *order_id) {
    vipps_payment *payment = NULL;
    vipps_state state = VIPPS_STATE_UNKNOWN;
    if (vipps_payment_get_details(client, order_id, &payment) == VIPPS_OK) state = vipps_payment_state(payment);
    vipps_payment_free(payment);
    return state;
}

#endif
