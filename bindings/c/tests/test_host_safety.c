/* The host's process stays sound whatever it does around libvipps: a log callback that calls the
   same client, a fork() while another thread fetches the access token, many threads against a
   token endpoint that does not answer, a token endpoint that answers garbage, details whose
   strings a C string cannot carry. Each scenario runs in its own child process, so one that
   aborts or hangs (alarm) is reported as a failure and the others still run. Needs vipps-sim
   (scripts/with-simulator.sh). */
#include "sim_support.h"
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>

static int64_t now_ms(void) {
    struct timespec spec;
    clock_gettime(CLOCK_MONOTONIC, &spec);
    return (int64_t)spec.tv_sec * 1000 + spec.tv_nsec / 1000000;
}

static void clear_faults(void) { CHECK(sim_control("DELETE", "/sim/v1/faults", NULL, NULL, 0) == 0); }

static void add_fault(const char *json) { CHECK(sim_control("POST", "/sim/v1/faults", json, NULL, 0) == 0); }

/* --- a log callback that re-enters the library on the same client and thread --- */

static vipps_client *reentrant_client = NULL;
static int reentered = 0;
static vipps_status reentrant_status = VIPPS_OK;

static void reentrant_log(void *user_data, int level, const char *message) {
    (void)user_data;
    (void)level;
    if (reentered || strncmp(message, "POST /accesstoken/get", 21) != 0) return;
    reentered = 1;
    vipps_payment *payment = NULL;
    reentrant_status = vipps_payment_get_details(reentrant_client, "c-reentrant-no-such-order", &payment);
    vipps_payment_free(payment);
}

static void scenario_reentrant_log_callback(void) {
    vipps_config *config = sim_config();
    CHECK_STATUS(vipps_config_set_log_callback(config, reentrant_log, NULL, VIPPS_LOG_INFO, 0), VIPPS_OK);
    reentrant_client = client_from(config);
    vipps_payment *payment = NULL;
    CHECK_STATUS(vipps_payment_get_details(reentrant_client, "c-reentrant-outer-order", &payment), VIPPS_ERR_NOT_FOUND);
    vipps_payment_free(payment);
    CHECK(reentered);
    CHECK_STATUS(reentrant_status, VIPPS_ERR_NOT_FOUND);
    vipps_client_free(reentrant_client);
}

/* --- fork() while another thread is in the middle of the token fetch --- */

static void *details_thread(void *client) {
    vipps_payment *payment = NULL;
    vipps_status status = vipps_payment_get_details(client, "c-fork-no-such-order", &payment);
    vipps_payment_free(payment);
    return (void *)(intptr_t)status;
}

static void scenario_fork_during_token_fetch(void) {
    clear_faults();
    add_fault("{\"endpoint\":\"token\",\"kind\":\"latency\",\"delayMs\":2000,\"count\":1}");
    vipps_client *client = sim_client();
    pthread_t thread;
    CHECK(pthread_create(&thread, NULL, details_thread, client) == 0);
    nanosleep(&(struct timespec){0, 500 * 1000 * 1000}, NULL);  /* the thread is now waiting for the slow token answer */
    pid_t child = fork();
    if (child == 0) {
        alarm(15);  /* a hang is a failure, not a stuck test run */
        sleep(3);   /* the parent's fetching thread has finished (and exited) by now */
        vipps_payment *payment = NULL;
        vipps_status status = vipps_payment_get_details(client, "c-fork-child-order", &payment);
        vipps_payment_free(payment);
        _exit(status == VIPPS_ERR_NOT_FOUND ? 0 : 10 + (int)status);
    }
    CHECK(child > 0);
    void *result = NULL;
    pthread_join(thread, &result);
    CHECK((vipps_status)(intptr_t)result == VIPPS_ERR_NOT_FOUND);
    int status = 0;
    waitpid(child, &status, 0);
    if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
        fprintf(stderr, "fork child: %s %d\n", WIFSIGNALED(status) ? "killed by signal" : "exit status",
                WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
    }
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    vipps_client_free(client);
}

/* --- 8 threads, a token endpoint that does not answer in time, a 5 s call deadline --- */

enum { DEADLINE_THREADS = 8 };

struct deadline_result {
    vipps_client *client;
    vipps_status status;
    int64_t elapsed_ms;
};

static void *deadline_thread(void *argument) {
    struct deadline_result *result = argument;
    int64_t started = now_ms();
    vipps_payment *payment = NULL;
    result->status = vipps_payment_get_details(result->client, "c-deadline-no-such-order", &payment);
    result->elapsed_ms = now_ms() - started;
    vipps_payment_free(payment);
    return NULL;
}

static void scenario_token_fetch_within_call_deadline(void) {
    clear_faults();
    add_fault("{\"endpoint\":\"token\",\"kind\":\"latency\",\"delayMs\":8000,\"count\":100}");
    vipps_config *config = sim_config();
    CHECK_STATUS(vipps_config_set_retry_policy(config, 4, 20, 200, 5000), VIPPS_OK);
    vipps_client *client = client_from(config);
    pthread_t threads[DEADLINE_THREADS];
    struct deadline_result results[DEADLINE_THREADS];
    for (int i = 0; i < DEADLINE_THREADS; i++) {
        results[i] = (struct deadline_result){client, VIPPS_OK, 0};
        CHECK(pthread_create(&threads[i], NULL, deadline_thread, &results[i]) == 0);
    }
    int64_t slowest = 0;
    for (int i = 0; i < DEADLINE_THREADS; i++) {
        pthread_join(threads[i], NULL);
        CHECK_STATUS(results[i].status, VIPPS_ERR_TIMEOUT);
        if (results[i].elapsed_ms > slowest) slowest = results[i].elapsed_ms;
    }
    printf("token deadline: slowest of %d calls returned after %lld ms\n", DEADLINE_THREADS, (long long)slowest);
    CHECK(slowest <= 6000);
    vipps_client_free(client);
    clear_faults();
}

/* --- a token endpoint answering 200 with garbage: nothing was sent, so nothing is unknown --- */

static void scenario_garbage_token_is_not_sent(void) {
    clear_faults();
    add_fault("{\"endpoint\":\"token\",\"kind\":\"respond\",\"status\":200,\"body\":\"garbage\",\"count\":100}");
    vipps_client *client = sim_client();
    char order_id[64];
    unique_order_id(order_id, sizeof order_id, "garbage-token");
    vipps_initiate_params *params = NULL;
    vipps_initiation *initiation = NULL;
    CHECK_STATUS(vipps_initiate_params_new(&params), VIPPS_OK);
    vipps_initiate_params_set_order_id(params, order_id);
    vipps_initiate_params_set_amount(params, 1000);
    vipps_initiate_params_set_transaction_text(params, "Test order");
    vipps_initiate_params_set_callback_prefix(params, "https://shop.example/vipps");
    vipps_initiate_params_set_fallback_url(params, "https://shop.example/done");
    CHECK_STATUS(vipps_payment_initiate(client, params, &initiation), VIPPS_ERR_PROTOCOL);
    CHECK(initiation == NULL);
    const vipps_error *error = vipps_error_last();
    CHECK(error != NULL && strstr(vipps_error_message(error), "not sent") != NULL);
    CHECK_STR(error ? vipps_error_request_id(error) : "(no error)", NULL);
    vipps_initiate_params_free(params);
    clear_faults();
    vipps_client_free(client);
}

/* --- a details answer whose strings hold \u0000: the C strings would end early --- */

static void scenario_details_with_nul_are_refused(void) {
    clear_faults();
    char order_id[64], fault[512];
    unique_order_id(order_id, sizeof order_id, "nul-details");
    snprintf(fault, sizeof fault,
             "{\"endpoint\":\"details\",\"orderId\":\"%s\",\"kind\":\"respond\",\"status\":200,\"count\":10,"
             "\"body\":\"{\\\"orderId\\\":\\\"%s\\\",\\\"transactionLogHistory\\\":[{\\\"operation\\\":\\\"INITIATE\\\","
             "\\\"amount\\\":1000,\\\"operationSuccess\\\":true,\\\"transactionText\\\":\\\"Socks\\\\u0000 and more\\\"}]}\"}",
             order_id, order_id);
    add_fault(fault);
    vipps_client *client = sim_client();
    vipps_payment *payment = NULL;
    CHECK_STATUS(vipps_payment_get_details(client, order_id, &payment), VIPPS_ERR_PROTOCOL);
    CHECK(payment == NULL);
    vipps_payment_free(payment);
    clear_faults();
    vipps_client_free(client);
}

/* Runs one scenario in a child process; a signal or a hang there is a failure here. */
static void run(const char *name, void (*scenario)(void)) {
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        alarm(60);
        scenario();
        int failed = check_summary(name);
        fflush(stdout);
        _exit(failed);
    }
    int status = 0;
    waitpid(child, &status, 0);
    if (WIFSIGNALED(status)) {
        fprintf(stderr, "FAIL %s: killed by signal %d (%s)\n", name, WTERMSIG(status), strsignal(WTERMSIG(status)));
    }
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(void) {
    run("reentrant log callback", scenario_reentrant_log_callback);
    run("fork during token fetch", scenario_fork_during_token_fetch);
    run("token fetch within the call deadline", scenario_token_fetch_within_call_deadline);
    run("garbage token answer", scenario_garbage_token_is_not_sent);
    run("details holding NUL", scenario_details_with_nul_are_refused);
    return check_summary("test_host_safety");
}
