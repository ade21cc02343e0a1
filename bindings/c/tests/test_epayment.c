/* The same C shop code on eCom and on ePayment: only vipps_config_set_payment_api differs. Runs
   against vipps-sim (scripts/with-simulator.sh). */
#include "sim_support.h"

#include <time.h>

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

/* An RFC 3339 time `seconds` from now, in UTC. */
static void time_from_now(char *buffer, size_t size, long seconds) {
    time_t when = time(NULL) + seconds;
    struct tm parts;
    gmtime_r(&when, &parts);
    strftime(buffer, size, "%Y-%m-%dT%H:%M:%SZ", &parts);
}

/* The Content-Type the simulator serves at `url` (a QR code's image). */
static void content_type_of(const char *url, char *out, size_t out_size) {
    char command[4096];
    snprintf(command, sizeof command, "curl -sS --max-time 10 --cacert '%s' -o /dev/null -w '%%{content_type}' '%s'",
             env("VIPPS_SIM_CA"), url);
    out[0] = 0;
    FILE *pipe = popen(command, "r");
    if (pipe == NULL) return;
    size_t n = fread(out, 1, out_size - 1, pipe);
    out[n] = 0;
    pclose(pipe);
}

static vipps_initiate_params *epayment_params(const char *order_id, const char *flow) {
    vipps_initiate_params *params = NULL;
    CHECK_STATUS(vipps_initiate_params_new(&params), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_order_id(params, order_id), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_amount(params, 2500), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_transaction_text(params, "Coffee and a bun"), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_fallback_url(params, "https://shop.example/done"), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_user_flow(params, flow), VIPPS_OK);
    return params;
}

static void add_coffee_receipt(vipps_initiate_params *params) {
    CHECK_STATUS(vipps_initiate_params_add_receipt_line(params, "kaffe-1", "Kaffe ☕", 2000, 1600, 400, 2500, 0),
                 VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_add_receipt_line(params, "bolle-1", "Bolle", 500, 446, 54, 1250, 0), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_receipt_bottom_line(params, 0, "till-3", "R-1001"), VIPPS_OK);
}

/* The setter refuses `status`'s input with the field named. */
static void check_refused(vipps_status status, const char *field) {
    CHECK(status == VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(vipps_error_field(vipps_error_last()), field);
}

/* expiresAt, receipt, personal QR, customer token and the QR format: checked when set, sent as
   ePayment takes them (the simulator refuses a create that lacks what they need), refused on eCom. */
static void test_epayment_new_inputs(void) {
    vipps_client *client = client_for(VIPPS_PAYMENT_API_EPAYMENT);
    vipps_initiate_params *params = NULL;
    vipps_initiate_params_new(&params);
    check_refused(vipps_initiate_params_set_expires_at(params, "tomorrow"), "expires_at");
    check_refused(vipps_initiate_params_set_expires_at(params, "2026-12-24 18:00:00"), "expires_at");
    check_refused(vipps_initiate_params_add_receipt_line(params, "", "Kaffe", 100, 80, 20, 2500, 0), "receipt_line_id");
    check_refused(vipps_initiate_params_add_receipt_line(params, "k", "Kaffe", -1, 80, 20, 2500, 0),
                  "receipt_line_total_amount");
    check_refused(vipps_initiate_params_add_receipt_line(params, "k", "Kaffe", 100, 80, 20, 10001, 0),
                  "receipt_line_tax_rate");
    check_refused(vipps_initiate_params_set_receipt_bottom_line(params, -5, NULL, NULL), "receipt_tip_amount");
    check_refused(vipps_initiate_params_set_qr_format(params, "IMAGE/GIF", 0), "qr_format");
    check_refused(vipps_initiate_params_set_qr_format(params, "IMAGE/SVG+XML", 400), "qr_format");
    check_refused(vipps_initiate_params_set_qr_format(params, "IMAGE/PNG", 99), "qr_format");
    check_refused(vipps_initiate_params_set_customer_personal_qr(params, "qr"), "customer_personal_qr");
    check_refused(vipps_initiate_params_set_customer_token(params, ""), "customer_token");
    vipps_initiate_params_free(params);

    /* A long-living QR payment with a receipt, its code as a PNG. */
    char order_id[64], expires[32];
    unique_order_id(order_id, sizeof order_id, "ep-long");
    time_from_now(expires, sizeof expires, 86400);
    params = epayment_params(order_id, "QR");
    CHECK_STATUS(vipps_initiate_params_set_expires_at(params, expires), VIPPS_OK);
    vipps_initiation *initiation = NULL;
    /* An expiry needs a receipt: refused before anything is sent. */
    check_refused(vipps_payment_initiate(client, params, &initiation), "receipt");
    add_coffee_receipt(params);
    CHECK_STATUS(vipps_initiate_params_set_qr_format(params, "IMAGE/PNG", 400), VIPPS_OK);
    CHECK_STATUS(vipps_payment_initiate(client, params, &initiation), VIPPS_OK);
    vipps_initiate_params_free(params);
    char type[128];
    content_type_of(vipps_initiation_url(initiation), type, sizeof type);
    CHECK(strncmp(type, "image/png", 9) == 0);
    const char *token = vipps_initiation_token(initiation);
    CHECK(token != NULL);
    CHECK_STATUS(vipps_payment_force_approve(client, order_id, "4791234567", token ? token : ""), VIPPS_OK);
    vipps_initiation_free(initiation);
    CHECK(state_of(client, order_id) == VIPPS_STATE_RESERVED);

    /* TEXT/TARGETURL: the URL to encode is the payment's landing page, not an image. */
    unique_order_id(order_id, sizeof order_id, "ep-target");
    params = epayment_params(order_id, "QR");
    CHECK_STATUS(vipps_initiate_params_set_qr_format(params, "TEXT/TARGETURL", 0), VIPPS_OK);
    CHECK_STATUS(vipps_payment_initiate(client, params, &initiation), VIPPS_OK);
    content_type_of(vipps_initiation_url(initiation), type, sizeof type);
    CHECK(strncmp(type, "text/html", 9) == 0);
    vipps_initiation_free(initiation);
    /* A QR format belongs to the QR flow; an expiry to PUSH_MESSAGE and QR. */
    vipps_initiate_params_set_user_flow(params, "WEB_REDIRECT");
    check_refused(vipps_payment_initiate(client, params, &initiation), "qr_format");
    vipps_initiate_params_free(params);
    params = epayment_params(order_id, "WEB_REDIRECT");
    vipps_initiate_params_set_expires_at(params, expires);
    add_coffee_receipt(params);
    check_refused(vipps_payment_initiate(client, params, &initiation), "expires_at");
    vipps_initiate_params_free(params);

    /* The customer by token (as a check-in gives it) and by personal QR: pushed to that phone
       (Norwegian numbers: the simulator's phone pages have 8 digits). */
    char body[512], ledger[16384];
    CHECK(sim_control("POST", "/sim/v1/customer-tokens", "{\"phoneNumber\":\"4791234560\"}", body, sizeof body) == 0);
    char *start = strstr(body, "\"customerToken\":\"");
    char customer_token[128] = "";
    if (start) sscanf(start + 17, "%127[^\"]", customer_token);
    CHECK(customer_token[0] != 0);
    struct { const char *kind, *value, *phone; } customers[] = {
        {"token", customer_token, "91234560"},
        {"qr", "https://qr.vipps.no/28/2/01/031/4791234568?v=1", "91234568"},
    };
    for (size_t i = 0; i < 2; i++) {
        unique_order_id(order_id, sizeof order_id, "ep-customer");
        params = epayment_params(order_id, "PUSH_MESSAGE");
        /* Each customer setter replaces the one before: exactly one customer reaches Vipps. */
        CHECK_STATUS(vipps_initiate_params_set_customer_phone_number(params, "4790000000"), VIPPS_OK);
        if (i == 0) CHECK_STATUS(vipps_initiate_params_set_customer_token(params, customers[i].value), VIPPS_OK);
        else CHECK_STATUS(vipps_initiate_params_set_customer_personal_qr(params, customers[i].value), VIPPS_OK);
        CHECK_STATUS(vipps_payment_initiate(client, params, &initiation), VIPPS_OK);
        CHECK_STR(vipps_initiation_url(initiation), "");
        vipps_initiation_free(initiation);
        vipps_initiate_params_free(params);
        char path[128];
        /* The simulated app of that number shows the payment. */
        snprintf(path, sizeof path, "/sim/v1/phone/%s", customers[i].phone);
        CHECK(sim_control("GET", path, NULL, ledger, sizeof ledger) == 0);
        CHECK(strstr(ledger, order_id) != NULL);
        CHECK_STATUS(vipps_payment_force_approve(client, order_id, NULL, ""), VIPPS_OK);
        CHECK(state_of(client, order_id) == VIPPS_STATE_RESERVED);
    }

    /* An eCom client refuses each of them by name instead of dropping it. */
    vipps_client *ecom = client_for(VIPPS_PAYMENT_API_ECOM);
    const char *fields[] = {"expires_at", "receipt_line", "receipt_bottom_line", "customer_personal_qr",
                            "customer_token", "qr_format"};
    for (size_t i = 0; i < 6; i++) {
        unique_order_id(order_id, sizeof order_id, "ep-on-ecom");
        params = NULL;
        vipps_initiate_params_new(&params);
        vipps_initiate_params_set_order_id(params, order_id);
        vipps_initiate_params_set_amount(params, 1000);
        vipps_initiate_params_set_transaction_text(params, "Socks");
        vipps_initiate_params_set_callback_prefix(params, "https://shop.example/vipps");
        vipps_initiate_params_set_fallback_url(params, "https://shop.example/done");
        switch (i) {
        case 0: CHECK_STATUS(vipps_initiate_params_set_expires_at(params, expires), VIPPS_OK); break;
        case 1: CHECK_STATUS(vipps_initiate_params_add_receipt_line(params, "s", "Socks", 1000, 800, 200, 2500, 0), VIPPS_OK); break;
        case 2: CHECK_STATUS(vipps_initiate_params_set_receipt_bottom_line(params, 0, "till", NULL), VIPPS_OK); break;
        case 3: CHECK_STATUS(vipps_initiate_params_set_customer_personal_qr(params, customers[1].value), VIPPS_OK); break;
        case 4: CHECK_STATUS(vipps_initiate_params_set_customer_token(params, customer_token), VIPPS_OK); break;
        default: CHECK_STATUS(vipps_initiate_params_set_qr_format(params, "IMAGE/PNG", 0), VIPPS_OK); break;
        }
        check_refused(vipps_payment_initiate(ecom, params, &initiation), fields[i]);
        CHECK(initiation == NULL);
        vipps_initiate_params_free(params);
    }
    vipps_client_free(ecom);
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
    test_epayment_new_inputs();
    return check_summary("test_epayment");
}
