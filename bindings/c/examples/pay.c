/* pay.c — one Vipps payment, end to end, from C.
 *
 * Against vipps-sim (what `make demo` does) or the Vipps test environment:
 *   VIPPS_BASE_URL / VIPPS_CA_FILE      where to connect (default: the test environment)
 *   VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET, VIPPS_SUBSCRIPTION_KEY, VIPPS_MSN   your API keys
 * The VIPPS_SIM_* variables that scripts/with-simulator.sh sets are used when those are absent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <vipps.h>

static const char *setting(const char *name, const char *fallback_name) {
    const char *value = getenv(name);
    return value != NULL ? value : getenv(fallback_name);
}

static int fail(const char *step) {
    const vipps_error *error = vipps_error_last();
    fprintf(stderr, "%s failed: %s\n", step, vipps_error_message(error));
    if (vipps_error_context_id(error) != NULL) fprintf(stderr, "  Vipps contextId: %s\n", vipps_error_context_id(error));
    return 1;
}

int main(void) {
    vipps_config *config = NULL;
    vipps_client *client = NULL;
    vipps_initiate_params *params = NULL;
    vipps_initiation *initiation = NULL;
    vipps_payment *payment = NULL;
    char order_id[64];
    const char *base_url = setting("VIPPS_BASE_URL", "VIPPS_SIM_URL");
    const char *ca_file = setting("VIPPS_CA_FILE", "VIPPS_SIM_CA");

    printf("libvipps %s\n", vipps_version());
    vipps_config_new(&config);
    if (base_url != NULL && vipps_config_set_base_url(config, base_url) != VIPPS_OK) return fail("base URL");
    if (ca_file != NULL) vipps_config_set_ca_file(config, ca_file);
    vipps_config_set_client_id(config, setting("VIPPS_CLIENT_ID", "VIPPS_SIM_CLIENT_ID"));
    vipps_config_set_client_secret(config, setting("VIPPS_CLIENT_SECRET", "VIPPS_SIM_CLIENT_SECRET"));
    vipps_config_set_subscription_key(config, setting("VIPPS_SUBSCRIPTION_KEY", "VIPPS_SIM_SUBSCRIPTION_KEY"));
    vipps_config_set_merchant_serial_number(config, setting("VIPPS_MSN", "VIPPS_SIM_MSN"));
    vipps_config_set_system_info(config, "pay-example", "1.0", NULL, NULL);
    if (vipps_client_new(config, &client) != VIPPS_OK) return fail("creating the client");
    vipps_config_free(config);

    snprintf(order_id, sizeof order_id, "demo-%ld", (long)time(NULL));
    vipps_initiate_params_new(&params);
    vipps_initiate_params_set_order_id(params, order_id);
    vipps_initiate_params_set_amount(params, 49900); /* 499.00 NOK */
    vipps_initiate_params_set_transaction_text(params, "One pair of Vipps socks");
    vipps_initiate_params_set_callback_prefix(params, "https://shop.example/vipps");
    vipps_initiate_params_set_fallback_url(params, "https://shop.example/order/done");
    vipps_initiate_params_set_phone_number(params, "91234567");
    if (vipps_payment_initiate(client, params, &initiation) != VIPPS_OK) return fail("initiate");
    vipps_initiate_params_free(params);
    printf("1. initiated order %s for 499.00 NOK\n", order_id);
    printf("2. the customer is sent to %s\n", vipps_initiation_url(initiation));

    if (vipps_payment_force_approve(client, order_id, "91234567", vipps_initiation_token(initiation)) != VIPPS_OK)
        return fail("approve");
    printf("3. the customer approved in the app (test-environment force approve)\n");

    if (vipps_payment_get_details(client, order_id, &payment) != VIPPS_OK) return fail("details");
    printf("4. details: state %s, reserved %lld øre, captured %lld øre\n",
           vipps_state_string(vipps_payment_state(payment)),
           (long long)vipps_payment_remaining_to_capture(payment), (long long)vipps_payment_captured_amount(payment));
    for (size_t i = 0; i < vipps_payment_log_count(payment); i++) {
        printf("   log %zu: %-8s %lld øre  %s\n", i, vipps_payment_log_operation(payment, i),
               (long long)vipps_payment_log_amount(payment, i), vipps_payment_log_timestamp(payment, i));
    }
    int reserved = vipps_payment_state(payment) == VIPPS_STATE_RESERVED;
    vipps_payment_free(payment);
    vipps_initiation_free(initiation);
    vipps_client_free(client);
    printf(reserved ? "payment reserved: ready to capture when the goods ship\n" : "unexpected state\n");
    return reserved ? 0 : 1;
}
