/* c_libcurl.c — the baseline: what a C shop writes without libvipps. libcurl's easy API with the
 * handle reused (so the connection and TLS session are kept alive), the same headers libvipps
 * sends, and every answer decoded with json-c into the fields libvipps reads (libvipps decodes
 * every response, so the baseline must too). See bench_common.h for the command line and report.
 * With BENCH_API=epayment a details call is what libvipps does on ePayment: GET the payment, then
 * GET its events.
 */
#include <curl/curl.h>
#include <json-c/json.h>
#include <pthread.h>

#include "bench_common.h"

static bench_args args;
static char token_header[2048];
static char details_url[512];
static char events_url[512];
static char token_url[512];
static int epayment; /* BENCH_API=epayment */

typedef struct {
    char *data;
    size_t length, capacity;
} buffer;

static size_t collect(char *bytes, size_t size, size_t count, void *user) {
    buffer *body = user;
    size_t length = size * count;
    if (body->length + length + 1 > body->capacity) {
        size_t capacity = (body->length + length + 1) * 2;
        char *grown = realloc(body->data, capacity);
        if (grown == NULL) return 0;
        body->data = grown;
        body->capacity = capacity;
    }
    memcpy(body->data + body->length, bytes, length);
    body->length += length;
    body->data[body->length] = '\0';
    return length;
}

/* Accept, Ocp-Apim-Subscription-Key, Merchant-Serial-Number and Vipps-System-*, as libvipps. */
static struct curl_slist *common_headers(void) {
    struct curl_slist *headers = NULL;
    headers = curl_slist_append(headers, "Accept: application/json");
    headers = curl_slist_append(headers, "Ocp-Apim-Subscription-Key: " BENCH_SUBSCRIPTION_KEY);
    headers = curl_slist_append(headers, "Merchant-Serial-Number: " BENCH_MSN);
    headers = curl_slist_append(headers, "Vipps-System-Name: " BENCH_SYSTEM_NAME);
    headers = curl_slist_append(headers, "Vipps-System-Version: " BENCH_SYSTEM_VERSION);
    headers = curl_slist_append(headers, "Vipps-System-Plugin-Name: " BENCH_PLUGIN_NAME);
    headers = curl_slist_append(headers, "Vipps-System-Plugin-Version: " BENCH_PLUGIN_VERSION);
    return headers;
}

static CURL *new_handle(buffer *body) {
    CURL *curl = curl_easy_init();
    if (curl == NULL) {
        fprintf(stderr, "c-libcurl: curl_easy_init failed\n");
        exit(1);
    }
    curl_easy_setopt(curl, CURLOPT_CAINFO, args.ca_file);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, body);
    curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L); /* threads: no SIGALRM for timeouts */
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 30000L);
    return curl;
}

static void perform(CURL *curl, buffer *body, const char *what) {
    body->length = 0;
    CURLcode code = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    if (code != CURLE_OK || status != 200) {
        fprintf(stderr, "c-libcurl: %s: %s (HTTP %ld)\n", what, curl_easy_strerror(code), status);
        exit(1);
    }
}

/* POST /accesstoken/get with the credentials in headers and no body, on the handle the details
   calls then reuse; the token's header is kept for them. */
static void fetch_token(CURL *curl, buffer *body) {
    struct curl_slist *headers = common_headers();
    headers = curl_slist_append(headers, "client_id: " BENCH_CLIENT_ID);
    headers = curl_slist_append(headers, "client_secret: " BENCH_CLIENT_SECRET);
    headers = curl_slist_append(headers, "Content-Type:"); /* libcurl's form type: libvipps sends none */
    snprintf(token_url, sizeof token_url, "%s/accesstoken/get", args.url);
    curl_easy_setopt(curl, CURLOPT_URL, token_url);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, "");
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, 0L);
    perform(curl, body, "token");
    json_object *root = json_tokener_parse(body->data);
    json_object *value = NULL;
    if (root == NULL || !json_object_object_get_ex(root, "access_token", &value)) {
        fprintf(stderr, "c-libcurl: the token answer has no access_token\n");
        exit(1);
    }
    snprintf(token_header, sizeof token_header, "Authorization: Bearer %s", json_object_get_string(value));
    json_object_put(root);
    /* The handle goes on to GET the details over the same connection, as libvipps's pool does. */
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, NULL);
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    curl_slist_free_all(headers);
}

/* What libvipps takes out of a details answer, so that both do the same decoding work. */
typedef struct {
    const char *operation, *transaction_id, *transaction_text, *timestamp, *request_id;
    int64_t amount;
    int success;
} log_entry;

typedef struct {
    const char *order_id;
    int64_t captured, refunded, remaining_to_capture, remaining_to_refund;
    log_entry log[16];
    size_t log_count;
} details;

static const char *text_field(json_object *object, const char *name) {
    json_object *value = NULL;
    return json_object_object_get_ex(object, name, &value) ? json_object_get_string(value) : "";
}

static int64_t integer_field(json_object *object, const char *name) {
    json_object *value = NULL;
    return json_object_object_get_ex(object, name, &value) ? json_object_get_int64(value) : 0;
}

/* Parses one details answer; returns its number of log entries (-1 if it is not JSON). */
static long decode_details(const buffer *body) {
    details result;
    memset(&result, 0, sizeof result);
    json_object *root = json_tokener_parse(body->data);
    if (root == NULL) return -1;
    result.order_id = text_field(root, "orderId");
    json_object *history = NULL;
    if (json_object_object_get_ex(root, "transactionLogHistory", &history)) {
        size_t count = json_object_array_length(history);
        for (size_t i = 0; i < count && i < 16; i++) {
            json_object *item = json_object_array_get_idx(history, i);
            json_object *success = NULL;
            log_entry *entry = &result.log[result.log_count++];
            entry->operation = text_field(item, "operation");
            entry->amount = integer_field(item, "amount");
            entry->success = json_object_object_get_ex(item, "operationSuccess", &success)
                                 ? json_object_get_boolean(success) : 1;
            entry->transaction_id = text_field(item, "transactionId");
            entry->transaction_text = text_field(item, "transactionText");
            entry->timestamp = text_field(item, "timeStamp");
            entry->request_id = text_field(item, "requestId");
        }
    }
    json_object *summary = NULL;
    if (json_object_object_get_ex(root, "transactionSummary", &summary)) {
        result.captured = integer_field(summary, "capturedAmount");
        result.refunded = integer_field(summary, "refundedAmount");
        result.remaining_to_capture = integer_field(summary, "remainingAmountToCapture");
        result.remaining_to_refund = integer_field(summary, "remainingAmountToRefund");
    }
    long entries = (long)result.log_count;
    json_object_put(root);
    return entries;
}

/* What libvipps takes out of an ePayment payment and its events: state, the aggregate amounts
   and each event's name, amount, time, key and outcome. */
typedef struct {
    const char *name, *timestamp, *idempotency_key, *psp_reference;
    int64_t amount;
    int success;
} epayment_event;

static int64_t money_field(json_object *object, const char *name) {
    json_object *money = NULL;
    return json_object_object_get_ex(object, name, &money) ? integer_field(money, "value") : 0;
}

/* Parses one GET payment answer; returns 0, or -1 if it is not the JSON expected. */
static int decode_epayment_payment(const buffer *body) {
    json_object *root = json_tokener_parse(body->data);
    if (root == NULL) return -1;
    json_object *aggregate = NULL;
    int64_t amounts[4] = {0};
    const char *state = text_field(root, "state");
    const char *reference = text_field(root, "reference");
    const char *psp_reference = text_field(root, "pspReference");
    if (json_object_object_get_ex(root, "aggregate", &aggregate)) {
        amounts[0] = money_field(aggregate, "authorizedAmount");
        amounts[1] = money_field(aggregate, "capturedAmount");
        amounts[2] = money_field(aggregate, "refundedAmount");
        amounts[3] = money_field(aggregate, "cancelledAmount");
    }
    int ok = state[0] != 0 && reference[0] != 0 && psp_reference[0] != 0 && amounts[1] > 0 ? 0 : -1;
    json_object_put(root);
    return ok;
}

/* Parses one GET events answer; returns its number of events (-1 if it is not JSON). */
static long decode_epayment_events(const buffer *body) {
    epayment_event events[16];
    size_t count = 0;
    json_object *root = json_tokener_parse(body->data);
    if (root == NULL || !json_object_is_type(root, json_type_array)) {
        json_object_put(root);
        return -1;
    }
    size_t length = json_object_array_length(root);
    for (size_t i = 0; i < length && count < 16; i++) {
        json_object *item = json_object_array_get_idx(root, i);
        json_object *success = NULL;
        epayment_event *event = &events[count++];
        event->name = text_field(item, "name");
        event->amount = money_field(item, "amount");
        event->timestamp = text_field(item, "timestamp");
        event->idempotency_key = text_field(item, "idempotencyKey");
        event->psp_reference = text_field(item, "pspReference");
        event->success = json_object_object_get_ex(item, "success", &success) ? json_object_get_boolean(success) : 0;
    }
    json_object_put(root);
    return (long)count;
}

/* One details call: eCom's one GET, or ePayment's two. Returns the entries decoded. */
static long details_call(CURL *curl, buffer *body) {
    if (!epayment) {
        perform(curl, body, "details");
        return decode_details(body);
    }
    curl_easy_setopt(curl, CURLOPT_URL, details_url);
    perform(curl, body, "payment");
    if (decode_epayment_payment(body) != 0) return -1;
    curl_easy_setopt(curl, CURLOPT_URL, events_url);
    perform(curl, body, "events");
    return decode_epayment_events(body);
}

typedef struct {
    long calls;
    int checkpoints; /* record RSS checkpoints (only the lone thread does) */
    CURL *curl;      /* a handle made (and connected) by the warm-up, or NULL */
    buffer body;
} work;

static void *worker(void *argument) {
    work *job = argument;
    struct curl_slist *headers = common_headers();
    headers = curl_slist_append(headers, token_header);
    if (job->curl == NULL) job->curl = new_handle(&job->body);
    curl_easy_setopt(job->curl, CURLOPT_URL, details_url);
    curl_easy_setopt(job->curl, CURLOPT_HTTPHEADER, headers);
    for (long i = 1; i <= job->calls; i++) {
        if (details_call(job->curl, &job->body) != (epayment ? BENCH_EPAYMENT_EVENTS : 4)) {
            fprintf(stderr, "c-libcurl: unexpected details answer\n");
            exit(1);
        }
        if (job->checkpoints) bench_checkpoint(&args, i);
    }
    curl_slist_free_all(headers);
    return NULL;
}

int main(int argc, char **argv) {
    double started = bench_now();
    args = bench_parse_args(argc, argv);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const char *api = getenv("BENCH_API");
    epayment = api != NULL && strcmp(api, "epayment") == 0;
    if (epayment) {
        snprintf(details_url, sizeof details_url, "%s/epayment/v1/payments/%s", args.url, BENCH_ORDER_ID);
        snprintf(events_url, sizeof events_url, "%s/epayment/v1/payments/%s/events", args.url, BENCH_ORDER_ID);
    } else {
        snprintf(details_url, sizeof details_url, "%s/ecomm/v2/payments/%s/details", args.url, BENCH_ORDER_ID);
    }

    /* Token, then the first details call on the same handle: the warm-up. The lone timing
       thread goes on with that handle and its connection. */
    work first = {1, 0, NULL, {0}};
    first.curl = new_handle(&first.body);
    fetch_token(first.curl, &first.body);
    worker(&first);

    bench_clock clock;
    clock.setup_s = bench_now() - started;
    bench_start(&clock);
    if (args.threads == 1) {
        first.calls = args.n;
        first.checkpoints = 1;
        worker(&first);
    } else {
        /* Easy handles cannot be shared: one per thread, as libcurl's documentation asks. */
        pthread_t threads[64];
        work jobs[64];
        if (args.threads > 64) args.threads = 64;
        for (int t = 0; t < args.threads; t++) {
            jobs[t] = (work){args.n / args.threads + (t < args.n % args.threads ? 1 : 0), 0, NULL, {0}};
            if (pthread_create(&threads[t], NULL, worker, &jobs[t]) != 0) return 1;
        }
        for (int t = 0; t < args.threads; t++) {
            pthread_join(threads[t], NULL);
            curl_easy_cleanup(jobs[t].curl);
            free(jobs[t].body.data);
        }
    }
    bench_report("c-libcurl", &args, &clock);
    curl_easy_cleanup(first.curl);
    free(first.body.data);
    curl_global_cleanup();
    return 0;
}
