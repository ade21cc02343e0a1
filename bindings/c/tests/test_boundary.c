/* What the host hands libvipps and what it reads back, at the edges: stale and racing handles,
   base URLs that would break the request line, callbacks whose strings a C string cannot carry,
   and the host's own OpenSSL error queue. Needs no server. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include <openssl/err.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

static vipps_config *configured(const char *base_url) {
    vipps_config *config = NULL;
    CHECK_STATUS(vipps_config_new(&config), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_base_url(config, base_url), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_client_id(config, "id"), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_client_secret(config, "client-secret"), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_subscription_key(config, "subscription-key"), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_merchant_serial_number(config, "123456"), VIPPS_OK);
    return config;
}

/* A freed client's pointer must not reach the client created after it, even when the new one
   gets the freed one's memory. */
static void test_stale_client_handle(void) {
    vipps_config *config = configured("http://127.0.0.1:9");
    vipps_client *first = NULL;
    CHECK_STATUS(vipps_client_new(config, &first), VIPPS_OK);
    vipps_client_free(first);
    int reused = 0;
    for (int i = 0; i < 16; i++) {
        vipps_client *second = NULL;
        CHECK_STATUS(vipps_client_new(config, &second), VIPPS_OK);
        if (second == first) reused = 1;
        vipps_error *error = NULL;
        CHECK_STATUS(vipps_client_last_error(first, &error), VIPPS_ERR_INVALID_ARGUMENT);
        vipps_error_free(error);
        vipps_client_free(second);
    }
    CHECK(!reused); /* a handle names one object only, never a later one */
    vipps_config_free(config);
}

/* Threads using handles while another frees them: every call gets a value or nothing, never a
   freed object (run under ASan/TSan by make check-sanitizers). Only values are read here: a
   borrowed string lives only as long as its object, so reading it during a free would be the
   reader's own use-after-free. */
enum { STRESS_ROUNDS = 2000 };
static vipps_callback *shared_callback = NULL;
static int stress_done = 0;

static void *reader(void *unused) {
    (void)unused;
    while (!__atomic_load_n(&stress_done, __ATOMIC_ACQUIRE)) {
        vipps_callback *callback = __atomic_load_n(&shared_callback, __ATOMIC_ACQUIRE);
        int64_t amount = vipps_callback_amount(callback);
        vipps_state state = vipps_callback_state(callback);
        if ((amount != 0 && amount != 1000) || (state != VIPPS_STATE_UNKNOWN && state != VIPPS_STATE_RESERVED)) {
            fprintf(stderr, "FAIL reader saw amount %lld, state %d\n", (long long)amount, (int)state);
            abort();
        }
    }
    return NULL;
}

static void test_free_racing_use(void) {
    const char *body = "{\"orderId\":\"order-1\",\"transactionInfo\":{\"status\":\"RESERVED\",\"amount\":1000}}";
    pthread_t threads[2];
    for (int i = 0; i < 2; i++) CHECK(pthread_create(&threads[i], NULL, reader, NULL) == 0);
    for (int round = 0; round < STRESS_ROUNDS; round++) {
        vipps_callback *callback = NULL;
        CHECK_STATUS(vipps_callback_parse(body, &callback), VIPPS_OK);
        __atomic_store_n(&shared_callback, callback, __ATOMIC_RELEASE);
        vipps_callback_free(callback); /* the readers may still hold the old pointer */
    }
    __atomic_store_n(&stress_done, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < 2; i++) pthread_join(threads[i], NULL);
}

static void test_base_url_injection(void) {
    vipps_config *config = NULL;
    CHECK_STATUS(vipps_config_new(&config), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_base_url(config, "https://h/x HTTP/1.1\r\nX-Evil: 1\r\n\r\nGET /y"),
                 VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_config_set_base_url(config, "https://h/a b"), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_config_set_base_url(config, "http://010.0.0.1"), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_config_set_base_url(config, "https://h/ecomm"), VIPPS_OK);
    vipps_config_free(config);
}

/* Production with a base URL would send real credentials wherever the URL points. */
static void test_production_and_base_url_exclude_each_other(void) {
    vipps_config *config = NULL;
    CHECK_STATUS(vipps_config_new(&config), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_environment(config, VIPPS_ENV_PRODUCTION), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_base_url(config, "http://127.0.0.1:9"), VIPPS_ERR_INVALID_ARGUMENT);
    vipps_config_free(config);

    CHECK_STATUS(vipps_config_new(&config), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_base_url(config, "http://127.0.0.1:9"), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_environment(config, VIPPS_ENV_PRODUCTION), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_config_set_environment(config, VIPPS_ENV_TEST), VIPPS_ERR_INVALID_ARGUMENT);
    vipps_config_free(config);

    /* The default (test) followed by a base URL stays allowed: the URL wins. */
    CHECK_STATUS(vipps_config_new(&config), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_environment(config, VIPPS_ENV_TEST), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_base_url(config, "http://127.0.0.1:9"), VIPPS_OK);
    vipps_config_free(config);
}

static void test_callback_strings(void) {
    vipps_callback *callback = NULL;
    /* \u0000 would cut the C string short: the shop would read "order-1". */
    CHECK_STATUS(vipps_callback_parse("{\"orderId\":\"order-1\\u0000x\",\"transactionInfo\":{\"status\":\"RESERVED\"}}",
                                      &callback), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK(callback == NULL);
    CHECK_STATUS(vipps_callback_parse("{\"orderId\":\"order-1\\nx\",\"transactionInfo\":{\"status\":\"RESERVED\"}}",
                                      &callback), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_callback_parse("{\"orderId\":\"order-1\",\"transactionInfo\":{\"status\":\"RESERVE\"},"
                                      "\"userDetails\":{\"userId\":\"u\\u0000x\"}}", &callback),
                 VIPPS_ERR_INVALID_ARGUMENT);

    /* Fields the body lacks give NULL, addressLine2 included. */
    CHECK_STATUS(vipps_callback_parse("{\"orderId\":\"order-1\",\"transactionInfo\":{\"status\":\"RESERVE\"},"
                                      "\"shippingDetails\":{\"address\":{\"addressLine1\":\"Street 1\",\"city\":\"Oslo\"}}}",
                                      &callback), VIPPS_OK);
    CHECK_STR(vipps_callback_address_line1(callback), "Street 1");
    CHECK_STR(vipps_callback_address_line2(callback), NULL);
    vipps_callback_free(callback);
    CHECK_STATUS(vipps_callback_parse("{\"orderId\":\"order-1\",\"transactionInfo\":{\"status\":\"RESERVE\"},"
                                      "\"shippingDetails\":{\"address\":{\"addressLine2\":null}}}", &callback), VIPPS_OK);
    CHECK_STR(vipps_callback_address_line2(callback), NULL);
    vipps_callback_free(callback);

    vipps_shipping_request *request = NULL;
    CHECK_STATUS(vipps_shipping_request_parse("{\"addressId\":1,\"addressLine1\":\"Street 1\"}", &request), VIPPS_OK);
    CHECK_STR(vipps_shipping_request_address_line2(request), NULL);
    vipps_shipping_request_free(request);
    CHECK_STATUS(vipps_shipping_request_parse("{\"addressId\":1,\"city\":\"Os\\u0000lo\"}", &request),
                 VIPPS_ERR_INVALID_ARGUMENT);
}

static void test_consent_user_id(void) {
    char *user_id = NULL;
    CHECK_STATUS(vipps_consent_removal_user_id("/vipps/v2/consents/uiJskNQ6qNN1iwN891uuob%3D%3D", &user_id), VIPPS_OK);
    CHECK_STR(user_id, "uiJskNQ6qNN1iwN891uuob==");
    vipps_string_free(user_id);
    const char *bad[] = {"/v2/consents/%2E%2E", "/v2/consents/a%2Fb", "/v2/consents/a%5Cb", "/v2/consents/a%0Ab",
                         "/v2/consents/a%20b", "/v2/consents/..x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        user_id = (char *)"not cleared";
        CHECK_STATUS(vipps_consent_removal_user_id(bad[i], &user_id), VIPPS_ERR_INVALID_ARGUMENT);
        CHECK(user_id == NULL);
    }
}

static void test_auth_token_spaces(void) {
    vipps_initiate_params *params = NULL;
    CHECK_STATUS(vipps_initiate_params_new(&params), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_auth_token(params, " token-value"), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_initiate_params_set_auth_token(params, "token-value "), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_initiate_params_set_auth_token(params, "abc"), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_initiate_params_set_auth_token(params, "token value"), VIPPS_OK);
    vipps_initiate_params_free(params);
}

/* An error the host left on its thread's OpenSSL queue is not the library's. */
static void test_host_openssl_errors_stay_out(void) {
    vipps_config *config = configured("https://127.0.0.1:9");
    CHECK_STATUS(vipps_config_set_ca_file(config, "/nonexistent/ca.pem"), VIPPS_OK);
    ERR_raise(ERR_LIB_USER, ERR_R_PASSED_INVALID_ARGUMENT);
    vipps_client *client = NULL;
    CHECK_STATUS(vipps_client_new(config, &client), VIPPS_ERR_TLS);
    const char *message = vipps_error_last() ? vipps_error_message(vipps_error_last()) : "";
    CHECK(strstr(message, "/nonexistent/ca.pem") != NULL);
    CHECK(strstr(message, "passed invalid argument") == NULL);
    if (strstr(message, "passed invalid argument") != NULL) fprintf(stderr, "message: %s\n", message);
    ERR_clear_error();
    vipps_config_free(config);
}

int main(void) {
    test_stale_client_handle();
    test_free_racing_use();
    test_base_url_injection();
    test_production_and_base_url_exclude_each_other();
    test_callback_strings();
    test_consent_user_id();
    test_auth_token_spaces();
    test_host_openssl_errors_stay_out();
    return check_summary("test_boundary");
}
