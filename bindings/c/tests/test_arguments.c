/* The C ABI's promise that bad input gets a status, never a crash: NULL everywhere, invalid
   UTF-8, out-of-range values, stale and foreign handles. Needs no server. */
#include "check.h"
#include <stdint.h>

static void test_version(void) {
    CHECK_STR(vipps_version(), VIPPS_VERSION);
    CHECK(vipps_version_number() == VIPPS_VERSION_NUMBER);
    CHECK_STR(vipps_status_string(VIPPS_ERR_OUTCOME_UNKNOWN), "outcome unknown");
    CHECK_STR(vipps_status_string(12345), "unknown status");
    CHECK_STR(vipps_state_string(VIPPS_STATE_RESERVED), "reserved");
    CHECK_STR(vipps_state_string(-1), "unknown");
}

static void test_null_arguments(void) {
    vipps_config *config = NULL;
    CHECK_STATUS(vipps_config_new(NULL), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_config_set_client_id(NULL, "x"), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK(vipps_error_last() != NULL);
    CHECK(strstr(vipps_error_message(vipps_error_last()), "config") != NULL);
    CHECK_STATUS(vipps_config_new(&config), VIPPS_OK);
    CHECK(vipps_error_last() == NULL); /* a success clears the thread's last error */
    CHECK_STATUS(vipps_config_set_client_id(config, NULL), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK(strstr(vipps_error_message(vipps_error_last()), "client_id") != NULL);
    CHECK_STATUS(vipps_client_new(NULL, NULL), VIPPS_ERR_INVALID_ARGUMENT);

    vipps_client *client = (vipps_client *)0x1;
    CHECK_STATUS(vipps_client_new(config, &client), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK(client == NULL); /* out-parameters are cleared on entry */
    CHECK(strstr(vipps_error_message(vipps_error_last()), "client_id") != NULL);

    CHECK_STATUS(vipps_payment_get_details(NULL, "order-1", NULL), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_payment_initiate(NULL, NULL, NULL), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_payment_force_approve(NULL, NULL, NULL, NULL), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_client_last_error(NULL, NULL), VIPPS_ERR_INVALID_ARGUMENT);

    /* Accessors take NULL and answer with zero values. */
    CHECK(vipps_payment_state(NULL) == VIPPS_STATE_UNKNOWN);
    CHECK(vipps_payment_amount(NULL) == 0);
    CHECK(vipps_payment_log_count(NULL) == 0);
    CHECK(vipps_payment_log_operation(NULL, 0) == NULL);
    CHECK(vipps_initiation_url(NULL) == NULL);
    CHECK(vipps_error_message(NULL) == NULL);
    CHECK(vipps_error_status(NULL) == VIPPS_OK);

    /* Freeing NULL, freeing twice, and freeing the wrong kind of handle are all harmless. */
    vipps_config_free(NULL);
    vipps_client_free(NULL);
    vipps_payment_free((vipps_payment *)config); /* a config is not a payment: ignored */
    vipps_config_free(config);
    vipps_config_free(config);                   /* double free: ignored */
    CHECK_STATUS(vipps_config_set_client_id(config, "x"), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK(strstr(vipps_error_message(vipps_error_last()), "not a live") != NULL);
    vipps_error_free((vipps_error *)vipps_error_last()); /* the thread's error is not the caller's */
    CHECK(vipps_error_last() != NULL);
}

static void test_invalid_values(void) {
    vipps_config *config = NULL;
    vipps_initiate_params *params = NULL;
    const char invalid_utf8[] = { 'a', (char)0xC3, (char)0x28, 0 };

    CHECK_STATUS(vipps_config_new(&config), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_environment(config, 7), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_config_set_environment(config, VIPPS_ENV_CUSTOM), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_config_set_base_url(config, "ftp://example.com"), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_config_set_base_url(config, "https://exa mple.com"), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_config_set_base_url(config, "https://[::1]:99999"), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_config_set_base_url(config, "https://[::1]:8443"), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_merchant_serial_number(config, "12ab56"), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_config_set_merchant_serial_number(config, "1234567"), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_config_set_client_secret(config, invalid_utf8), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK(strstr(vipps_error_message(vipps_error_last()), "UTF-8") != NULL);
    CHECK_STATUS(vipps_config_set_timeouts(config, 0, 5000, 10000), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_config_set_timeouts(config, 1000, -5, 10000), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_config_set_timeouts(config, 1000, 5000, INT64_MAX), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_config_set_system_info(config, "a-name-that-is-far-longer-than-thirty-chars", NULL, NULL, NULL),
                 VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_config_set_system_info(config, "acme", "1.0", NULL, NULL), VIPPS_OK);

    CHECK_STATUS(vipps_initiate_params_new(&params), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_amount(params, 99), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK(strstr(vipps_error_message(vipps_error_last()), "amount") != NULL);
    CHECK_STATUS(vipps_initiate_params_set_amount(params, -100), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_initiate_params_set_amount(params, INT64_MAX), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_initiate_params_set_amount(params, 100), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_order_id(params, "order 1"), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_initiate_params_set_order_id(params, ""), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_initiate_params_set_order_id(params,
                 "abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghij"), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_initiate_params_set_order_id(params, invalid_utf8), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_initiate_params_set_phone_number(params, "+4791234567"), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_initiate_params_set_callback_prefix(params, "example.com/cb"), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_initiate_params_set_fallback_url(params, "no scheme"), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_initiate_params_set_auth_token(params, "bad\ntoken"), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_initiate_params_set_transaction_text(params, ""), VIPPS_ERR_INVALID_ARGUMENT);
    vipps_initiate_params_free(params);
    vipps_config_free(config);
}

/* vipps_error_field names what was refused; each one-value setter sets its value alone, so the
   order of the setters does not matter (the relation of two values is checked by client_new). */
static void test_error_field_and_one_value_setters(void) {
    vipps_config *config = NULL;
    vipps_initiate_params *params = NULL;
    CHECK(vipps_error_field(NULL) == NULL);
    CHECK_STATUS(vipps_initiate_params_new(&params), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_amount(params, 99), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(vipps_error_field(vipps_error_last()), "amount");
    vipps_initiate_params_free(params);

    CHECK_STATUS(vipps_config_new(&config), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_connect_timeout(config, 0), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(vipps_error_field(vipps_error_last()), "connect_timeout_ms");
    CHECK_STATUS(vipps_config_set_read_timeout(config, 3600001), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(vipps_error_field(vipps_error_last()), "read_timeout_ms");
    CHECK_STATUS(vipps_config_set_total_timeout(config, -1), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(vipps_error_field(vipps_error_last()), "total_timeout_ms");
    CHECK_STATUS(vipps_config_set_max_attempts(config, 21), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(vipps_error_field(vipps_error_last()), "max_attempts");
    CHECK_STATUS(vipps_config_set_call_deadline(config, 0), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(vipps_error_field(vipps_error_last()), "call_deadline_ms");
    CHECK_STATUS(vipps_config_set_max_backoff(config, 300001), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(vipps_error_field(vipps_error_last()), "max_backoff_ms");
    CHECK_STATUS(vipps_config_set_poll_interval(config, 99), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(vipps_error_field(vipps_error_last()), "poll_interval_ms");
    CHECK_STATUS(vipps_config_set_poll_initial_delay(config, -1), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(vipps_error_field(vipps_error_last()), "poll_initial_delay_ms");
    CHECK_STATUS(vipps_config_set_connect_timeout(config, 1000), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_read_timeout(config, 2000), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_total_timeout(config, 3000), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_max_attempts(config, 2), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_call_deadline(config, 9000), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_poll_initial_delay(config, 0), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_poll_interval(config, 100), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_base_url(config, "https://127.0.0.1:9"), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_client_id(config, "id"), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_client_secret(config, "secret"), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_subscription_key(config, "key"), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_merchant_serial_number(config, "123456"), VIPPS_OK);

    /* An initial backoff above the default maximum is accepted alone; the client refuses the
       pair until the maximum is raised too, in either order. */
    vipps_client *client = NULL;
    CHECK_STATUS(vipps_config_set_initial_backoff(config, 10000), VIPPS_OK);
    CHECK_STATUS(vipps_client_new(config, &client), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(vipps_error_field(vipps_error_last()), "max_backoff_ms");
    CHECK_STATUS(vipps_config_set_max_backoff(config, 20000), VIPPS_OK);
    CHECK_STATUS(vipps_client_new(config, &client), VIPPS_OK);
    CHECK(vipps_error_field(vipps_error_last()) == NULL);
    vipps_client_free(client);
    /* The all-at-once setter still checks the relation itself and changes nothing when refused. */
    CHECK_STATUS(vipps_config_set_retry_policy(config, 4, 10000, 5000, 60000), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(vipps_error_field(vipps_error_last()), "max_backoff_ms");
    CHECK_STATUS(vipps_client_new(config, &client), VIPPS_OK);
    vipps_client_free(client);
    vipps_config_free(config);
}

/* The capture rule on copied values: what vipps_payment_check_capture decides for a snapshot. */
static void test_check_capture_amount(void) {
    CHECK_STATUS(vipps_check_capture_amount(VIPPS_STATE_RESERVED, 10000, 100), VIPPS_OK);
    CHECK_STATUS(vipps_check_capture_amount(VIPPS_STATE_RESERVED, 10000, 10000), VIPPS_OK);
    CHECK_STATUS(vipps_check_capture_amount(VIPPS_STATE_RESERVED, 10000, VIPPS_AMOUNT_REMAINING), VIPPS_OK);
    CHECK_STATUS(vipps_check_capture_amount(VIPPS_STATE_RESERVED, 10000, 10001), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(vipps_error_field(vipps_error_last()), "amount");
    CHECK_STATUS(vipps_check_capture_amount(VIPPS_STATE_RESERVED, 10000, 0), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_check_capture_amount(VIPPS_STATE_RESERVED, 10000, 99), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_check_capture_amount(VIPPS_STATE_CAPTURED, 0, VIPPS_AMOUNT_REMAINING),
                 VIPPS_ERR_INVALID_ARGUMENT);
    CHECK(strstr(vipps_error_message(vipps_error_last()), "captured") != NULL);
    CHECK_STATUS(vipps_check_capture_amount(12345, 500, 100), VIPPS_OK); /* an unknown state is no error */
}

/* Webhooks and Userinfo: NULLs, counts without arrays, stale handles; out-parameters cleared. */
static void test_webhook_and_userinfo_arguments(void) {
    const char *names[] = {"x-ms-date"};
    const char *values[] = {"Thu, 30 Mar 2023 08:38:32 GMT"};
    const char *secrets[] = {"secret"};
    const char *null_secret[] = {NULL};
    vipps_webhook_refusal refusal = 42;
    CHECK_STATUS(vipps_webhook_verify(NULL, "https://shop.example/hook", names, values, 1, "{}", 2, secrets, 1, -1,
                                      &refusal),
                 VIPPS_ERR_INVALID_ARGUMENT);
    CHECK(refusal == VIPPS_WEBHOOK_VERIFIED);
    CHECK_STR(vipps_error_field(vipps_error_last()), "method");
    CHECK_STATUS(vipps_webhook_verify("POST", NULL, names, values, 1, "{}", 2, secrets, 1, -1, &refusal),
                 VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_webhook_verify("POST", "https://shop.example/hook", NULL, values, 1, "{}", 2, secrets, 1, -1,
                                      &refusal),
                 VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(vipps_error_field(vipps_error_last()), "header_names");
    CHECK_STATUS(vipps_webhook_verify("POST", "https://shop.example/hook", names, values, 1, NULL, 2, secrets, 1, -1,
                                      &refusal),
                 VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(vipps_error_field(vipps_error_last()), "body");
    CHECK_STATUS(vipps_webhook_verify("POST", "https://shop.example/hook", names, values, 1, "{}", 2, NULL, 1, -1,
                                      &refusal),
                 VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_webhook_verify("POST", "https://shop.example/hook", names, values, 1, "{}", 2, null_secret, 1,
                                      -1, &refusal),
                 VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(vipps_error_field(vipps_error_last()), "secrets[0]");
    CHECK_STATUS(vipps_webhook_verify("POST", "https://shop.example/hook", names, values, 1, "{}", 2, secrets, 1, -1,
                                      NULL),
                 VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_webhook_verify("POST", "ftp://shop.example/hook", names, values, 1, "{}", 2, secrets, 1, -1,
                                      &refusal),
                 VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_webhook_verify("POST", "https://shop.example/hook", names, values, 1, "{}", SIZE_MAX, secrets,
                                      1, -1, &refusal),
                 VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_webhook_verify("POST", "https://shop.example/hook", names, values, SIZE_MAX, "{}", 2, secrets,
                                      1, -1, &refusal),
                 VIPPS_ERR_INVALID_ARGUMENT);
    vipps_webhook_event *event = (vipps_webhook_event *)1;
    CHECK_STATUS(vipps_webhook_event_parse("{}", 2, NULL), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_webhook_event_parse(NULL, 0, &event), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK(event == NULL);

    char *id = (char *)1, *secret = (char *)1;
    CHECK_STATUS(vipps_webhook_register(NULL, "https://shop.example/hook", secrets, 1, &id, &secret),
                 VIPPS_ERR_INVALID_ARGUMENT);
    CHECK(id == NULL && secret == NULL);
    vipps_webhook_list *list = (vipps_webhook_list *)1;
    CHECK_STATUS(vipps_webhook_get_list(NULL, &list), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK(list == NULL);
    CHECK_STATUS(vipps_webhook_delete(NULL, "id"), VIPPS_ERR_INVALID_ARGUMENT);
    vipps_userinfo *info = (vipps_userinfo *)1;
    CHECK_STATUS(vipps_userinfo_get(NULL, "sub", &info), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK(info == NULL);

    vipps_config *config = NULL;
    vipps_client *client = NULL;
    vipps_config_new(&config);
    vipps_config_set_base_url(config, "https://127.0.0.1:9");
    vipps_config_set_client_id(config, "id");
    vipps_config_set_client_secret(config, "client-secret");
    vipps_config_set_subscription_key(config, "subscription-key");
    vipps_config_set_merchant_serial_number(config, "123456");
    CHECK_STATUS(vipps_client_new(config, &client), VIPPS_OK);
    vipps_config_free(config);
    /* Checked before anything is sent. */
    CHECK_STATUS(vipps_webhook_register(client, "https://shop.example/hook", secrets, 0, &id, &secret),
                 VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(vipps_error_field(vipps_error_last()), "events");
    CHECK_STATUS(vipps_webhook_register(client, "not a url", secrets, 1, &id, &secret), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_webhook_register(client, "https://shop.example/hook", secrets, 1, NULL, &secret),
                 VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_webhook_delete(client, ""), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_userinfo_get(client, "a/../b c", &info), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(vipps_error_field(vipps_error_last()), "sub");
    vipps_client_free(client);

    /* Accessors of NULL or of the wrong kind of handle. */
    CHECK(vipps_webhook_list_count(NULL) == 0);
    CHECK(vipps_webhook_list_id(NULL, 0) == NULL);
    CHECK(vipps_webhook_list_event((vipps_webhook_list *)client, 0, 0) == NULL);
    CHECK(vipps_userinfo_sub(NULL) == NULL);
    CHECK(vipps_userinfo_email_verified(NULL) == -1);
    CHECK(vipps_payment_sub(NULL) == NULL);
    vipps_webhook_list_free(NULL);
    vipps_userinfo_free(NULL);
    vipps_webhook_event_free((vipps_webhook_event *)client);
}

int main(void) {
    test_webhook_and_userinfo_arguments();
    test_check_capture_amount();
    test_version();
    test_null_arguments();
    test_invalid_values();
    test_error_field_and_one_value_setters();
    return check_summary("test_arguments");
}
