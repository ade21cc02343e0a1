/*
 * Runs the shared libvipps corpus (cases.json) through the C API against vipps-sim.
 *
 *   gcc -std=c99 -Wall -Wextra -pedantic -Werror -o run_corpus bindings/corpus/run_corpus.c \
 *       $(pkg-config --cflags --libs vipps json-c)
 *   scripts/with-simulator.sh SIM STATE -- ./run_corpus [cases.json]
 *
 * Prints one line per case and a final "N passed, M failed"; exits 1 on any failure, 2 on a setup
 * error. The semantics are those of README.md; run_corpus.py and run_corpus.php implement the same.
 */
#define _POSIX_C_SOURCE 200809L

/* The corpus covers the deprecated vipps_payment_get_status too (Vipps\Client::status). */
#define VIPPS_NO_DEPRECATION_WARNINGS
#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <vipps.h>

#define DEFAULT_TEXT "libvipps corpus"
#define DEFAULT_CALLBACK "https://shop.example/vipps"
#define DEFAULT_FALLBACK "https://shop.example/order"
#define MAX_TOKENS 16

static const char *error_name(vipps_status status)
{
    switch (status) {
    case VIPPS_ERR_INVALID_ARGUMENT: return "invalid_argument";
    case VIPPS_ERR_NOT_ALLOWED: return "not_allowed";
    case VIPPS_ERR_NETWORK: return "network";
    case VIPPS_ERR_TIMEOUT: return "timeout";
    case VIPPS_ERR_TLS: return "tls";
    case VIPPS_ERR_PROTOCOL: return "protocol";
    case VIPPS_ERR_OUTCOME_UNKNOWN: return "outcome_unknown";
    case VIPPS_ERR_AUTHENTICATION: return "authentication";
    case VIPPS_ERR_NOT_FOUND: return "not_found";
    case VIPPS_ERR_REJECTED: return "rejected";
    case VIPPS_ERR_RATE_LIMITED: return "rate_limited";
    case VIPPS_ERR_SERVER: return "server";
    case VIPPS_ERR_INTERNAL: return "internal";
    default: return "unknown_status";
    }
}

/* The expect keys each op's result can be checked against (besides ok and the error keys). */
static const char *const details_keys[] = {"order_id", "state", "amount", "captured", "refunded",
                                           "remaining_to_capture", "remaining_to_refund", "log_count",
                                           "currency", "cancelled", "events", NULL};
static const char *const transaction_keys[] = {"order_id", "status", "amount", "captured", "refunded",
                                               "remaining_to_capture", "remaining_to_refund", "request_id", NULL};
static const char *const initiate_keys[] = {"order_id", "url_contains", "has_token", NULL};
static const char *const api_names[2] = {"ecom", "epayment"};
/* The sales unit a case runs on: the simulator's default one (Norway, NOK), or a MobilePay one. */
static const char *const market_names[3] = {"norway", "denmark", "finland"};
static const char *const market_msn_variables[3] = {"VIPPS_SIM_MSN", "VIPPS_SIM_MSN_DENMARK", "VIPPS_SIM_MSN_FINLAND"};
static const char *const no_keys[] = {NULL};
static const char *const error_keys[] = {"error", "code", "group", "http", "message_contains", NULL};

static int in_list(const char *const *list, const char *key)
{
    for (; *list; list++)
        if (strcmp(*list, key) == 0) return 1;
    return 0;
}

struct run {
    vipps_client *all_clients[3][2]; /* by market_names and api_names; NULL when no case needs it */
    vipps_client *clients[2];        /* the case's market's */
    vipps_client *client;     /* the one the current step runs on */
    int api;                  /* the case's API: an index of api_names */
    char expires[32];
    char order[64];
    char order2[72];
    size_t token_count;
    char *token_order[MAX_TOKENS];
    char *token[MAX_TOKENS];
    char problems[2048];
};

static void problem(struct run *run, const char *format, ...)
{
    size_t used = strlen(run->problems);
    va_list ap;
    if (used > 0 && used + 2 < sizeof run->problems) {
        strcat(run->problems, "; ");
        used += 2;
    }
    va_start(ap, format);
    vsnprintf(run->problems + used, sizeof run->problems - used, format, ap);
    va_end(ap);
}

static void clear_tokens(struct run *run)
{
    size_t i;
    for (i = 0; i < run->token_count; i++) {
        free(run->token_order[i]);
        free(run->token[i]);
    }
    run->token_count = 0;
}

static const char *find_token(const struct run *run, const char *order)
{
    size_t i;
    for (i = run->token_count; i > 0; i--)
        if (strcmp(run->token_order[i - 1], order) == 0) return run->token[i - 1];
    return NULL;
}

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    if (!copy) {
        fprintf(stderr, "run_corpus: out of memory\n");
        exit(2);
    }
    memcpy(copy, s, n);
    return copy;
}

/* A new string: s with every "$order2" and "$order" replaced by this case's order ids. */
static char *substitute(const struct run *run, const char *s)
{
    size_t cap = strlen(s) * 8 + 64, len = 0;
    char *out = malloc(cap);
    if (!out) {
        fprintf(stderr, "run_corpus: out of memory\n");
        exit(2);
    }
    while (*s) {
        const char *with = NULL;
        size_t skip = 0;
        if (strncmp(s, "$expires", 8) == 0) {
            with = run->expires;
            skip = 8;
        } else if (strncmp(s, "$order2", 7) == 0) {
            with = run->order2;
            skip = 7;
        } else if (strncmp(s, "$order", 6) == 0) {
            with = run->order;
            skip = 6;
        }
        if (with) {
            size_t n = strlen(with);
            memcpy(out + len, with, n);
            len += n;
            s += skip;
        } else {
            out[len++] = *s++;
        }
    }
    out[len] = '\0';
    return out;
}

static json_object *get(json_object *obj, const char *key)
{
    json_object *value = NULL;
    if (obj && json_object_is_type(obj, json_type_object) && json_object_object_get_ex(obj, key, &value))
        return value;
    return NULL;
}

/* A new object: obj's members for this API, its "ecom" / "epayment" object merged over the rest
   (a null there removes the member). NULL stays NULL. */
static json_object *for_api(json_object *obj, const char *api)
{
    json_object *merged, *over;
    if (!obj || !json_object_is_type(obj, json_type_object)) return obj ? json_object_get(obj) : NULL;
    merged = json_object_new_object();
    json_object_object_foreach(obj, key, value) {
        if (strcmp(key, api_names[0]) != 0 && strcmp(key, api_names[1]) != 0)
            json_object_object_add(merged, key, json_object_get(value));
    }
    over = get(obj, api);
    if (over && json_object_is_type(over, json_type_object)) {
        json_object_object_foreach(over, okey, ovalue) {
            if (ovalue == NULL) json_object_object_del(merged, okey);
            else json_object_object_add(merged, okey, json_object_get(ovalue));
        }
    }
    return merged;
}

/* A string argument after substitution (new string), or NULL (also for JSON null). */
static char *arg_string(const struct run *run, json_object *args, const char *key, const char *fallback)
{
    json_object *value = get(args, key);
    if (value && json_object_is_type(value, json_type_string))
        return substitute(run, json_object_get_string(value));
    return fallback ? dup_string(fallback) : NULL;
}

static int64_t arg_int(json_object *args, const char *key)
{
    json_object *value = get(args, key);
    return value ? json_object_get_int64(value) : 0;
}

/* A capture or refund amount: øre, or "remaining" for VIPPS_AMOUNT_REMAINING. */
static int64_t arg_amount(json_object *args)
{
    json_object *value = get(args, "amount");
    if (value && json_object_is_type(value, json_type_string) && strcmp(json_object_get_string(value), "remaining") == 0)
        return VIPPS_AMOUNT_REMAINING;
    return value ? json_object_get_int64(value) : 0;
}

/* What a successful call returned, in the corpus' terms. */
struct fields {
    const char *order_id, *state, *status, *request_id, *url, *currency;
    int has_token;
    int64_t amount, captured, refunded, remaining_to_capture, remaining_to_refund, cancelled;
    const vipps_payment *payment; /* details only: the log */
};

static int is_int_key(const char *key)
{
    return strcmp(key, "amount") == 0 || strcmp(key, "captured") == 0 || strcmp(key, "refunded") == 0 ||
           strcmp(key, "remaining_to_capture") == 0 || strcmp(key, "remaining_to_refund") == 0 ||
           strcmp(key, "cancelled") == 0;
}

static int64_t int_field(const struct fields *f, const char *key)
{
    if (strcmp(key, "amount") == 0) return f->amount;
    if (strcmp(key, "captured") == 0) return f->captured;
    if (strcmp(key, "refunded") == 0) return f->refunded;
    if (strcmp(key, "remaining_to_capture") == 0) return f->remaining_to_capture;
    if (strcmp(key, "cancelled") == 0) return f->cancelled;
    return f->remaining_to_refund;
}

static const char *string_field(const struct fields *f, const char *key)
{
    if (strcmp(key, "order_id") == 0) return f->order_id;
    if (strcmp(key, "state") == 0) return f->state;
    if (strcmp(key, "status") == 0) return f->status;
    if (strcmp(key, "currency") == 0) return f->currency;
    return f->request_id;
}

static void check_fields(struct run *run, json_object *expect, const struct fields *f)
{
    struct json_object_iterator it = json_object_iter_begin(expect), end = json_object_iter_end(expect);
    for (; !json_object_iter_equal(&it, &end); json_object_iter_next(&it)) {
        const char *key = json_object_iter_peek_name(&it);
        json_object *want = json_object_iter_peek_value(&it);
        if (strcmp(key, "ok") == 0) continue;
        if (strcmp(key, "log_count") == 0) {
            struct json_object_iterator li = json_object_iter_begin(want), le = json_object_iter_end(want);
            for (; !json_object_iter_equal(&li, &le); json_object_iter_next(&li)) {
                const char *operation = json_object_iter_peek_name(&li);
                int64_t n = json_object_get_int64(json_object_iter_peek_value(&li)), got = 0;
                size_t i, count = vipps_payment_log_count(f->payment);
                for (i = 0; i < count; i++) {
                    const char *op = vipps_payment_log_operation(f->payment, i);
                    if (op && strcmp(op, operation) == 0) got++;
                }
                if (got != n) problem(run, "log_count[%s] %lld != %lld", operation, (long long)got, (long long)n);
            }
        } else if (strcmp(key, "events") == 0) {
            size_t i, count = vipps_payment_event_count(f->payment);
            size_t wanted = json_object_is_type(want, json_type_array) ? json_object_array_length(want) : 0;
            int same = json_object_is_type(want, json_type_array) && count == wanted;
            for (i = 0; same && i < count; i++) {
                const char *name = vipps_payment_event_name(f->payment, i);
                same = name && strcmp(name, json_object_get_string(json_object_array_get_idx(want, i))) == 0;
            }
            if (!same) problem(run, "events (%lu of them) != %s", (unsigned long)count, json_object_to_json_string(want));
        } else if (strcmp(key, "has_token") == 0) {
            if (f->has_token != json_object_get_boolean(want)) problem(run, "has_token %d != %s", f->has_token,
                                                                       json_object_to_json_string(want));
        } else if (strcmp(key, "url_contains") == 0) {
            char *w = substitute(run, json_object_get_string(want));
            if (!f->url || !strstr(f->url, w)) problem(run, "url \"%s\" lacks \"%s\"", f->url ? f->url : "(null)", w);
            free(w);
        } else if (is_int_key(key)) {
            int64_t got = int_field(f, key), n = json_object_get_int64(want);
            if (!json_object_is_type(want, json_type_int)) problem(run, "expect %s must be an integer", key);
            else if (got != n) problem(run, "%s %lld != %lld", key, (long long)got, (long long)n);
        } else {
            const char *got = string_field(f, key);
            char *w = json_object_is_type(want, json_type_string) ? substitute(run, json_object_get_string(want)) : NULL;
            if (!w) problem(run, "expect %s must be a string", key);
            else if (!got || strcmp(got, w) != 0) problem(run, "%s \"%s\" != \"%s\"", key, got ? got : "(null)", w);
            free(w);
        }
    }
}

static void check_error(struct run *run, json_object *expect, vipps_status status, const vipps_error *e)
{
    const char *name = error_name(status);
    const char *message = vipps_error_message(e) ? vipps_error_message(e) : "";
    const char *code = vipps_error_code(e), *group = vipps_error_group(e);
    json_object *want;
    if (!get(expect, "error")) {
        problem(run, "expected success, got %s: %s", name, message);
        return;
    }
    if (strcmp(name, json_object_get_string(get(expect, "error"))) != 0)
        problem(run, "error %s != %s", name, json_object_get_string(get(expect, "error")));
    if ((want = get(expect, "code")) && (!code || strcmp(code, json_object_get_string(want)) != 0))
        problem(run, "code %s != %s", code ? code : "(null)", json_object_get_string(want));
    if ((want = get(expect, "group")) && strcasecmp(group ? group : "", json_object_get_string(want)) != 0)
        problem(run, "group %s != %s", group ? group : "(null)", json_object_get_string(want));
    if ((want = get(expect, "http")) && vipps_error_http_status(e) != json_object_get_int(want))
        problem(run, "http %d != %d", (int)vipps_error_http_status(e), json_object_get_int(want));
    if ((want = get(expect, "message_contains")) && !strstr(message, json_object_get_string(want)))
        problem(run, "message \"%s\" lacks \"%s\"", message, json_object_get_string(want));
    if (run->problems[0]) {
        size_t used = strlen(run->problems);
        snprintf(run->problems + used, sizeof run->problems - used, " (%s)", message);
    }
}

static void fields_from_transaction(struct fields *f, const vipps_transaction *t)
{
    f->order_id = vipps_transaction_order_id(t);
    f->status = vipps_transaction_status(t);
    f->request_id = vipps_transaction_request_id(t);
    f->amount = vipps_transaction_amount(t);
    f->captured = vipps_transaction_captured_amount(t);
    f->refunded = vipps_transaction_refunded_amount(t);
    f->remaining_to_capture = vipps_transaction_remaining_to_capture(t);
    f->remaining_to_refund = vipps_transaction_remaining_to_refund(t);
}

static void run_op(struct run *run, const char *op, json_object *args, json_object *expect);

/* Runs one step; leaves run->problems empty when it behaved as expected. */
static void run_step(struct run *run, json_object *step)
{
    const char *op = json_object_get_string(get(step, "op"));
    const char *via = json_object_get_string(get(step, "via"));
    json_object *args, *expect;

    run->problems[0] = '\0';
    if (!op) op = "";
    run->client = run->clients[run->api];
    if (via) {
        if (strcmp(via, api_names[0]) == 0) run->client = run->clients[0];
        else if (strcmp(via, api_names[1]) == 0) run->client = run->clients[1];
        else {
            problem(run, "unknown via '%s'", via);
            return;
        }
    }
    args = for_api(get(step, "args"), api_names[run->api]);
    expect = for_api(get(step, "expect"), api_names[run->api]);
    run_op(run, op, args, expect);
    json_object_put(args);
    json_object_put(expect);
}

/* Adds the receipt lines of an initiate's args. */
static vipps_status add_receipt_lines(const struct run *run, vipps_initiate_params *params, json_object *lines)
{
    size_t i, n = lines && json_object_is_type(lines, json_type_array) ? json_object_array_length(lines) : 0;
    vipps_status status = VIPPS_OK;
    for (i = 0; status == VIPPS_OK && i < n; i++) {
        json_object *line = json_object_array_get_idx(lines, i), *shipping = get(line, "is_shipping");
        char *id = arg_string(run, line, "id", NULL), *name = arg_string(run, line, "name", NULL);
        status = vipps_initiate_params_add_receipt_line(params, id, name, arg_int(line, "total_amount"),
                                                        arg_int(line, "total_amount_excluding_tax"),
                                                        arg_int(line, "total_tax_amount"),
                                                        (int32_t)arg_int(line, "tax_rate"),
                                                        shipping && json_object_get_boolean(shipping));
        free(id);
        free(name);
    }
    return status;
}

/* A string setter of the initiate params, called only when the args have the value. */
static vipps_status optional_setter(const struct run *run, vipps_initiate_params *params, json_object *args,
                                    const char *key,
                                    vipps_status (*setter)(vipps_initiate_params *, const char *))
{
    char *value = arg_string(run, args, key, NULL);
    vipps_status status = value ? setter(params, value) : VIPPS_OK;
    free(value);
    return status;
}

/* Runs one op with the args and expectations of this API. */
static void run_op(struct run *run, const char *op, json_object *args, json_object *expect)
{
    const char *const *allowed;
    char *order, *text;
    vipps_status status = VIPPS_OK;
    vipps_initiation *initiation = NULL;
    vipps_payment *payment = NULL;
    vipps_transaction *transaction = NULL;
    struct fields f;
    struct json_object_iterator it, end;

    memset(&f, 0, sizeof f);
    if (strcmp(op, "initiate") == 0) allowed = initiate_keys;
    else if (strcmp(op, "approve") == 0) allowed = no_keys;
    else if (strcmp(op, "details") == 0) allowed = details_keys;
    else if (strcmp(op, "capture") == 0 || strcmp(op, "refund") == 0 || strcmp(op, "cancel") == 0 ||
             strcmp(op, "status") == 0) allowed = transaction_keys;
    else {
        problem(run, "unknown op '%s'", op);
        return;
    }
    if (expect) {
        it = json_object_iter_begin(expect);
        end = json_object_iter_end(expect);
        for (; !json_object_iter_equal(&it, &end); json_object_iter_next(&it)) {
            const char *key = json_object_iter_peek_name(&it);
            if (strcmp(key, "ok") != 0 && !in_list(allowed, key) && !in_list(error_keys, key)) {
                problem(run, "expect key '%s' is not supported for %s", key, op);
                return;
            }
        }
    }
    order = arg_string(run, args, "order", "");
    text = arg_string(run, args, "text", DEFAULT_TEXT);

    if (strcmp(op, "initiate") == 0) {
        vipps_initiate_params *params = NULL;
        char *callback = arg_string(run, args, "callback_prefix", DEFAULT_CALLBACK);
        char *fallback = arg_string(run, args, "fallback_url", DEFAULT_FALLBACK);
        if ((status = vipps_initiate_params_new(&params)) == VIPPS_OK &&
            (status = vipps_initiate_params_set_order_id(params, order)) == VIPPS_OK &&
            (status = optional_setter(run, params, args, "currency", vipps_initiate_params_set_currency)) == VIPPS_OK &&
            (status = vipps_initiate_params_set_amount(params, arg_int(args, "amount"))) == VIPPS_OK &&
            (status = vipps_initiate_params_set_transaction_text(params, text)) == VIPPS_OK &&
            (status = vipps_initiate_params_set_callback_prefix(params, callback)) == VIPPS_OK &&
            (status = vipps_initiate_params_set_fallback_url(params, fallback)) == VIPPS_OK &&
            (status = optional_setter(run, params, args, "phone", vipps_initiate_params_set_phone_number)) == VIPPS_OK &&
            (status = optional_setter(run, params, args, "user_flow", vipps_initiate_params_set_user_flow)) == VIPPS_OK &&
            (status = optional_setter(run, params, args, "customer_phone",
                                      vipps_initiate_params_set_customer_phone_number)) == VIPPS_OK &&
            (status = optional_setter(run, params, args, "customer_personal_qr",
                                      vipps_initiate_params_set_customer_personal_qr)) == VIPPS_OK &&
            (status = optional_setter(run, params, args, "expires_at", vipps_initiate_params_set_expires_at)) == VIPPS_OK &&
            (status = add_receipt_lines(run, params, get(args, "receipt_lines"))) == VIPPS_OK &&
            (!get(args, "is_app") || json_object_get_boolean(get(args, "is_app")) == 0 ||
             (status = vipps_initiate_params_set_is_app(params, 1)) == VIPPS_OK) &&
            (!get(args, "skip_landing_page") || json_object_get_boolean(get(args, "skip_landing_page")) == 0 ||
             (status = vipps_initiate_params_set_skip_landing_page(params, 1)) == VIPPS_OK) &&
            (!get(args, "qr_format") ||
             (status = vipps_initiate_params_set_qr_format(params, json_object_get_string(get(args, "qr_format")),
                                                           (int32_t)arg_int(args, "qr_size"))) == VIPPS_OK))
            status = vipps_payment_initiate(run->client, params, &initiation);
        if (status != VIPPS_OK) check_error(run, expect, status, vipps_error_last());
        vipps_initiate_params_free(params);
        free(callback);
        free(fallback);
        if (status == VIPPS_OK) {
            const char *token = vipps_initiation_token(initiation);
            /* A payment without a landing page (PUSH_MESSAGE) is approved with "". */
            if (run->token_count < MAX_TOKENS) {
                run->token_order[run->token_count] = dup_string(order);
                run->token[run->token_count++] = dup_string(token ? token : "");
            }
            f.order_id = vipps_initiation_order_id(initiation);
            f.url = vipps_initiation_url(initiation);
            f.has_token = token != NULL;
        }
    } else if (strcmp(op, "approve") == 0) {
        const char *token = find_token(run, order);
        char *phone = arg_string(run, args, "phone", NULL);
        if (!token) {
            problem(run, "approve: no landing token for %s (initiate it first)", order);
            free(phone);
            free(order);
            free(text);
            return;
        }
        status = vipps_payment_force_approve(run->client, order, phone, token);
        if (status != VIPPS_OK) check_error(run, expect, status, vipps_error_last());
        free(phone);
    } else if (strcmp(op, "details") == 0) {
        status = vipps_payment_get_details(run->client, order, &payment);
        if (status != VIPPS_OK) check_error(run, expect, status, vipps_error_last());
        else {
            f.order_id = vipps_payment_order_id(payment);
            f.state = vipps_state_string(vipps_payment_state(payment));
            f.amount = vipps_payment_amount(payment);
            f.captured = vipps_payment_captured_amount(payment);
            f.refunded = vipps_payment_refunded_amount(payment);
            f.remaining_to_capture = vipps_payment_remaining_to_capture(payment);
            f.remaining_to_refund = vipps_payment_remaining_to_refund(payment);
            f.currency = vipps_payment_currency(payment);
            f.cancelled = vipps_payment_cancelled_amount(payment);
            f.payment = payment;
        }
    } else {
        if (strcmp(op, "capture") == 0 || strcmp(op, "refund") == 0) {
            char *key = arg_string(run, args, "key", NULL);
            status = (op[0] == 'c' ? vipps_payment_capture : vipps_payment_refund)(
                run->client, order, arg_amount(args), text, key, &transaction);
            free(key);
        } else if (strcmp(op, "cancel") == 0) {
            json_object *release = get(args, "release");
            status = vipps_payment_cancel(run->client, order, text, release && json_object_get_boolean(release),
                                          &transaction);
        } else {
            status = vipps_payment_get_status(run->client, order, &transaction);
        }
        if (status != VIPPS_OK) check_error(run, expect, status, vipps_error_last());
        else fields_from_transaction(&f, transaction);
    }

    if (status == VIPPS_OK) {
        if (get(expect, "error"))
            problem(run, "expected error %s, got success", json_object_get_string(get(expect, "error")));
        else if (expect)
            check_fields(run, expect, &f);
    }
    vipps_initiation_free(initiation);
    vipps_payment_free(payment);
    vipps_transaction_free(transaction);
    free(order);
    free(text);
}

/* The index in market_names of a case's "market" (norway when absent), or -1. */
static int case_market(json_object *c)
{
    const char *name = json_object_get_string(get(c, "market"));
    int i;
    if (!name) return 0;
    for (i = 0; i < 3; i++)
        if (strcmp(name, market_names[i]) == 0) return i;
    return -1;
}

static const char *env(const char *name, int *missing)
{
    const char *value = getenv(name);
    if (!value || !*value) {
        fprintf(stderr, "run_corpus: %s not set (run under scripts/with-simulator.sh)\n", name);
        *missing = 1;
        return "";
    }
    return value;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "bindings/corpus/cases.json";
    int missing = 0, passed = 0, failed = 0;
    const char *url = env("VIPPS_SIM_URL", &missing), *ca = env("VIPPS_SIM_CA", &missing);
    const char *id = env("VIPPS_SIM_CLIENT_ID", &missing), *secret = env("VIPPS_SIM_CLIENT_SECRET", &missing);
    const char *key = env("VIPPS_SIM_SUBSCRIPTION_KEY", &missing), *msn = env("VIPPS_SIM_MSN", &missing);
    json_object *root, *cases;
    vipps_config *config = NULL;
    struct run run;
    size_t i, j, n;
    int api;
    const char *only = getenv("VIPPS_CORPUS_API");
    char run_id[40];
    time_t tomorrow = time(NULL) + 86400;
    struct tm parts;

    if (missing) return 2;
    root = json_object_from_file(path);
    cases = get(root, "cases");
    if (!cases || !json_object_is_type(cases, json_type_array)) {
        fprintf(stderr, "run_corpus: cannot read a \"cases\" list from %s: %s\n", path, json_util_get_last_err());
        return 2;
    }
    memset(&run, 0, sizeof run);
    gmtime_r(&tomorrow, &parts);
    strftime(run.expires, sizeof run.expires, "%Y-%m-%dT%H:%M:%SZ", &parts);
    n = json_object_array_length(cases);
    for (i = 0; i < n; i++) {
        int market = case_market(json_object_array_get_idx(cases, i));
        const char *unit = market < 0 ? NULL : getenv(market_msn_variables[market]);
        if (market > 0 && (!unit || !*unit)) {
            fprintf(stderr, "run_corpus: %s not set\n", market_msn_variables[market]);
            return 2;
        }
        if (market < 0) {
            fprintf(stderr, "run_corpus: case %lu has an unknown market\n", (unsigned long)(i + 1));
            return 2;
        }
        if (run.all_clients[market][0]) continue;
        if (market == 0) unit = msn;
        if (vipps_config_new(&config) != VIPPS_OK || vipps_config_set_base_url(config, url) != VIPPS_OK ||
            vipps_config_set_ca_file(config, ca) != VIPPS_OK || vipps_config_set_client_id(config, id) != VIPPS_OK ||
            vipps_config_set_client_secret(config, secret) != VIPPS_OK ||
            vipps_config_set_subscription_key(config, key) != VIPPS_OK ||
            vipps_config_set_merchant_serial_number(config, unit) != VIPPS_OK ||
            vipps_client_new(config, &run.all_clients[market][0]) != VIPPS_OK ||
            vipps_config_set_payment_api(config, VIPPS_PAYMENT_API_EPAYMENT) != VIPPS_OK ||
            vipps_client_new(config, &run.all_clients[market][1]) != VIPPS_OK) {
            fprintf(stderr, "run_corpus: cannot create the client: %s\n", vipps_error_message(vipps_error_last()));
            vipps_config_free(config);
            json_object_put(root);
            return 2;
        }
        vipps_config_free(config);
        config = NULL;
    }

    snprintf(run_id, sizeof run_id, "c-%lld-%ld", (long long)time(NULL), (long)getpid());
    n = json_object_array_length(cases);
    for (api = 0; api < 2; api++) {
    if (only && strcmp(only, api_names[api]) != 0) continue;
    run.api = api;
    for (i = 0; i < n; i++) {
        json_object *c = json_object_array_get_idx(cases, i), *steps = get(c, "steps"), *apis = get(c, "apis");
        const char *name = json_object_get_string(get(c, "name"));
        size_t step_count = steps ? json_object_array_length(steps) : 0, k;
        char failure[2200] = "";
        int runs_here = apis == NULL;
        for (k = 0; apis && k < json_object_array_length(apis); k++)
            if (strcmp(json_object_get_string(json_object_array_get_idx(apis, k)), api_names[api]) == 0) runs_here = 1;
        if (!runs_here) continue;
        run.clients[0] = run.all_clients[case_market(c)][0];
        run.clients[1] = run.all_clients[case_market(c)][1];
        snprintf(run.order, sizeof run.order, "%s-%.2s%lu", run_id, api_names[api], (unsigned long)(i + 1));
        snprintf(run.order2, sizeof run.order2, "%s-b", run.order);
        for (j = 0; j < step_count; j++) {
            json_object *step = json_object_array_get_idx(steps, j);
            run_step(&run, step);
            if (run.problems[0]) {
                const char *op = json_object_get_string(get(step, "op"));
                snprintf(failure, sizeof failure, "step %lu (%s): %s", (unsigned long)(j + 1), op ? op : "?",
                         run.problems);
                break;
            }
        }
        clear_tokens(&run);
        if (!failure[0]) {
            passed++;
            printf("PASS %s %s\n", api_names[api], name ? name : "?");
        } else {
            failed++;
            printf("FAIL %s %s: %s\n", api_names[api], name ? name : "?", failure);
        }
        fflush(stdout);
    }
    }
    printf("%d passed, %d failed\n", passed, failed);
    for (i = 0; i < 3; i++) {
        vipps_client_free(run.all_clients[i][0]);
        vipps_client_free(run.all_clients[i][1]);
    }
    json_object_put(root);
    return failed ? 1 : 0;
}
