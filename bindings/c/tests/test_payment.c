/* End to end through the C ABI against a running vipps-sim over verified HTTPS: a payment is
   initiated, approved and read back; then the failure paths a shop meets (unknown order,
   untrusted certificate, wrong keys, production guard, duplicate order id, threads).
   Run by `make test` under scripts/with-simulator.sh, which sets the VIPPS_SIM_* variables. */
#include "sim_support.h"
#include <pthread.h>
#include <sys/wait.h>

static vipps_initiation *initiate(vipps_client *client, const char *order_id, int64_t amount, vipps_status expected) {
    vipps_initiate_params *params = NULL;
    vipps_initiation *initiation = NULL;
    CHECK_STATUS(vipps_initiate_params_new(&params), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_order_id(params, order_id), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_amount(params, amount), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_transaction_text(params, "One pair of Vipps socks"), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_callback_prefix(params, "https://shop.example/vipps"), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_fallback_url(params, "https://shop.example/order/done"), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_phone_number(params, "91234567"), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_auth_token(params, "shop-callback-secret"), VIPPS_OK);
    CHECK_STATUS(vipps_payment_initiate(client, params, &initiation), expected);
    vipps_initiate_params_free(params);
    return initiation;
}

static void test_pay_one_payment(void) {
    char order_id[64];
    unique_order_id(order_id, sizeof order_id, "pay");
    vipps_config *config = sim_config();
    CHECK_STATUS(vipps_config_set_system_info(config, "c-tests", "1.0", "test-payment", "1.0"), VIPPS_OK);
    vipps_client *client = client_from(config);

    vipps_initiation *initiation = initiate(client, order_id, 20000, VIPPS_OK);
    CHECK(initiation != NULL);
    CHECK_STR(vipps_initiation_order_id(initiation), order_id);
    CHECK(vipps_initiation_url(initiation) != NULL
          && strstr(vipps_initiation_url(initiation), "token=") != NULL);
    CHECK(vipps_initiation_token(initiation) != NULL);
    CHECK(vipps_initiation_json(initiation) != NULL
          && strstr(vipps_initiation_json(initiation), order_id) != NULL);

    vipps_payment *payment = NULL;
    CHECK_STATUS(vipps_payment_get_details(client, order_id, &payment), VIPPS_OK);
    CHECK(vipps_payment_state(payment) == VIPPS_STATE_INITIATED);
    CHECK(vipps_payment_log_count(payment) == 1);
    CHECK_STR(vipps_payment_log_operation(payment, 0), "INITIATE");
    vipps_payment_free(payment);

    CHECK_STATUS(vipps_payment_force_approve(client, order_id, "91234567", vipps_initiation_token(initiation)),
                 VIPPS_OK);

    payment = NULL;
    CHECK_STATUS(vipps_payment_get_details(client, order_id, &payment), VIPPS_OK);
    CHECK_STR(vipps_payment_order_id(payment), order_id);
    CHECK(vipps_payment_state(payment) == VIPPS_STATE_RESERVED);
    CHECK_STR(vipps_state_string(vipps_payment_state(payment)), "reserved");
    CHECK(vipps_payment_amount(payment) == 20000);
    CHECK(vipps_payment_captured_amount(payment) == 0);
    CHECK(vipps_payment_remaining_to_capture(payment) == 20000);
    CHECK(vipps_payment_refunded_amount(payment) == 0);
    CHECK(vipps_payment_remaining_to_refund(payment) == 0);
    CHECK(vipps_payment_log_count(payment) == 2);
    CHECK_STR(vipps_payment_log_operation(payment, 0), "RESERVE"); /* newest first */
    CHECK_STR(vipps_payment_log_operation(payment, 1), "INITIATE");
    CHECK(vipps_payment_log_amount(payment, 0) == 20000);
    CHECK(vipps_payment_log_success(payment, 0) == 1);
    CHECK_STR(vipps_payment_log_transaction_id(payment, 0), vipps_payment_log_transaction_id(payment, 1));
    CHECK_STR(vipps_payment_log_transaction_text(payment, 1), "One pair of Vipps socks");
    CHECK(vipps_payment_log_timestamp(payment, 0) != NULL && strlen(vipps_payment_log_timestamp(payment, 0)) >= 19);
    CHECK(vipps_payment_log_operation(payment, 2) == NULL); /* out of range */
    CHECK(vipps_payment_log_operation(payment, (size_t)-1) == NULL);
    CHECK(vipps_payment_json(payment) != NULL && strstr(vipps_payment_json(payment), "transactionLogHistory") != NULL);
    printf("paid: order %s is %s, %lld øre reserved\n", order_id, vipps_state_string(vipps_payment_state(payment)),
           (long long)vipps_payment_remaining_to_capture(payment));

    /* Approving twice is refused by Vipps, with Vipps' error details. */
    CHECK_STATUS(vipps_payment_force_approve(client, order_id, "91234567", vipps_initiation_token(initiation)),
                 VIPPS_ERR_REJECTED);
    vipps_payment_free(payment);
    vipps_initiation_free(initiation);
    vipps_client_free(client);
}

static void test_unknown_order(void) {
    vipps_client *client = sim_client();
    vipps_payment *payment = (vipps_payment *)0x1;
    CHECK_STATUS(vipps_payment_get_details(client, "no-such-order-42", &payment), VIPPS_ERR_NOT_FOUND);
    CHECK(payment == NULL);
    const vipps_error *error = vipps_error_last();
    CHECK(vipps_error_status(error) == VIPPS_ERR_NOT_FOUND);
    CHECK(vipps_error_http_status(error) == 404);
    CHECK_STR(vipps_error_group(error), "Merchant");
    CHECK_STR(vipps_error_code(error), "35");
    CHECK(vipps_error_context_id(error) != NULL);
    CHECK(vipps_error_is_retryable(error) == 0);
    CHECK(vipps_error_outcome_unknown(error) == 0);
    CHECK(strstr(vipps_error_message(error), "no-such-order-42") != NULL);

    /* The same error, as a copy owned by the caller, from the client handle. */
    vipps_error *copy = NULL;
    CHECK_STATUS(vipps_client_last_error(client, &copy), VIPPS_OK);
    CHECK(copy != NULL);
    CHECK_STR(vipps_error_code(copy), "35");
    CHECK(vipps_error_http_status(copy) == 404);
    vipps_error_free(copy);
    vipps_client_free(client);
}

static void test_duplicate_order_id(void) {
    char order_id[64];
    unique_order_id(order_id, sizeof order_id, "dup");
    vipps_client *client = sim_client();
    vipps_initiation_free(initiate(client, order_id, 1000, VIPPS_OK));
    CHECK(initiate(client, order_id, 1000, VIPPS_ERR_REJECTED) == NULL);
    CHECK_STR(vipps_error_group(vipps_error_last()), "Merchant");
    CHECK_STR(vipps_error_code(vipps_error_last()), "34");
    CHECK(vipps_error_http_status(vipps_error_last()) == 400);
    vipps_client_free(client);
}

static void test_untrusted_certificate(void) {
    /* The system store does not know the simulator's CA: the handshake must fail, and say why. */
    vipps_config *config = sim_config();
    vipps_client *client = NULL;
    CHECK_STATUS(vipps_config_set_ca_file(config, NULL), VIPPS_OK);
    CHECK_STATUS(vipps_client_new(config, &client), VIPPS_OK);
    vipps_payment *payment = NULL;
    CHECK_STATUS(vipps_payment_get_details(client, "any-order", &payment), VIPPS_ERR_TLS);
    CHECK(strstr(vipps_error_message(vipps_error_last()), "certificate verification failed") != NULL);
    vipps_client_free(client);

    CHECK_STATUS(vipps_config_set_ca_file(config, "/nonexistent/ca.pem"), VIPPS_OK);
    CHECK_STATUS(vipps_client_new(config, &client), VIPPS_ERR_TLS);
    CHECK(client == NULL);
    vipps_config_free(config);
}

static void test_wrong_credentials(void) {
    const char *wrong_secret = "definitely-not-the-secret";
    vipps_config *config = sim_config();
    vipps_client *client = NULL;
    CHECK_STATUS(vipps_config_set_client_secret(config, wrong_secret), VIPPS_OK);
    CHECK_STATUS(vipps_client_new(config, &client), VIPPS_OK);
    vipps_payment *payment = NULL;
    CHECK_STATUS(vipps_payment_get_details(client, "any-order", &payment), VIPPS_ERR_AUTHENTICATION);
    CHECK(vipps_error_http_status(vipps_error_last()) == 401);
    CHECK(strstr(vipps_error_message(vipps_error_last()), wrong_secret) == NULL);
    vipps_client_free(client);

    CHECK_STATUS(vipps_config_set_client_secret(config, env("VIPPS_SIM_CLIENT_SECRET")), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_subscription_key(config, "wrong-subscription-key"), VIPPS_OK);
    CHECK_STATUS(vipps_client_new(config, &client), VIPPS_OK);
    CHECK_STATUS(vipps_payment_get_details(client, "any-order", &payment), VIPPS_ERR_AUTHENTICATION);
    CHECK(strstr(vipps_error_message(vipps_error_last()), "wrong-subscription-key") == NULL);
    vipps_client_free(client);
    vipps_config_free(config);
}

static void test_production_refuses_force_approve(void) {
    /* Production with no base URL (the two exclude each other): refused before anything is sent. */
    vipps_config *config = NULL;
    vipps_client *client = NULL;
    CHECK_STATUS(vipps_config_new(&config), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_environment(config, VIPPS_ENV_PRODUCTION), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_client_id(config, env("VIPPS_SIM_CLIENT_ID")), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_client_secret(config, env("VIPPS_SIM_CLIENT_SECRET")), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_subscription_key(config, env("VIPPS_SIM_SUBSCRIPTION_KEY")), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_merchant_serial_number(config, env("VIPPS_SIM_MSN")), VIPPS_OK);
    CHECK_STATUS(vipps_client_new(config, &client), VIPPS_OK);
    CHECK_STATUS(vipps_payment_force_approve(client, "order-1", NULL, "token"), VIPPS_ERR_NOT_ALLOWED);
    vipps_client_free(client);
    vipps_config_free(config);
}

static void test_connection_refused(void) {
    vipps_config *config = sim_config();
    vipps_client *client = NULL;
    CHECK_STATUS(vipps_config_set_base_url(config, "https://127.0.0.1:1"), VIPPS_OK);
    CHECK_STATUS(vipps_client_new(config, &client), VIPPS_OK);
    vipps_payment *payment = NULL;
    CHECK_STATUS(vipps_payment_get_details(client, "any-order", &payment), VIPPS_ERR_NETWORK);
    CHECK(vipps_error_is_retryable(vipps_error_last()) == 1);
    vipps_client_free(client);
    vipps_config_free(config);
}

/* Threads sharing one client: every call succeeds and reads the same payment. */
struct shared { vipps_client *client; const char *order_id; int failures; };

static void *read_details_repeatedly(void *argument) {
    struct shared *shared = argument;
    for (int i = 0; i < 20; i++) {
        vipps_payment *payment = NULL;
        if (vipps_payment_get_details(shared->client, shared->order_id, &payment) != VIPPS_OK
            || vipps_payment_state(payment) != VIPPS_STATE_INITIATED) {
            __atomic_add_fetch(&shared->failures, 1, __ATOMIC_SEQ_CST);
        }
        vipps_payment_free(payment);
    }
    return NULL;
}

static void test_threads_share_a_client(void) {
    char order_id[64];
    unique_order_id(order_id, sizeof order_id, "threads");
    struct shared shared = { sim_client(), order_id, 0 };
    vipps_initiation_free(initiate(shared.client, order_id, 5000, VIPPS_OK));
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) CHECK(pthread_create(&threads[i], NULL, read_details_repeatedly, &shared) == 0);
    for (int i = 0; i < 4; i++) pthread_join(threads[i], NULL);
    CHECK(shared.failures == 0);
    vipps_client_free(shared.client);
}

/* PHP-FPM and Apache prefork fork after the parent used a client. The child must open its own
   connection (using the parent's would interleave two processes' bytes on one TLS stream), and
   the parent's pooled connection must still work afterwards. */
static void test_fork_uses_fresh_connections(void) {
    char order_id[64];
    unique_order_id(order_id, sizeof order_id, "fork");
    vipps_client *client = sim_client();
    vipps_initiation_free(initiate(client, order_id, 3000, VIPPS_OK)); /* parent now has a pooled connection */

    fflush(NULL);
    pid_t child = fork();
    if (child == 0) {
        int ok = 1;
        for (int i = 0; i < 3; i++) {
            vipps_payment *payment = NULL;
            ok &= vipps_payment_get_details(client, order_id, &payment) == VIPPS_OK
                  && vipps_payment_state(payment) == VIPPS_STATE_INITIATED;
            vipps_payment_free(payment);
        }
        vipps_client_free(client);
        _exit(ok ? 0 : 1);
    }
    CHECK(child > 0);
    int status = 0;
    CHECK(waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

    vipps_payment *payment = NULL;
    CHECK_STATUS(vipps_payment_get_details(client, order_id, &payment), VIPPS_OK);
    CHECK(vipps_payment_state(payment) == VIPPS_STATE_INITIATED);
    vipps_payment_free(payment);
    vipps_client_free(client);
}

int main(void) {
    test_pay_one_payment();
    test_unknown_order();
    test_duplicate_order_id();
    test_untrusted_certificate();
    test_wrong_credentials();
    test_production_refuses_force_approve();
    test_connection_refused();
    test_threads_share_a_client();
    test_fork_uses_fresh_connections();
    return check_summary("test_payment");
}
