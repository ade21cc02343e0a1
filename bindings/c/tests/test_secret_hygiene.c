/* Secret hygiene: a full payment flow at the most verbose log level plus every
   error path we can provoke, with everything the library can emit captured: the log lines, every
   field of every error (vipps_error_last and vipps_client_last_error), and the process's own
   stdout and stderr (redirected to a file, so nothing printed directly escapes the check).
   None of it may contain the client secret, the subscription key, an access token (or its
   "Bearer" header) or a callback authToken, not even a fragment of one; personal data is masked
   in log lines unless a client opts in. Runs under scripts/with-simulator.sh (VIPPS_SIM_*). */
/* vipps_payment_get_status is deprecated; its error paths are still checked for secrets. */
#define VIPPS_NO_DEPRECATION_WARNINGS
#include "sim_support.h"
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <strings.h>
#include <sys/socket.h>

/* ---- What must never appear ------------------------------------------------------------- */

/* A secret is searched for in fragments, not only as a whole: an error text cut short (Vipps'
   messages are truncated) or wrapped could otherwise leak most of an access token unnoticed. */
#define FRAGMENT 24
#define STEP 8
struct secret { char name[64]; char *value; };
static struct secret secrets[64];
static size_t secret_count = 0;

static void add_secret(const char *name, const char *value) {
    if (value == NULL || *value == 0 || secret_count == sizeof secrets / sizeof secrets[0]) return;
    for (size_t i = 0; i < secret_count; i++) {
        if (strcmp(secrets[i].value, value) == 0) return;
    }
    snprintf(secrets[secret_count].name, sizeof secrets[secret_count].name, "%s", name);
    secrets[secret_count].value = strdup(value);
    secret_count++;
}

/* The name of the first secret a fragment of which occurs in text, or NULL. */
static const char *find_secret(const char *text) {
    if (text == NULL) return NULL;
    for (size_t i = 0; i < secret_count; i++) {
        const char *value = secrets[i].value;
        size_t length = strlen(value);
        size_t window = length < FRAGMENT ? length : FRAGMENT;
        char fragment[FRAGMENT + 1];
        for (size_t offset = 0;; offset += STEP) {
            if (offset + window > length) offset = length - window; /* the last window ends at the end */
            memcpy(fragment, value + offset, window);
            fragment[window] = 0;
            if (strstr(text, fragment) != NULL) return secrets[i].name;
            if (offset + window >= length) break;
        }
    }
    return NULL;
}

static void check_clean(const char *where, const char *text) {
    const char *found = find_secret(text);
    /* The report names the secret, never shows it: this output is captured and checked too. */
    if (found != NULL) fprintf(stderr, "LEAK: %s contains (part of) the %s\n", where, found);
    CHECK(found == NULL);
}

/* ---- Log lines ---------------------------------------------------------------------------- */

struct log_buffer { pthread_mutex_t lock; char *text; size_t length, capacity; size_t lines; };
static struct log_buffer masked_log = { PTHREAD_MUTEX_INITIALIZER, NULL, 0, 0, 0 };
static struct log_buffer personal_log = { PTHREAD_MUTEX_INITIALIZER, NULL, 0, 0, 0 };
static int levels_seen[5];

static void collect(void *user_data, int32_t level, const char *message) {
    struct log_buffer *log = user_data;
    size_t length = strlen(message);
    pthread_mutex_lock(&log->lock);
    if (log->length + length + 2 > log->capacity) {
        size_t capacity = (log->capacity + length + 2) * 2;
        char *grown = realloc(log->text, capacity);
        if (grown == NULL) { pthread_mutex_unlock(&log->lock); return; }
        log->text = grown;
        log->capacity = capacity;
    }
    memcpy(log->text + log->length, message, length);
    log->length += length;
    log->text[log->length++] = '\n';
    log->text[log->length] = 0;
    log->lines++;
    if (level >= 1 && level <= 4) levels_seen[level]++;
    pthread_mutex_unlock(&log->lock);
}

static const char *log_text(struct log_buffer *log) { return log->text ? log->text : ""; }

/* ---- Errors ------------------------------------------------------------------------------- */

static int errors_checked = 0;
/* The message of the error check_error() saw last (reading a client's copy replaces the thread's). */
static char last_message[2048];

/* Every field of the calling thread's last error and of the client's copy must be clean. */
static void check_error(const char *label, vipps_client *client) {
    char where[160];
    const vipps_error *error = vipps_error_last();
    CHECK(error != NULL);
    snprintf(last_message, sizeof last_message, "%s", error ? vipps_error_message(error) : "");
    const char *fields[] = { vipps_error_message(error), vipps_error_group(error), vipps_error_code(error),
                             vipps_error_context_id(error), vipps_error_request_id(error) };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        snprintf(where, sizeof where, "%s: error field %zu", label, i);
        check_clean(where, fields[i]);
    }
    if (client != NULL) {
        vipps_error *copy = NULL;
        if (vipps_client_last_error(client, &copy) == VIPPS_OK && copy != NULL) {
            const char *copied[] = { vipps_error_message(copy), vipps_error_group(copy), vipps_error_code(copy),
                                     vipps_error_context_id(copy), vipps_error_request_id(copy) };
            for (size_t i = 0; i < sizeof copied / sizeof copied[0]; i++) {
                snprintf(where, sizeof where, "%s: client_last_error field %zu", label, i);
                check_clean(where, copied[i]);
            }
        }
        vipps_error_free(copy);
    }
    errors_checked++;
}

#define EXPECT_ERROR(call, expected, label, client) \
    do { CHECK_STATUS((call), (expected)); check_error((label), (client)); } while (0)

/* ---- Talking to the simulator and to the shop's pages ------------------------------------ */

/* Escapes text for a JSON string (the fault API takes answer bodies as strings). */
static void json_escape(const char *text, char *out, size_t size) {
    size_t used = 0;
    for (; *text && used + 3 < size; text++) {
        if (*text == '"' || *text == '\\') out[used++] = '\\';
        out[used++] = *text;
    }
    out[used] = 0;
}

/* curl with the simulator's CA: method, absolute URL, optional form data. Body into out. */
static int http_call(const char *method, const char *url, const char *form, const char *headers, char *out, size_t size) {
    char command[4096];
    snprintf(command, sizeof command, "curl -sS --max-time 10 --cacert '%s' -X %s %s %s%s%s '%s'", env("VIPPS_SIM_CA"),
             method, headers ? headers : "", form ? "--data '" : "", form ? form : "", form ? "'" : "", url);
    FILE *pipe = popen(command, "r");
    if (pipe == NULL) return -1;
    size_t length = 0, n;
    char scratch[256];
    if (out == NULL) { out = scratch; size = sizeof scratch; }
    while ((n = fread(out + length, 1, size - 1 - length, pipe)) > 0) {
        length += n;
        if (length >= size - 1) break;
    }
    out[length] = 0;
    return pclose(pipe);
}

/* A fault for the next matching request(s). `extra` holds the kind's fields. */
static void add_fault(const char *endpoint, const char *order_id, const char *kind, const char *extra, const char *body) {
    char escaped[3072], fault[3600];
    int used = snprintf(fault, sizeof fault, "{\"endpoint\":\"%s\",\"kind\":\"%s\"", endpoint, kind);
    if (order_id != NULL) used += snprintf(fault + used, sizeof fault - used, ",\"orderId\":\"%s\"", order_id);
    if (extra != NULL) used += snprintf(fault + used, sizeof fault - used, ",%s", extra);
    if (body != NULL) {
        json_escape(body, escaped, sizeof escaped);
        used += snprintf(fault + used, sizeof fault - used, ",\"body\":\"%s\"", escaped);
    }
    snprintf(fault + used, sizeof fault - used, "}");
    char answer[1024];
    CHECK(sim_control("POST", "/sim/v1/faults", fault, answer, sizeof answer) == 0);
    CHECK(strstr(answer, "\"id\"") != NULL);
}

/* The next access token the library fetches is one this test fetched itself, so the test knows
   the value to search for: the simulator's own token answer, replayed through a respond fault. */
static void plant_token(char *planted, size_t planted_size) {
    char headers[1024], url[512], answer[4096], token[1024];
    snprintf(headers, sizeof headers, "-H 'client_id: %s' -H 'client_secret: %s' -H 'Ocp-Apim-Subscription-Key: %s'",
             env("VIPPS_SIM_CLIENT_ID"), env("VIPPS_SIM_CLIENT_SECRET"), env("VIPPS_SIM_SUBSCRIPTION_KEY"));
    snprintf(url, sizeof url, "%s/accesstoken/get", env("VIPPS_SIM_URL"));
    CHECK(http_call("POST", url, NULL, headers, answer, sizeof answer) == 0);
    const char *start = strstr(answer, "\"access_token\":\"");
    CHECK(start != NULL);
    if (start == NULL) return;
    start += strlen("\"access_token\":\"");
    size_t length = strcspn(start, "\"");
    CHECK(length > 20 && length < sizeof token);
    snprintf(token, sizeof token, "%.*s", (int)length, start);
    add_secret("access token", token);
    if (planted != NULL) snprintf(planted, planted_size, "%s", token);
    add_fault("token", NULL, "respond", "\"status\":200", answer);
}

/* ---- A shop's web server: receives callbacks, shipping-details calls, consent removals ---- */

struct shop_call { char method[8]; char path[512]; char authorization[512]; char body[8192]; };
static struct shop_call shop_calls[64];
static int shop_call_count = 0;
static pthread_mutex_t shop_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t shop_arrived = PTHREAD_COND_INITIALIZER;
static int shop_socket = -1;
static int shop_port = 0;

static void header_value(const char *head, const char *name, char *out, size_t size) {
    out[0] = 0;
    for (const char *line = head; line && *line; line = strstr(line, "\r\n") ? strstr(line, "\r\n") + 2 : NULL) {
        size_t n = strlen(name);
        if (strncasecmp(line, name, n) == 0 && line[n] == ':') {
            const char *value = line + n + 1;
            while (*value == ' ') value++;
            snprintf(out, size, "%.*s", (int)strcspn(value, "\r\n"), value);
            return;
        }
    }
}

/* Vipps asks the shop for shipping options: answered with libvipps' shipping response. */
static char *shipping_answer(const char *path, const char *body) {
    char order_id[128] = "";
    const char *start = strstr(path, "/v2/payments/");
    if (start != NULL) snprintf(order_id, sizeof order_id, "%.*s", (int)strcspn(start + 13, "/"), start + 13);
    vipps_shipping_request *request = NULL;
    vipps_shipping_response *response = NULL;
    char *json = NULL;
    if (vipps_shipping_request_parse(body, &request) != VIPPS_OK) return NULL;
    if (vipps_shipping_response_new(vipps_shipping_request_address_id(request), order_id, &response) == VIPPS_OK
        && vipps_shipping_response_add_option(response, "pickup", "Pick up at the shop", 0, 0, 1) == VIPPS_OK
        && vipps_shipping_response_add_option(response, "home", "Home delivery", 9900, 1, 2) == VIPPS_OK) {
        vipps_shipping_response_encode(response, &json);
    }
    vipps_shipping_response_free(response);
    vipps_shipping_request_free(request);
    return json;
}

static void *shop_server(void *unused) {
    (void)unused;
    for (;;) {
        int connection = accept(shop_socket, NULL, NULL);
        if (connection < 0) {
            if (errno == EINTR) continue;
            return NULL;
        }
        char request[16384];
        size_t length = 0;
        ssize_t n;
        char *end = NULL;
        while (length < sizeof request - 1 && (n = recv(connection, request + length, sizeof request - 1 - length, 0)) > 0) {
            length += (size_t)n;
            request[length] = 0;
            if ((end = strstr(request, "\r\n\r\n")) != NULL) {
                char text[32];
                header_value(request, "Content-Length", text, sizeof text);
                size_t wanted = (size_t)(end + 4 - request) + (size_t)atol(text);
                if (length >= wanted || wanted >= sizeof request) break;
            }
        }
        request[length] = 0;
        struct shop_call call;
        memset(&call, 0, sizeof call);
        sscanf(request, "%7s %511s", call.method, call.path);
        header_value(request, "Authorization", call.authorization, sizeof call.authorization);
        if ((end = strstr(request, "\r\n\r\n")) != NULL) snprintf(call.body, sizeof call.body, "%s", end + 4);

        char *json = strstr(call.path, "/shippingDetails") ? shipping_answer(call.path, call.body) : NULL;
        char head[256];
        const char *payload = json ? json : "";
        snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
                 "Connection: close\r\n\r\n", strlen(payload));
        send(connection, head, strlen(head), MSG_NOSIGNAL);
        send(connection, payload, strlen(payload), MSG_NOSIGNAL);
        vipps_string_free(json);
        close(connection);

        pthread_mutex_lock(&shop_lock);
        if (shop_call_count < (int)(sizeof shop_calls / sizeof shop_calls[0])) shop_calls[shop_call_count++] = call;
        pthread_cond_broadcast(&shop_arrived);
        pthread_mutex_unlock(&shop_lock);
    }
}

static void start_shop(void) {
    struct sockaddr_in address;
    socklen_t size = sizeof address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    shop_socket = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(shop_socket >= 0);
    CHECK(bind(shop_socket, (struct sockaddr *)&address, sizeof address) == 0);
    CHECK(listen(shop_socket, 16) == 0);
    CHECK(getsockname(shop_socket, (struct sockaddr *)&address, &size) == 0);
    shop_port = ntohs(address.sin_port);
    pthread_t thread;
    CHECK(pthread_create(&thread, NULL, shop_server, NULL) == 0);
    pthread_detach(thread);
}

/* The first call to the shop whose method matches and whose path contains `part` (or, if `part`
   starts with '=', ends with the rest), waiting up to 15 s for it (the simulator calls in the
   background). Returns a copy in *out, 1 if found. */
static int path_matches(const char *path, const char *part) {
    if (part[0] != '=') return strstr(path, part) != NULL;
    size_t length = strlen(path), wanted = strlen(part + 1);
    return length >= wanted && strcmp(path + length - wanted, part + 1) == 0;
}

static int shop_call_for(const char *method, const char *part, struct shop_call *out) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 15;
    pthread_mutex_lock(&shop_lock);
    for (;;) {
        for (int i = 0; i < shop_call_count; i++) {
            if (strcmp(shop_calls[i].method, method) == 0 && path_matches(shop_calls[i].path, part)) {
                *out = shop_calls[i];
                pthread_mutex_unlock(&shop_lock);
                return 1;
            }
        }
        if (pthread_cond_timedwait(&shop_arrived, &shop_lock, &until) == ETIMEDOUT) break;
    }
    pthread_mutex_unlock(&shop_lock);
    return 0;
}

/* ---- Capturing the process's own stdout and stderr ------------------------------------- */

static int saved_stdout = -1, saved_stderr = -1;
static FILE *captured = NULL;
static char captured_path[] = "/tmp/vipps-secret-hygiene-XXXXXX";

/* A named file, announced first: if the run crashes before the output is shown, it is there. */
static void capture_start(void) {
    int fd = mkstemp(captured_path);
    CHECK(fd >= 0);
    if (fd < 0) return;
    captured = fdopen(fd, "w+");
    printf("test_secret_hygiene: stdout and stderr go to %s until the checks are done\n", captured_path);
    fflush(stdout);
    fflush(stderr);
    saved_stdout = dup(1);
    saved_stderr = dup(2);
    dup2(fileno(captured), 1);
    dup2(fileno(captured), 2);
}

/* Restores stdout and stderr; returns what was written meanwhile (caller frees). */
static char *capture_stop(void) {
    if (captured == NULL) return NULL;
    fflush(stdout);
    fflush(stderr);
    dup2(saved_stdout, 1);
    dup2(saved_stderr, 2);
    close(saved_stdout);
    close(saved_stderr);
    fseek(captured, 0, SEEK_END);
    long size = ftell(captured) > 0 ? ftell(captured) : 0;
    char *text = calloc((size_t)size + 1, 1);
    rewind(captured);
    if (text != NULL && size > 0 && fread(text, 1, (size_t)size, captured) != (size_t)size) text[0] = 0;
    fclose(captured);
    unlink(captured_path);
    return text;
}

/* ---- The values of this run -------------------------------------------------------------- */

/* Distinctive so that a hit cannot be a coincidence. */
#define AUTH_TOKEN "hyg-authtoken-Qx7Lm29Vb4RtZk"
#define OTHER_AUTH_TOKEN "hyg-authtoken-second-Wp3Ns8Jd"
#define WRONG_SECRET "hyg-wrong-client-secret-Hq3Zp8Ke"
#define WRONG_KEY "hyg-wrong-subscription-key-Tv6Yn1Ua"
#define REGULAR_PHONE "91827364"
#define EXPRESS_PHONE "97531864"
/* Personal data of the simulator's express customer (Sources/VippsSimulator, ExpressUserDetails and
   CannedAddress 3961) that the details answer carries. */
static const char *personal_values[] = { "Lovelace", "ada.lovelace@example.com", EXPRESS_PHONE, "Robert Levins gate 5",
                                         "simuser" EXPRESS_PHONE };

static char callback_prefix[128];

static vipps_config *logging_config(struct log_buffer *log, int personal) {
    vipps_config *config = sim_config();
    CHECK_STATUS(vipps_config_set_log_callback(config, collect, log, VIPPS_LOG_DEBUG, personal), VIPPS_OK);
    return config;
}

/* A client with fresh token, the most verbose logging, and `attempts` tries per call. */
static vipps_client *hygiene_client(int attempts) {
    vipps_config *config = logging_config(&masked_log, 0);
    CHECK_STATUS(vipps_config_set_retry_policy(config, attempts, 20, 200, 20000), VIPPS_OK);
    return client_from(config);
}

static vipps_initiation *initiate(vipps_client *client, const char *order_id, int64_t amount, int express,
                                  vipps_status expected) {
    vipps_initiate_params *params = NULL;
    vipps_initiation *initiation = NULL;
    CHECK_STATUS(vipps_initiate_params_new(&params), VIPPS_OK);
    vipps_initiate_params_set_order_id(params, order_id);
    vipps_initiate_params_set_amount(params, amount);
    vipps_initiate_params_set_transaction_text(params, express ? "Express hygiene" : "Hygiene socks");
    CHECK_STATUS(vipps_initiate_params_set_callback_prefix(params, callback_prefix), VIPPS_OK);
    vipps_initiate_params_set_fallback_url(params, "https://shop.example/order/done");
    CHECK_STATUS(vipps_initiate_params_set_phone_number(params, express == 0 ? REGULAR_PHONE : EXPRESS_PHONE), VIPPS_OK);
    CHECK_STATUS(vipps_initiate_params_set_auth_token(params, express == 2 ? OTHER_AUTH_TOKEN : AUTH_TOKEN), VIPPS_OK);
    if (express) {
        CHECK_STATUS(vipps_initiate_params_set_express(params, 1), VIPPS_OK);
        CHECK_STATUS(vipps_initiate_params_set_consent_removal_prefix(params, callback_prefix), VIPPS_OK);
        if (express == 1) {
            CHECK_STATUS(vipps_initiate_params_set_shipping_details_prefix(params, callback_prefix), VIPPS_OK);
        } else {
            CHECK_STATUS(vipps_initiate_params_add_static_shipping_option(params, "walk", "Walking", 9950, 0, 1), VIPPS_OK);
            CHECK_STATUS(vipps_initiate_params_add_static_shipping_option(params, "run", "Running", 19900, 1, 2), VIPPS_OK);
        }
    }
    vipps_status status = vipps_payment_initiate(client, params, &initiation);
    CHECK_STATUS(status, expected);
    if (status != VIPPS_OK) check_error("initiate", client);
    vipps_initiate_params_free(params);
    return initiation;
}

/* ---- The full flow ----------------------------------------------------------------------- */

static char express_order[64];

static void check_callback(const char *order_id, const char *auth_token, const char *expected_status) {
    struct shop_call call;
    char part[128];
    snprintf(part, sizeof part, "=/v2/payments/%s", order_id);
    CHECK(shop_call_for("POST", part, &call));
    CHECK_STATUS(vipps_callback_verify(auth_token, call.authorization), VIPPS_OK);
    EXPECT_ERROR(vipps_callback_verify(auth_token, "hyg-forged-token"), VIPPS_ERR_AUTHENTICATION, "forged callback", NULL);
    EXPECT_ERROR(vipps_callback_verify(auth_token, NULL), VIPPS_ERR_AUTHENTICATION, "callback without header", NULL);
    EXPECT_ERROR(vipps_callback_verify(OTHER_AUTH_TOKEN, call.authorization), VIPPS_ERR_AUTHENTICATION,
                 "callback with another payment's token", NULL);
    vipps_callback *callback = NULL;
    CHECK_STATUS(vipps_callback_parse(call.body, &callback), VIPPS_OK);
    CHECK_STR(vipps_callback_order_id(callback), order_id);
    CHECK_STR(vipps_callback_status(callback), expected_status);
    check_clean("callback json", vipps_callback_json(callback));
    vipps_callback_free(callback);
}

static void test_full_flow(void) {
    char order_id[64], path[160], other[64];
    plant_token(NULL, 0);
    vipps_client *client = hygiene_client(4);

    /* Regular: initiate, approve through the control API, callback, details, capture part and the
       rest, refund, status. */
    unique_order_id(order_id, sizeof order_id, "hyg");
    vipps_initiation_free(initiate(client, order_id, 10000, 0, VIPPS_OK));
    snprintf(path, sizeof path, "/sim/v1/payments/%s/approve", order_id);
    CHECK(sim_control("POST", path, NULL, NULL, 0) == 0);
    check_callback(order_id, AUTH_TOKEN, "RESERVED");
    vipps_payment *payment = NULL;
    CHECK_STATUS(vipps_payment_get_details(client, order_id, &payment), VIPPS_OK);
    CHECK(vipps_payment_state(payment) == VIPPS_STATE_RESERVED);
    vipps_payment_free(payment);
    vipps_transaction *t = NULL;
    CHECK_STATUS(vipps_payment_capture(client, order_id, 3000, "Shipped part 1", NULL, &t), VIPPS_OK);
    vipps_transaction_free(t);
    CHECK_STATUS(vipps_payment_capture(client, order_id, VIPPS_AMOUNT_REMAINING, "Shipped the rest", NULL, &t), VIPPS_OK);
    vipps_transaction_free(t);
    CHECK_STATUS(vipps_payment_refund(client, order_id, 2500, "One item returned", NULL, &t), VIPPS_OK);
    vipps_transaction_free(t);
    CHECK_STATUS(vipps_payment_get_status(client, order_id, &t), VIPPS_OK);
    vipps_transaction_free(t);

    /* Cancel on another payment. */
    unique_order_id(other, sizeof other, "hyg-cancel");
    vipps_initiation_free(initiate(client, other, 5000, 0, VIPPS_OK));
    CHECK_STATUS(vipps_payment_cancel(client, other, "Out of stock", 0, &t), VIPPS_OK);
    vipps_transaction_free(t);

    /* Express with static shipping options: initiated and cancelled. */
    unique_order_id(other, sizeof other, "hyg-static");
    vipps_initiation_free(initiate(client, other, 5000, 2, VIPPS_OK));
    CHECK_STATUS(vipps_payment_cancel(client, other, "Changed her mind", 0, &t), VIPPS_OK);
    vipps_transaction_free(t);

    /* Express with shipping details from the shop: the customer enters her number on the landing
       page, picks address 3961 (Vipps asks the shop for options) and home delivery, approves. */
    unique_order_id(express_order, sizeof express_order, "hyg-express");
    vipps_initiation *initiation = initiate(client, express_order, 20000, 1, VIPPS_OK);
    char url[1024], form[512];
    CHECK(http_call("POST", vipps_initiation_url(initiation), "phoneNumber=" EXPRESS_PHONE, NULL, NULL, 0) == 0);
    vipps_initiation_free(initiation);
    snprintf(url, sizeof url, "%s/sim/v1/phone/%s?merchantSerialNumber=%s&orderId=%s&addressId=3961",
             env("VIPPS_SIM_URL"), EXPRESS_PHONE, env("VIPPS_SIM_MSN"), express_order);
    CHECK(http_call("GET", url, NULL, NULL, NULL, 0) == 0);
    struct shop_call call;
    CHECK(shop_call_for("POST", "/shippingDetails", &call));
    CHECK_STATUS(vipps_callback_verify(AUTH_TOKEN, call.authorization), VIPPS_OK);
    snprintf(url, sizeof url, "%s/sim/v1/phone/%s/approve", env("VIPPS_SIM_URL"), EXPRESS_PHONE);
    snprintf(form, sizeof form, "merchantSerialNumber=%s&orderId=%s&addressId=3961&shippingMethodId=home",
             env("VIPPS_SIM_MSN"), express_order);
    CHECK(http_call("POST", url, form, NULL, NULL, 0) == 0);
    check_callback(express_order, AUTH_TOKEN, "RESERVE");
    CHECK_STATUS(vipps_payment_get_details(client, express_order, &payment), VIPPS_OK);
    CHECK(vipps_payment_state(payment) == VIPPS_STATE_RESERVED);
    CHECK(vipps_payment_json(payment) != NULL && strstr(vipps_payment_json(payment), "Lovelace") != NULL);
    vipps_payment_free(payment);
    CHECK_STATUS(vipps_payment_capture(client, express_order, VIPPS_AMOUNT_REMAINING, "Express shipped", NULL, &t), VIPPS_OK);
    vipps_transaction_free(t);

    /* Consent removal: the customer withdraws it on her phone; the shop gets the DELETE. */
    snprintf(url, sizeof url, "%s/sim/v1/phone/%s/consent-removal", env("VIPPS_SIM_URL"), EXPRESS_PHONE);
    snprintf(form, sizeof form, "merchantSerialNumber=%s&orderId=%s", env("VIPPS_SIM_MSN"), express_order);
    CHECK(http_call("POST", url, form, NULL, NULL, 0) == 0);
    CHECK(shop_call_for("DELETE", "/v2/consents/", &call));
    char *user_id = NULL;
    CHECK_STATUS(vipps_consent_removal_user_id(call.path, &user_id), VIPPS_OK);
    CHECK_STR(user_id, "simuser" EXPRESS_PHONE);
    vipps_string_free(user_id);
    vipps_client_free(client);

    /* A second client that opts in to personal data reads the same express payment. */
    plant_token(NULL, 0);
    vipps_client *personal = client_from(logging_config(&personal_log, 1));
    CHECK_STATUS(vipps_payment_get_details(personal, express_order, &payment), VIPPS_OK);
    vipps_payment_free(payment);
    vipps_client_free(personal);
}

/* ---- Error paths ------------------------------------------------------------------------- */

static void test_wrong_credentials(void) {
    vipps_payment *payment = (vipps_payment *)0x1;
    vipps_config *config = logging_config(&masked_log, 0);
    CHECK_STATUS(vipps_config_set_client_secret(config, WRONG_SECRET), VIPPS_OK);
    vipps_client *client = client_from(config);
    EXPECT_ERROR(vipps_payment_get_details(client, "hyg-any-order", &payment), VIPPS_ERR_AUTHENTICATION,
                 "wrong client secret", client);
    CHECK(payment == NULL);
    vipps_client_free(client);

    config = logging_config(&masked_log, 0);
    CHECK_STATUS(vipps_config_set_subscription_key(config, WRONG_KEY), VIPPS_OK);
    client = client_from(config);
    EXPECT_ERROR(vipps_payment_get_details(client, "hyg-any-order", &payment), VIPPS_ERR_AUTHENTICATION,
                 "wrong subscription key", client);
    vipps_client_free(client);

    config = logging_config(&masked_log, 0);
    CHECK_STATUS(vipps_config_set_client_id(config, "hyg-unknown-client"), VIPPS_OK);
    client = client_from(config);
    EXPECT_ERROR(vipps_payment_get_details(client, "hyg-any-order", &payment), VIPPS_ERR_AUTHENTICATION,
                 "unknown client id", client);
    vipps_client_free(client);
}

static void test_vipps_refusals(vipps_client *client) {
    char order_id[64];
    vipps_transaction *t = (vipps_transaction *)0x1;
    vipps_payment *payment = NULL;
    EXPECT_ERROR(vipps_payment_get_details(client, "hyg-no-such-order", &payment), VIPPS_ERR_NOT_FOUND,
                 "unknown order", client);
    unique_order_id(order_id, sizeof order_id, "hyg-refuse");
    vipps_initiation_free(initiate(client, order_id, 4000, 0, VIPPS_OK));
    vipps_initiation_free(initiate(client, order_id, 4000, 0, VIPPS_ERR_REJECTED)); /* duplicate order id */
    EXPECT_ERROR(vipps_payment_capture(client, order_id, 1000, "Not approved yet", NULL, &t), VIPPS_ERR_REJECTED,
                 "capture before approval", client);
    CHECK(t == NULL);
    char path[160];
    snprintf(path, sizeof path, "/sim/v1/payments/%s/approve", order_id);
    CHECK(sim_control("POST", path, NULL, NULL, 0) == 0);
    EXPECT_ERROR(vipps_payment_capture(client, order_id, 9000, "Too much", NULL, &t), VIPPS_ERR_REJECTED,
                 "capture too much", client);
    EXPECT_ERROR(vipps_payment_refund(client, order_id, 1000, "Nothing captured", NULL, &t), VIPPS_ERR_REJECTED,
                 "refund before capture", client);
    CHECK(vipps_payment_force_approve(client, order_id, REGULAR_PHONE, "hyg-bad-landing-token") != VIPPS_OK);
    check_error("force approve of a reserved payment", client);
}

/* 5xx before and after applying, dropped connections, a timeout and 429, without retries (so each
   surfaces) and with them (so the retry warnings are logged too). */
static void test_transport_faults(vipps_client *once, vipps_client *retrying) {
    char order_id[64];
    vipps_transaction *t = NULL;
    vipps_payment *payment = NULL;
    reserved_payment(once, order_id, sizeof order_id, "hyg-faults", 10000);

    add_fault("details", order_id, "error-before", "\"status\":503", NULL);
    EXPECT_ERROR(vipps_payment_get_details(once, order_id, &payment), VIPPS_ERR_SERVER, "503 on details", once);
    add_fault("capture", order_id, "error-after", "\"status\":500", NULL);
    EXPECT_ERROR(vipps_payment_capture(once, order_id, 1000, "Shipped", "hyg-capture-1", &t), VIPPS_ERR_OUTCOME_UNKNOWN,
                 "500 after capture", once);
    CHECK_STATUS(vipps_payment_capture(once, order_id, 1000, "Shipped", "hyg-capture-1", &t), VIPPS_OK);
    vipps_transaction_free(t);
    add_fault("capture", order_id, "error-before", "\"status\":502", NULL);
    EXPECT_ERROR(vipps_payment_capture(once, order_id, 1000, "Shipped", "hyg-capture-2", &t), VIPPS_ERR_OUTCOME_UNKNOWN,
                 "502 before capture", once);
    /* A read on a dropped connection may be resent at once by the HTTP layer: either outcome. */
    add_fault("details", order_id, "drop-before", NULL, NULL);
    if (vipps_payment_get_details(once, order_id, &payment) != VIPPS_OK) check_error("dropped details", once);
    vipps_payment_free(payment);
    add_fault("refund", order_id, "drop-after", NULL, NULL);
    EXPECT_ERROR(vipps_payment_refund(once, order_id, VIPPS_AMOUNT_REMAINING, "Returned", "hyg-refund-1", &t), VIPPS_ERR_OUTCOME_UNKNOWN,
                 "dropped refund answer", once);
    add_fault("capture", order_id, "rate-limit", "\"retryAfter\":0", NULL);
    EXPECT_ERROR(vipps_payment_capture(once, order_id, 1000, "Shipped", "hyg-capture-3", &t), VIPPS_ERR_RATE_LIMITED,
                 "429 on capture", once);

    /* The same faults with retries: they succeed, and log a warning for each retry. */
    add_fault("details", order_id, "error-before", "\"status\":500,\"count\":2", NULL);
    add_fault("capture", order_id, "rate-limit", "\"retryAfter\":0", NULL);
    CHECK_STATUS(vipps_payment_get_details(retrying, order_id, &payment), VIPPS_OK);
    vipps_payment_free(payment);
    CHECK_STATUS(vipps_payment_capture(retrying, order_id, 1000, "Shipped", "hyg-capture-4", &t), VIPPS_OK);
    vipps_transaction_free(t);

    /* Initiate: a lost answer after Vipps created the payment. */
    unique_order_id(order_id, sizeof order_id, "hyg-init-lost");
    add_fault("initiate", order_id, "error-after", "\"status\":500", NULL);
    vipps_initiation_free(initiate(once, order_id, 2000, 0, VIPPS_ERR_SERVER));

    /* A read timeout: the answer comes later than the client waits. */
    vipps_config *config = logging_config(&masked_log, 0);
    CHECK_STATUS(vipps_config_set_timeouts(config, 2000, 300, 5000), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_retry_policy(config, 1, 0, 0, 5000), VIPPS_OK);
    vipps_client *impatient = client_from(config);
    CHECK_STATUS(vipps_payment_get_details(impatient, "hyg-no-such-order", &payment), VIPPS_ERR_NOT_FOUND); /* token first */
    add_fault("details", order_id, "latency", "\"delayMs\":1200", NULL);
    EXPECT_ERROR(vipps_payment_get_details(impatient, order_id, &payment), VIPPS_ERR_TIMEOUT, "read timeout", impatient);
    vipps_client_free(impatient);
}

/* Fills a template: {S} client secret, {K} subscription key, {T} access token, {A} authToken. */
static void fill(const char *template, const char *token, char *out, size_t size) {
    size_t used = 0;
    out[0] = 0;
    for (const char *p = template; *p && used + 1 < size; p++) {
        const char *value = NULL;
        if (p[0] == '{' && p[1] && p[2] == '}') {
            switch (p[1]) {
            case 'S': value = env("VIPPS_SIM_CLIENT_SECRET"); break;
            case 'K': value = env("VIPPS_SIM_SUBSCRIPTION_KEY"); break;
            case 'T': value = token; break;
            case 'A': value = AUTH_TOKEN; break;
            default: break;
            }
        }
        if (value != NULL) {
            used += (size_t)snprintf(out + used, size - used, "%s", value);
            if (used >= size) used = size - 1;
            p += 2;
        } else {
            out[used++] = *p;
            out[used] = 0;
        }
    }
}

/* Answers that echo the secrets back, in each error shape Vipps has: the library must not pass
   them on, neither in the error nor in a log line. */
static void test_echoed_secrets(vipps_client *once, const char *once_token, vipps_client *retrying,
                                const char *retrying_token) {
    const char *secret = env("VIPPS_SIM_CLIENT_SECRET"), *key = env("VIPPS_SIM_SUBSCRIPTION_KEY");
    const char *token = once_token;
    char body[2400], label[64];
    vipps_payment *payment = NULL;
    const char *order = "hyg-echo-order";
    struct { const char *status; const char *format; vipps_status expected; } shapes[] = {
        { "400", "[{\"errorGroup\":\"{K}\",\"errorCode\":\"{T}\",\"errorMessage\":\"key {K} secret {S} "
                 "Authorization: Bearer {T}\",\"contextId\":\"{S}\"}]", VIPPS_ERR_REJECTED },
        { "401", "{\"statusCode\":401,\"message\":\"Invalid subscription key {K} for Bearer {T}\"}",
          VIPPS_ERR_AUTHENTICATION },
        { "403", "{\"errorCode\":\"{K}\",\"errorMessage\":\"{T}\",\"contextId\":\"{T}\"}", VIPPS_ERR_AUTHENTICATION },
        { "500", "{\"responseInfo\":{\"responseCode\":\"{S}\",\"responseMessage\":\"{T} {K}\"},"
                 "\"result\":{\"message\":\"Bearer {T}\"}}", VIPPS_ERR_SERVER },
        { "200", "[{\"errorGroup\":\"VippsError\",\"errorCode\":\"99\",\"errorMessage\":\"{K} {T} {S}\"}]",
          VIPPS_ERR_REJECTED },
        { "404", "[{\"errorGroup\":\"Merchant\",\"errorCode\":\"35\",\"errorMessage\":\"Order {S} {K} {T}\"}]",
          VIPPS_ERR_NOT_FOUND },
    };
    /* Each client gets its own token echoed: a client can only know the tokens it fetched. The
       authToken is echoed only by initiate, below: no other request carries it. */
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        char extra[64];
        snprintf(extra, sizeof extra, "\"status\":%s,\"count\":9", shapes[i].status);
        fill(shapes[i].format, once_token, body, sizeof body);
        add_fault("details", order, "respond", extra, body);
        snprintf(label, sizeof label, "echo %s without retries", shapes[i].status);
        EXPECT_ERROR(vipps_payment_get_details(once, order, &payment), shapes[i].expected, label, once);
        /* The echo did reach the message, and was blanked there (so the check above was not idle). */
        CHECK(strstr(last_message, "[redacted]") != NULL);
        sim_control("DELETE", "/sim/v1/faults", NULL, NULL, 0);
        fill(shapes[i].format, retrying_token, body, sizeof body);
        add_fault("details", order, "respond", extra, body);
        snprintf(label, sizeof label, "echo %s with retries", shapes[i].status);
        CHECK(vipps_payment_get_details(retrying, order, &payment) != VIPPS_OK);
        check_error(label, retrying);
        sim_control("DELETE", "/sim/v1/faults", NULL, NULL, 0);
    }

    /* A long message with the token where Vipps' text is cut short: no part of it may remain. */
    char filler[480];
    memset(filler, 'x', sizeof filler - 1);
    filler[sizeof filler - 1] = 0;
    snprintf(body, sizeof body, "[{\"errorGroup\":\"Payment\",\"errorCode\":\"99\",\"errorMessage\":\"%s %s\"}]",
             filler, token);
    add_fault("details", order, "respond", "\"status\":400", body);
    EXPECT_ERROR(vipps_payment_get_details(once, order, &payment), VIPPS_ERR_REJECTED, "echo cut short", once);

    /* A successful answer that carries secrets in fields nobody masks: logged at debug level. */
    snprintf(body, sizeof body, "{\"orderId\":\"%s\",\"note\":\"%s %s %s\",\"transactionLogHistory\":[]}", order, token,
             secret, key);
    add_fault("details", order, "respond", "\"status\":200", body);
    if (vipps_payment_get_details(once, order, &payment) != VIPPS_OK) check_error("200 with secrets", once);
    vipps_payment_free(payment);

    /* The token service echoing the credentials (Azure AD shape), on a client without a token. */
    vipps_client *fresh = hygiene_client(1);
    fill("{\"error\":\"{K}\",\"error_description\":\"AADSTS7000215: Invalid client secret "
         "{S} provided for key {K}\",\"correlation_id\":\"{S}\",\"trace_id\":\"{K}\"}", token, body, sizeof body);
    add_fault("token", NULL, "respond", "\"status\":401", body);
    EXPECT_ERROR(vipps_payment_get_details(fresh, order, &payment), VIPPS_ERR_AUTHENTICATION, "token echo", fresh);
    snprintf(body, sizeof body, "{\"statusCode\":500,\"message\":\"client_secret=%s\"}", secret);
    add_fault("token", NULL, "respond", "\"status\":500", body);
    CHECK(vipps_payment_get_details(fresh, order, &payment) != VIPPS_OK);
    check_error("token 500 echo", fresh);
    vipps_client_free(fresh);

    /* Initiate refused with the authToken echoed (an answer about the field it was given). */
    char order_id[64];
    unique_order_id(order_id, sizeof order_id, "hyg-echo-init");
    snprintf(body, sizeof body, "[{\"errorGroup\":\"InvalidRequest\",\"errorCode\":\"merchantInfo.authToken\","
             "\"errorMessage\":\"authToken %s is not accepted\",\"contextId\":\"%s\"}]", AUTH_TOKEN, AUTH_TOKEN);
    add_fault("initiate", order_id, "respond", "\"status\":400", body);
    vipps_initiation_free(initiate(retrying, order_id, 2000, 0, VIPPS_ERR_REJECTED));
    snprintf(body, sizeof body, "{\"statusCode\":503,\"message\":\"%s\"}", AUTH_TOKEN);
    add_fault("initiate", order_id, "respond", "\"status\":503,\"count\":9", body);
    add_fault("details", order_id, "respond", "\"status\":503,\"count\":9", body);
    CHECK(initiate(retrying, order_id, 2000, 0, VIPPS_ERR_OUTCOME_UNKNOWN) == NULL);
    sim_control("DELETE", "/sim/v1/faults", NULL, NULL, 0);

    /* An expired or revoked token: Vipps answers 401, the library fetches a new one (that token
       was not planted; its JWT header is the planted one's, so the fragment search covers it). */
    char renewing_token[1024] = "";
    plant_token(renewing_token, sizeof renewing_token);
    vipps_client *renewing = hygiene_client(1);
    CHECK_STATUS(vipps_payment_get_details(renewing, "hyg-no-such-order", &payment), VIPPS_ERR_NOT_FOUND);
    check_error("unknown order after planting", renewing);
    snprintf(body, sizeof body, "{\"statusCode\":401,\"message\":\"Access token %s has expired.\"}", renewing_token);
    add_fault("details", "hyg-no-such-order", "respond", "\"status\":401", body);
    EXPECT_ERROR(vipps_payment_get_details(renewing, "hyg-no-such-order", &payment), VIPPS_ERR_NOT_FOUND,
                 "token renewed", renewing);
    vipps_client_free(renewing);
}

static void test_network_and_tls(void) {
    vipps_payment *payment = NULL;
    /* The system CA store does not know the simulator's CA. */
    vipps_config *config = logging_config(&masked_log, 0);
    CHECK_STATUS(vipps_config_set_ca_file(config, NULL), VIPPS_OK);
    vipps_client *client = client_from(config);
    EXPECT_ERROR(vipps_payment_get_details(client, "hyg-any-order", &payment), VIPPS_ERR_TLS, "untrusted CA", client);
    vipps_client_free(client);

    /* Nobody listens: a port that was just free. */
    int probe = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address;
    socklen_t size = sizeof address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(probe, (struct sockaddr *)&address, sizeof address);
    getsockname(probe, (struct sockaddr *)&address, &size);
    close(probe);
    char url[64];
    snprintf(url, sizeof url, "https://127.0.0.1:%d", ntohs(address.sin_port));
    config = logging_config(&masked_log, 0);
    CHECK_STATUS(vipps_config_set_base_url(config, url), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_retry_policy(config, 2, 10, 10, 5000), VIPPS_OK);
    client = client_from(config);
    EXPECT_ERROR(vipps_payment_get_details(client, "hyg-any-order", &payment), VIPPS_ERR_NETWORK, "refused", client);
    vipps_client_free(client);
}

/* Mistakes at the C interface with secrets in the arguments: refused without repeating them. */
static void test_invalid_arguments(vipps_client *client) {
    vipps_config *config = NULL;
    vipps_client *none = NULL;
    char bad[600];
    CHECK_STATUS(vipps_config_new(&config), VIPPS_OK);
    snprintf(bad, sizeof bad, "%s\x01%s", WRONG_SECRET, env("VIPPS_SIM_CLIENT_SECRET"));
    if (vipps_config_set_client_secret(config, bad) != VIPPS_OK) check_error("secret with a control character", NULL);
    snprintf(bad, sizeof bad, "%s\n", env("VIPPS_SIM_SUBSCRIPTION_KEY"));
    if (vipps_config_set_subscription_key(config, bad) != VIPPS_OK) check_error("key with a newline", NULL);
    CHECK_STATUS(vipps_config_set_base_url(config, env("VIPPS_SIM_URL")), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_client_id(config, env("VIPPS_SIM_CLIENT_ID")), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_merchant_serial_number(config, env("VIPPS_SIM_MSN")), VIPPS_OK);
    EXPECT_ERROR(vipps_client_new(config, &none), VIPPS_ERR_INVALID_ARGUMENT, "client_new with bad secrets", NULL);
    CHECK(none == NULL);
    snprintf(bad, sizeof bad, "https://user:%s@127.0.0.1:1", env("VIPPS_SIM_CLIENT_SECRET"));
    EXPECT_ERROR(vipps_config_set_base_url(config, bad), VIPPS_ERR_INVALID_ARGUMENT, "secret in a URL", NULL);
    vipps_config_free(config);

    vipps_initiate_params *params = NULL;
    CHECK_STATUS(vipps_initiate_params_new(&params), VIPPS_OK);
    snprintf(bad, sizeof bad, "%s\t", AUTH_TOKEN);
    EXPECT_ERROR(vipps_initiate_params_set_auth_token(params, bad), VIPPS_ERR_INVALID_ARGUMENT, "tab in authToken", NULL);
    memset(bad, 'a', 300);
    memcpy(bad, AUTH_TOKEN, strlen(AUTH_TOKEN));
    bad[300] = 0;
    EXPECT_ERROR(vipps_initiate_params_set_auth_token(params, bad), VIPPS_ERR_INVALID_ARGUMENT, "long authToken", NULL);
    snprintf(bad, sizeof bad, "%s\xff", AUTH_TOKEN);
    EXPECT_ERROR(vipps_initiate_params_set_auth_token(params, bad), VIPPS_ERR_INVALID_ARGUMENT, "invalid UTF-8", NULL);
    vipps_initiate_params_free(params);

    vipps_payment *payment = NULL;
    EXPECT_ERROR(vipps_payment_get_details(NULL, "order", &payment), VIPPS_ERR_INVALID_ARGUMENT, "NULL client", NULL);
    EXPECT_ERROR(vipps_payment_get_details(client, "not an order id!", &payment), VIPPS_ERR_INVALID_ARGUMENT,
                 "bad order id", client);
    EXPECT_ERROR(vipps_callback_verify("", AUTH_TOKEN), VIPPS_ERR_INVALID_ARGUMENT, "empty expected token", NULL);
    EXPECT_ERROR(vipps_callback_verify(NULL, AUTH_TOKEN), VIPPS_ERR_INVALID_ARGUMENT, "NULL expected token", NULL);
    EXPECT_ERROR(vipps_callback_verify(AUTH_TOKEN, AUTH_TOKEN "x"), VIPPS_ERR_AUTHENTICATION, "longer header", NULL);
    EXPECT_ERROR(vipps_callback_verify(AUTH_TOKEN, "Bearer " AUTH_TOKEN), VIPPS_ERR_AUTHENTICATION, "Bearer header",
                 NULL);
    vipps_callback *callback = NULL;
    EXPECT_ERROR(vipps_callback_parse("{\"orderId\":\"o-1\",", &callback), VIPPS_ERR_INVALID_ARGUMENT,
                 "broken callback body", NULL);
    vipps_shipping_request *request = NULL;
    EXPECT_ERROR(vipps_shipping_request_parse("[]", &request), VIPPS_ERR_INVALID_ARGUMENT, "shipping request", NULL);
    char *user_id = NULL;
    EXPECT_ERROR(vipps_consent_removal_user_id("/v2/payments/x", &user_id), VIPPS_ERR_INVALID_ARGUMENT,
                 "consent path", NULL);
}

/* ---- Main --------------------------------------------------------------------------------- */

int main(void) {
    add_secret("client secret", env("VIPPS_SIM_CLIENT_SECRET"));
    add_secret("subscription key", env("VIPPS_SIM_SUBSCRIPTION_KEY"));
    add_secret("callback authToken", AUTH_TOKEN);
    add_secret("second callback authToken", OTHER_AUTH_TOKEN);
    add_secret("wrong client secret", WRONG_SECRET);
    add_secret("wrong subscription key", WRONG_KEY);
    add_secret("sim_support authToken", "shop-callback-secret-token"); /* reserved_payment() sends it */
    sim_control("DELETE", "/sim/v1/faults", NULL, NULL, 0);

    capture_start();
    start_shop();
    snprintf(callback_prefix, sizeof callback_prefix, "http://127.0.0.1:%d/shop", shop_port);
    test_full_flow();
    test_wrong_credentials();
    /* Two clients whose tokens the test knows: one without retries, one with. */
    char once_token[1024] = "", retrying_token[1024] = "";
    vipps_payment *payment = NULL;
    plant_token(once_token, sizeof once_token);
    vipps_client *once = hygiene_client(1);
    EXPECT_ERROR(vipps_payment_get_details(once, "hyg-no-such-order", &payment), VIPPS_ERR_NOT_FOUND, "warm-up", once);
    plant_token(retrying_token, sizeof retrying_token);
    vipps_client *retrying = hygiene_client(4);
    EXPECT_ERROR(vipps_payment_get_details(retrying, "hyg-no-such-order", &payment), VIPPS_ERR_NOT_FOUND, "warm-up",
                 retrying);
    test_vipps_refusals(once);
    test_transport_faults(once, retrying);
    test_echoed_secrets(once, once_token, retrying, retrying_token);
    test_network_and_tls();
    test_invalid_arguments(once);
    vipps_client_free(once);
    vipps_client_free(retrying);
    sim_control("DELETE", "/sim/v1/faults", NULL, NULL, 0);
    char *output = capture_stop();

    /* Everything emitted, in one place: no secret anywhere. */
    check_clean("log lines (personal data masked)", log_text(&masked_log));
    check_clean("log lines (personal data included)", log_text(&personal_log));
    check_clean("stdout and stderr", output);
    /* The Authorization header's value (the echoed answers above say "Bearer" themselves). */
    CHECK(strstr(log_text(&masked_log), "Bearer ey") == NULL && strstr(log_text(&personal_log), "Bearer ey") == NULL);
    /* The most verbose level was really on, and the error paths were really taken. */
    CHECK(levels_seen[VIPPS_LOG_DEBUG] > 0 && levels_seen[VIPPS_LOG_INFO] > 0 && levels_seen[VIPPS_LOG_WARNING] > 0);
    CHECK(strstr(log_text(&masked_log), "response body") != NULL);
    CHECK(errors_checked >= 40);

    /* Personal data: masked by default, shown to the client that opted in. */
    for (size_t i = 0; i < sizeof personal_values / sizeof personal_values[0]; i++) {
        int masked = strstr(log_text(&masked_log), personal_values[i]) == NULL;
        int shown = strstr(log_text(&personal_log), personal_values[i]) != NULL;
        if (!masked) fprintf(stderr, "personal data in the default log: %s\n", personal_values[i]);
        if (!shown) fprintf(stderr, "personal data missing from the opted-in log: %s\n", personal_values[i]);
        CHECK(masked && shown);
    }
    CHECK(strstr(log_text(&masked_log), REGULAR_PHONE) == NULL);
    CHECK(strstr(log_text(&masked_log), "[personal data]") != NULL); /* masked, not merely absent */

    /* What the run printed (the failures above, if any), with whole secrets blanked out. */
    for (size_t i = 0; output != NULL && i < secret_count; i++) {
        size_t length = strlen(secrets[i].value);
        for (char *hit = strstr(output, secrets[i].value); hit != NULL; hit = strstr(hit + length, secrets[i].value)) {
            memset(hit, '*', length);
        }
    }
    if (output != NULL) fputs(output, stderr);
    free(output);
    printf("test_secret_hygiene: %d errors checked; %zu log lines (%zu with personal data)\n", errors_checked,
           masked_log.lines, personal_log.lines);
    return check_summary("test_secret_hygiene");
}
