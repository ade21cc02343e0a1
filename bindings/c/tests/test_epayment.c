/* The same C shop code on eCom and on ePayment: only vipps_config_set_payment_api differs. Runs
   against vipps-sim (scripts/with-simulator.sh). */
#include "sim_support.h"

enum flow { FLOW_WEB_REDIRECT, FLOW_NATIVE_REDIRECT, FLOW_PUSH_MESSAGE };

static vipps_client *client_for(vipps_payment_api api) {
    vipps_config *config = sim_config();
    CHECK_STATUS(vipps_config_set_payment_api(config, api), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_poll_intervals(config, 0, 100), VIPPS_OK);
    return client_from(config);
}

static int64_t payment_value(vipps_client *client, const char *order_id, int64_t (*read)(const vipps_payment *)) {
    vipps_payment *payment = NULL;
    int64_t value = -1;
    if (vipps_payment_get_details(client, order_id, &payment) == VIPPS_OK) value = read(payment);
    vipps_payment_free(payment);
    return value;
}

/* A shop's whole flow: initiate, approve, wait, capture part, capture the rest, refund part. */
static void shop_flow(vipps_payment_api api, enum flow flow, const char *label) {
    vipps_client *client = client_for(api);
    char order_id[64];
    unique_order_id(order_id, sizeof order_id, label);

    vipps_initiate_params *params = NULL;
    CHECK_STATUS(vipps_initiate_params_new(&params), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_order_id(params, order_id), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_amount(params, 1000), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_transaction_text(params, "Two pairs of socks"), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_callback_prefix(params, "https://shop.example/vipps"), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_fallback_url(params, "https://shop.example/done"), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_phone_number(params, "91234567"), VIPPS_OK);
    if (flow == FLOW_NATIVE_REDIRECT) CHECK_STATUS(vipps_initiate_params_set_is_app(params, 1), VIPPS_OK);
    if (flow == FLOW_PUSH_MESSAGE) CHECK_STATUS(vipps_initiate_params_set_skip_landing_page(params, 1), VIPPS_OK);
    vipps_initiation *initiation = NULL;
    CHECK_STATUS(vipps_payment_initiate(client, params, &initiation), VIPPS_OK);
    vipps_initiate_params_free(params);
    const char *token = vipps_initiation_token(initiation);
    CHECK((token == NULL) == (flow == FLOW_PUSH_MESSAGE));
    CHECK_STATUS(vipps_payment_force_approve(client, order_id, "91234567", token ? token : ""), VIPPS_OK);
    vipps_initiation_free(initiation);

    vipps_payment *payment = NULL;
    CHECK_STATUS(vipps_payment_wait(client, order_id, 5000, &payment), VIPPS_OK);
    CHECK(vipps_payment_state(payment) == VIPPS_STATE_RESERVED);
    CHECK(vipps_payment_amount(payment) == 1000);
    CHECK(vipps_payment_remaining_to_capture(payment) == 1000);
    vipps_payment_free(payment);

    vipps_transaction *transaction = NULL;
    CHECK_STATUS(vipps_payment_capture(client, order_id, 400, "Part", NULL, &transaction), VIPPS_OK);
    CHECK(vipps_transaction_captured_amount(transaction) == 400);
    CHECK(vipps_transaction_remaining_to_capture(transaction) == 600);
    CHECK(strlen(vipps_transaction_request_id(transaction)) > 0);
    vipps_transaction_free(transaction);
    CHECK(state_of(client, order_id) == VIPPS_STATE_PARTIALLY_CAPTURED);

    CHECK_STATUS(vipps_payment_capture(client, order_id, VIPPS_AMOUNT_REMAINING, "Rest", NULL, &transaction),
                 VIPPS_OK);
    CHECK(vipps_transaction_captured_amount(transaction) == 1000);
    CHECK(vipps_transaction_remaining_to_capture(transaction) == 0);
    vipps_transaction_free(transaction);
    CHECK(state_of(client, order_id) == VIPPS_STATE_CAPTURED);

    CHECK_STATUS(vipps_payment_refund(client, order_id, 300, "Back", "shop-refund-1", &transaction), VIPPS_OK);
    CHECK(vipps_transaction_refunded_amount(transaction) == 300);
    CHECK(vipps_transaction_remaining_to_refund(transaction) == 700);
    CHECK_STR(vipps_transaction_request_id(transaction), "shop-refund-1");
    vipps_transaction_free(transaction);
    CHECK(state_of(client, order_id) == VIPPS_STATE_PARTIALLY_REFUNDED);
    CHECK(payment_value(client, order_id, vipps_payment_captured_amount) == 1000);
    CHECK(payment_value(client, order_id, vipps_payment_refunded_amount) == 300);
    /* The existing log accessors keep eCom's newest-first meaning on both APIs. */
    CHECK(count_operations(client, order_id, "CAPTURE") == 2);
    CHECK(count_operations(client, order_id, "REFUND") == 1);
    vipps_client_free(client);
}

/* Vipps: ePayment captures, refunds and reads what eCom initiated ("create last"). */
static void test_ecom_order_captured_and_refunded_by_an_epayment_client(void) {
    vipps_client *ecom = client_for(VIPPS_PAYMENT_API_ECOM);
    vipps_client *epayment = client_for(VIPPS_PAYMENT_API_EPAYMENT);
    char order_id[64];
    reserved_payment(ecom, order_id, sizeof order_id, "ep-mig", 2000);
    CHECK(state_of(epayment, order_id) == VIPPS_STATE_RESERVED);
    vipps_transaction *transaction = NULL;
    CHECK_STATUS(vipps_payment_capture(epayment, order_id, VIPPS_AMOUNT_REMAINING, "x", NULL, &transaction), VIPPS_OK);
    CHECK(vipps_transaction_captured_amount(transaction) == 2000);
    vipps_transaction_free(transaction);
    CHECK_STATUS(vipps_payment_refund(epayment, order_id, 500, "x", NULL, &transaction), VIPPS_OK);
    CHECK(vipps_transaction_refunded_amount(transaction) == 500);
    vipps_transaction_free(transaction);
    CHECK(state_of(ecom, order_id) == VIPPS_STATE_PARTIALLY_REFUNDED);
    CHECK(state_of(epayment, order_id) == VIPPS_STATE_PARTIALLY_REFUNDED);
    vipps_client_free(ecom);
    vipps_client_free(epayment);
}

static void test_epayment_input_rules(void) {
    vipps_config *config = sim_config();
    CHECK_STATUS(vipps_config_set_payment_api(config, 7), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_config_set_payment_api(config, VIPPS_PAYMENT_API_EPAYMENT), VIPPS_OK);
    vipps_client *client = client_from(config);
    /* eCom takes 1-character order ids; an ePayment reference needs 8. */
    vipps_initiation *initiation = NULL;
    vipps_initiate_params *params = NULL;
    vipps_initiate_params_new(&params);
    vipps_initiate_params_set_order_id(params, "short");
    vipps_initiate_params_set_amount(params, 1000);
    vipps_initiate_params_set_transaction_text(params, "Socks");
    vipps_initiate_params_set_callback_prefix(params, "https://shop.example/vipps");
    vipps_initiate_params_set_fallback_url(params, "https://shop.example/done");
    CHECK_STATUS(vipps_payment_initiate(client, params, &initiation), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK(initiation == NULL);
    vipps_initiate_params_free(params);
    /* Capture before approval: ePayment's problem, in the usual error fields. */
    char order_id[64];
    unique_order_id(order_id, sizeof order_id, "ep-early");
    initiation = initiate_payment(client, order_id, 1000);
    vipps_initiation_free(initiation);
    vipps_transaction *transaction = NULL;
    CHECK_STATUS(vipps_payment_capture(client, order_id, 500, "x", NULL, &transaction), VIPPS_ERR_REJECTED);
    vipps_error *error = NULL;
    CHECK_STATUS(vipps_client_last_error(client, &error), VIPPS_OK);
    CHECK(vipps_error_http_status(error) == 400);
    CHECK_STR(vipps_error_code(error), "6080");
    vipps_error_free(error);
    vipps_client_free(client);
}

/* A create repeated with the caller's key after a "crash" gets the first answer, not a second payment. */
static void test_create_repeated_with_the_same_key(void) {
    vipps_client *client = client_for(VIPPS_PAYMENT_API_EPAYMENT);
    char order_id[64];
    unique_order_id(order_id, sizeof order_id, "ep-key");
    vipps_initiate_params *params = NULL;
    vipps_initiate_params_new(&params);
    vipps_initiate_params_set_order_id(params, order_id);
    vipps_initiate_params_set_amount(params, 1000);
    vipps_initiate_params_set_transaction_text(params, "Socks");
    vipps_initiate_params_set_fallback_url(params, "https://shop.example/done");
    CHECK_STATUS(vipps_initiate_params_set_idempotency_key(params, ""), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_initiate_params_set_idempotency_key(params, "shop-create-key-1"), VIPPS_OK);
    vipps_initiation *first = NULL, *again = NULL;
    CHECK_STATUS(vipps_payment_initiate(client, params, &first), VIPPS_OK);
    CHECK_STATUS(vipps_payment_initiate(client, params, &again), VIPPS_OK);
    CHECK_STR(vipps_initiation_idempotency_key(first), "shop-create-key-1");
    CHECK(first && again && strcmp(vipps_initiation_url(first), vipps_initiation_url(again)) == 0);
    CHECK(count_operations(client, order_id, "INITIATE") == 1);
    vipps_initiation_free(first);
    vipps_initiation_free(again);
    vipps_initiate_params_free(params);
    vipps_client_free(client);
}

/* What only ePayment has: user flow QR, a customer MSISDN, the cancelled amount, the event log. */
static void test_epayment_only_settings_and_event_log(void) {
    vipps_client *client = client_for(VIPPS_PAYMENT_API_EPAYMENT);
    char order_id[64];
    unique_order_id(order_id, sizeof order_id, "ep-qr");
    vipps_initiate_params *params = NULL;
    vipps_initiate_params_new(&params);
    vipps_initiate_params_set_order_id(params, order_id);
    vipps_initiate_params_set_amount(params, 1000);
    vipps_initiate_params_set_transaction_text(params, "At the counter");
    vipps_initiate_params_set_callback_prefix(params, "https://shop.example/vipps");
    vipps_initiate_params_set_fallback_url(params, "https://shop.example/done");
    CHECK_STATUS(vipps_initiate_params_set_user_flow(params, "QR"), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_user_flow(params, "qr-code"), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_initiate_params_set_currency(params, "NOK"), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_currency(params, "SEK"), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_initiate_params_set_customer_phone_number(params, "91234567"), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_initiate_params_set_customer_phone_number(params, "4791234567"), VIPPS_OK);
    vipps_initiation *initiation = NULL;
    CHECK_STATUS(vipps_payment_initiate(client, params, &initiation), VIPPS_OK);
    const char *token = vipps_initiation_token(initiation);
    CHECK(token != NULL);
    CHECK_STATUS(vipps_payment_force_approve(client, order_id, NULL, token ? token : ""), VIPPS_OK);
    vipps_initiation_free(initiation);

    /* The same settings on an eCom client are refused, not dropped. */
    vipps_client *ecom = client_for(VIPPS_PAYMENT_API_ECOM);
    vipps_initiate_params_set_order_id(params, "c-ep-ecom-refuses");
    CHECK_STATUS(vipps_payment_initiate(ecom, params, &initiation), VIPPS_ERR_INVALID_ARGUMENT);
    vipps_client_free(ecom);
    vipps_initiate_params_free(params);

    vipps_transaction *transaction = NULL;
    CHECK_STATUS(vipps_payment_capture(client, order_id, 250, "", "cap-1", &transaction), VIPPS_OK);
    vipps_transaction_free(transaction);
    CHECK_STATUS(vipps_payment_cancel(client, order_id, "", 0, &transaction), VIPPS_OK);
    vipps_transaction_free(transaction);

    vipps_payment *payment = NULL;
    CHECK_STATUS(vipps_payment_get_details(client, order_id, &payment), VIPPS_OK);
    CHECK_STR(vipps_payment_currency(payment), "NOK");
    CHECK(vipps_payment_cancelled_amount(payment) == 750);
    CHECK(vipps_payment_state(payment) == VIPPS_STATE_CAPTURED);
    CHECK(vipps_payment_event_count(payment) == 4);
    const char *expected[] = {"CREATED", "AUTHORIZED", "CAPTURED", "CANCELLED"};
    int64_t amounts[] = {1000, 1000, 250, 750};
    for (size_t i = 0; i < 4; i++) {
        CHECK_STR(vipps_payment_event_name(payment, i), expected[i]);
        CHECK(vipps_payment_event_amount(payment, i) == amounts[i]);
        CHECK(vipps_payment_event_success(payment, i) == 1);
    }
    CHECK_STR(vipps_payment_event_idempotency_key(payment, 2), "cap-1");
    CHECK(vipps_payment_event_name(payment, 4) == NULL);
    /* The log accessors: the same history, newest first, in eCom's names. */
    CHECK_STR(vipps_payment_log_operation(payment, 0), "CANCEL");
    CHECK_STR(vipps_payment_log_operation(payment, 3), "INITIATE");
    vipps_payment_free(payment);
    vipps_client_free(client);
}

int main(void) {
    /* The simulator's sales unit may push straight to the phone (PUSH_MESSAGE / skip landing page). */
    char settings[256];
    snprintf(settings, sizeof settings, "{\"merchants\":{\"%s\":{\"maySkipLandingPage\":true}}}", env("VIPPS_SIM_MSN"));
    CHECK(sim_control("POST", "/sim/v1/settings", settings, NULL, 0) == 0);

    vipps_payment_api apis[] = {VIPPS_PAYMENT_API_ECOM, VIPPS_PAYMENT_API_EPAYMENT};
    for (int i = 0; i < 2; i++) {
        shop_flow(apis[i], FLOW_WEB_REDIRECT, "ep-web");
        shop_flow(apis[i], FLOW_NATIVE_REDIRECT, "ep-app");
    }
    /* eCom's force approve does not take skip-landing-page payments; ePayment's does. */
    shop_flow(VIPPS_PAYMENT_API_EPAYMENT, FLOW_PUSH_MESSAGE, "ep-push");
    test_ecom_order_captured_and_refunded_by_an_epayment_client();
    test_epayment_input_rules();
    test_epayment_only_settings_and_event_log();
    test_create_repeated_with_the_same_key();
    return check_summary("test_epayment");
}
