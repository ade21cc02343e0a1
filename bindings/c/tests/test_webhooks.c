/* vipps_webhook_verify and vipps_webhook_event_parse with no server: the signature vectors Vipps
   published (and ones derived from them for a query, a port, an empty path, a trailing newline),
   every refusal reason, secret rotation, the clock-skew window, and bodies of every shape. */
#include "check.h"
#include <stdint.h>

#define VECTOR_SECRET "A0+AeKBRG2KRGvnNwJpQlb6IJFk48CKXCIcrLoHncVJKDILsQSxS6NWCccwWm6r6FhGKhiHTBsG2wo/xU6FY/A=="
#define VECTOR_URL "https://webhook.site/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63"
#define VECTOR_DATE "Thu, 30 Mar 2023 08:38:32 GMT"
#define VECTOR_NOW 1680165512 /* VECTOR_DATE as Unix seconds */
#define VECTOR_BODY "{\"some-unique-content\":\"ee6e441b-cc4a-46f8-895d-a5af79bcc233/hello-world\"}"
#define VECTOR_HASH "lNlsp1XA03N34HrQsVzPgJKtC+r7l/RBF4V3JQUWMj4="
#define AUTH_PREFIX "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature="
#define VECTOR_AUTH AUTH_PREFIX "agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U="

#define EVENT_BODY                                                                                         \
    "{\"msn\":\"123456\",\"reference\":\"24ab7cd6ef658155992\",\"pspReference\":\"1234567891\","        \
    "\"name\":\"AUTHORIZED\",\"amount\":{\"currency\":\"NOK\",\"value\":35000},"                          \
    "\"timestamp\":\"2023-08-14T12:48:46.260Z\",\"idempotencyKey\":\"49ca711a9487112e1def\",\"success\":true}"
#define EVENT_SECRET "090a478d-37ff-4e77-970e-d457aeb26a3a"
#define EVENT_DATE "Mon, 14 Aug 2023 12:48:47 GMT"
#define EVENT_NOW 1692017327
#define EVENT_HASH "xAu8dSNB1b0yS6LXhuUPZ8A95godMJtzdAqoHAaPjHQ="

/* Verifies with three headers (date, hash, authorization) at `now`; returns the refusal. */
static vipps_webhook_refusal verify3(const char *url, const char *date, const char *hash, const char *auth,
                                     const char *body, size_t body_length, const char *secret, int64_t window,
                                     int64_t now, vipps_status expected) {
    const char *names[] = {"X-MS-Date", "x-ms-content-sha256", "Authorization", "Host"};
    const char *values[] = {date, hash, auth, "proxy.internal:8080"};
    const char *secrets[] = {secret};
    vipps_webhook_refusal refusal = -1;
    CHECK_STATUS(vipps_webhook_verify_at("POST", url, names, values, 4, body, body_length, secrets, 1, window, now,
                                         &refusal),
                 expected);
    return refusal;
}

static void published_vector(void) {
    CHECK(verify3(VECTOR_URL, VECTOR_DATE, VECTOR_HASH, VECTOR_AUTH, VECTOR_BODY, strlen(VECTOR_BODY),
                  VECTOR_SECRET, -1, VECTOR_NOW, VIPPS_OK) == VIPPS_WEBHOOK_VERIFIED);
    /* The secret used as base64-decoded bytes gives another signature, which must not verify. */
    CHECK(verify3(VECTOR_URL, VECTOR_DATE, VECTOR_HASH, AUTH_PREFIX "T3+NXHMmhNVEjW5PeJ4Gql70nf0MOXCAY9CoZDxuVQw=",
                  VECTOR_BODY, strlen(VECTOR_BODY), VECTOR_SECRET, -1, VECTOR_NOW,
                  VIPPS_ERR_AUTHENTICATION) == VIPPS_WEBHOOK_SIGNATURE_MISMATCH);
}

static void derived_vectors(void) {
    struct { const char *url, *signature; } cases[] = {
        {"https://example.com/mystore_website_backend", "6W4eP6rQcjGZrIfJYIIjxD+mA82E/TpQUEx+jSw598A="},
        {"https://example.com/wc-api/wc_gateway_vipps/?callback=webhook", "/YO3dNLSy4Oe8yp0uaDsHIQTTFa4LwhqxHhQ0qCTeVg="},
        {"https://example.com:8443/hooks/vipps", "ou/rrJHcKnkhqJfA+8c4LDgZuegMPdMwYwS+Y7FSO0Q="},
        {"https://example.com", "l0CcCx72CqFosD3w7EGG5t96CeZ9+A5jr3iRs00/xfU="},
        /* The default port and a host in capitals sign as without them. */
        {"https://EXAMPLE.com:443/mystore_website_backend", "6W4eP6rQcjGZrIfJYIIjxD+mA82E/TpQUEx+jSw598A="},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char auth[256];
        snprintf(auth, sizeof auth, AUTH_PREFIX "%s", cases[i].signature);
        CHECK(verify3(cases[i].url, EVENT_DATE, EVENT_HASH, auth, EVENT_BODY, strlen(EVENT_BODY), EVENT_SECRET, 300,
                      EVENT_NOW + 299, VIPPS_OK) == VIPPS_WEBHOOK_VERIFIED);
    }
    /* A signature made for one URL does not verify for another: the path is signed. */
    CHECK(verify3("https://example.com/other", EVENT_DATE, EVENT_HASH,
                  AUTH_PREFIX "6W4eP6rQcjGZrIfJYIIjxD+mA82E/TpQUEx+jSw598A=", EVENT_BODY, strlen(EVENT_BODY),
                  EVENT_SECRET, 0, 0, VIPPS_ERR_AUTHENTICATION) == VIPPS_WEBHOOK_SIGNATURE_MISMATCH);
    /* The body with a trailing newline: its own hash and signature; a verifier that trims fails. */
    const char *newline_body = EVENT_BODY "\n";
    CHECK(verify3("https://example.com/mystore_website_backend", EVENT_DATE,
                  "Lf+yEvDe9PJLBWY3L3dORU+fgeeVfPKp0kq0wrQR7SE=", AUTH_PREFIX "wVGorS5IVVD4qW0+RtXJJhapuVRuUFNE6OJRu3UahhM=",
                  newline_body, strlen(newline_body), EVENT_SECRET, 0, 0, VIPPS_OK) == VIPPS_WEBHOOK_VERIFIED);
    CHECK(verify3("https://example.com/mystore_website_backend", EVENT_DATE, EVENT_HASH,
                  AUTH_PREFIX "6W4eP6rQcjGZrIfJYIIjxD+mA82E/TpQUEx+jSw598A=", newline_body, strlen(newline_body),
                  EVENT_SECRET, 0, 0, VIPPS_ERR_AUTHENTICATION) == VIPPS_WEBHOOK_CONTENT_HASH_MISMATCH);
}

static void refusals(void) {
    size_t n = strlen(VECTOR_BODY);
    /* A changed body (one byte) no longer matches its hash. */
    char body[128];
    snprintf(body, sizeof body, "%s", VECTOR_BODY);
    body[3] = 'S';
    CHECK(verify3(VECTOR_URL, VECTOR_DATE, VECTOR_HASH, VECTOR_AUTH, body, n, VECTOR_SECRET, -1, VECTOR_NOW,
                  VIPPS_ERR_AUTHENTICATION) == VIPPS_WEBHOOK_CONTENT_HASH_MISMATCH);
    /* The date is signed: a changed date is a signature mismatch, not a stale message. */
    CHECK(verify3(VECTOR_URL, "Thu, 30 Mar 2023 08:38:33 GMT", VECTOR_HASH, VECTOR_AUTH, VECTOR_BODY, n, VECTOR_SECRET,
                  -1, VECTOR_NOW, VIPPS_ERR_AUTHENTICATION) == VIPPS_WEBHOOK_SIGNATURE_MISMATCH);
    CHECK(verify3(VECTOR_URL, VECTOR_DATE, VECTOR_HASH, VECTOR_AUTH, VECTOR_BODY, n, "another-secret", -1, VECTOR_NOW,
                  VIPPS_ERR_AUTHENTICATION) == VIPPS_WEBHOOK_SIGNATURE_MISMATCH);
    CHECK(verify3(VECTOR_URL "?x=1", VECTOR_DATE, VECTOR_HASH, VECTOR_AUTH, VECTOR_BODY, n, VECTOR_SECRET, -1,
                  VECTOR_NOW, VIPPS_ERR_AUTHENTICATION) == VIPPS_WEBHOOK_SIGNATURE_MISMATCH);
    /* The window: default 300 s either way, 0 switches it off, a chosen one applies. */
    CHECK(verify3(VECTOR_URL, VECTOR_DATE, VECTOR_HASH, VECTOR_AUTH, VECTOR_BODY, n, VECTOR_SECRET, -1,
                  VECTOR_NOW + 300, VIPPS_OK) == VIPPS_WEBHOOK_VERIFIED);
    CHECK(verify3(VECTOR_URL, VECTOR_DATE, VECTOR_HASH, VECTOR_AUTH, VECTOR_BODY, n, VECTOR_SECRET, -1,
                  VECTOR_NOW + 301, VIPPS_ERR_AUTHENTICATION) == VIPPS_WEBHOOK_DATE_OUTSIDE_WINDOW);
    CHECK(verify3(VECTOR_URL, VECTOR_DATE, VECTOR_HASH, VECTOR_AUTH, VECTOR_BODY, n, VECTOR_SECRET, -1,
                  VECTOR_NOW - 301, VIPPS_ERR_AUTHENTICATION) == VIPPS_WEBHOOK_DATE_OUTSIDE_WINDOW);
    CHECK(verify3(VECTOR_URL, VECTOR_DATE, VECTOR_HASH, VECTOR_AUTH, VECTOR_BODY, n, VECTOR_SECRET, 10,
                  VECTOR_NOW + 11, VIPPS_ERR_AUTHENTICATION) == VIPPS_WEBHOOK_DATE_OUTSIDE_WINDOW);
    CHECK(verify3(VECTOR_URL, VECTOR_DATE, VECTOR_HASH, VECTOR_AUTH, VECTOR_BODY, n, VECTOR_SECRET, 0,
                  VECTOR_NOW + 86400 * 365, VIPPS_OK) == VIPPS_WEBHOOK_VERIFIED);
    /* Missing and malformed headers. */
    CHECK(verify3(VECTOR_URL, "", VECTOR_HASH, VECTOR_AUTH, VECTOR_BODY, n, VECTOR_SECRET, 0, 0,
                  VIPPS_ERR_AUTHENTICATION) == VIPPS_WEBHOOK_MISSING_DATE);
    CHECK(verify3(VECTOR_URL, "30 Mar 2023 08:38:32", VECTOR_HASH, VECTOR_AUTH, VECTOR_BODY, n, VECTOR_SECRET, 0, 0,
                  VIPPS_ERR_AUTHENTICATION) == VIPPS_WEBHOOK_MALFORMED_DATE);
    CHECK(verify3(VECTOR_URL, "Thu, 31 Feb 2023 08:38:32 GMT", VECTOR_HASH, VECTOR_AUTH, VECTOR_BODY, n, VECTOR_SECRET,
                  0, 0, VIPPS_ERR_AUTHENTICATION) == VIPPS_WEBHOOK_MALFORMED_DATE);
    CHECK(verify3(VECTOR_URL, VECTOR_DATE, "", VECTOR_AUTH, VECTOR_BODY, n, VECTOR_SECRET, 0, 0,
                  VIPPS_ERR_AUTHENTICATION) == VIPPS_WEBHOOK_MISSING_CONTENT_HASH);
    CHECK(verify3(VECTOR_URL, VECTOR_DATE, "94d96ca755c0d37377e07ad0b15ccf8092ad0beafb97f441178577250516323e",
                  VECTOR_AUTH, VECTOR_BODY, n, VECTOR_SECRET, 0, 0,
                  VIPPS_ERR_AUTHENTICATION) == VIPPS_WEBHOOK_MALFORMED_CONTENT_HASH);
    CHECK(verify3(VECTOR_URL, VECTOR_DATE, VECTOR_HASH, "", VECTOR_BODY, n, VECTOR_SECRET, 0, 0,
                  VIPPS_ERR_AUTHENTICATION) == VIPPS_WEBHOOK_MISSING_AUTHORIZATION);
    CHECK(verify3(VECTOR_URL, VECTOR_DATE, VECTOR_HASH, "Bearer agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=",
                  VECTOR_BODY, n, VECTOR_SECRET, 0, 0,
                  VIPPS_ERR_AUTHENTICATION) == VIPPS_WEBHOOK_MALFORMED_AUTHORIZATION);
    CHECK(verify3(VECTOR_URL, VECTOR_DATE, VECTOR_HASH,
                  "HMAC-SHA256 SignedHeaders=host;x-ms-date&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=",
                  VECTOR_BODY, n, VECTOR_SECRET, 0, 0,
                  VIPPS_ERR_AUTHENTICATION) == VIPPS_WEBHOOK_MALFORMED_AUTHORIZATION);
    /* The message names the reason and never the secret. */
    const vipps_error *error = vipps_error_last();
    CHECK(error != NULL && strstr(vipps_error_message(error), "Authorization") != NULL);
    CHECK(error != NULL && strstr(vipps_error_message(error), VECTOR_SECRET) == NULL);
    CHECK_STR(vipps_webhook_refusal_string(VIPPS_WEBHOOK_SIGNATURE_MISMATCH), "signature_mismatch");
    CHECK_STR(vipps_webhook_refusal_string(VIPPS_WEBHOOK_DATE_OUTSIDE_WINDOW), "date_outside_window");
    CHECK_STR(vipps_webhook_refusal_string(VIPPS_WEBHOOK_VERIFIED), "verified");
    CHECK_STR(vipps_webhook_refusal_string(12345), "unknown");
}

static void rotation_and_header_forms(void) {
    size_t n = strlen(VECTOR_BODY);
    /* Two secrets while rotating: either one verifies. */
    const char *secrets[] = {"the-new-registration-secret", VECTOR_SECRET};
    const char *names[] = {"x-ms-date", "x-ms-content-sha256", "x-vipps-authorization"};
    const char *values[] = {VECTOR_DATE, VECTOR_HASH, VECTOR_AUTH};
    vipps_webhook_refusal refusal = -1;
    /* Authorization stripped by the web server: X-Vipps-Authorization carries the same value. */
    CHECK_STATUS(vipps_webhook_verify_at("post", VECTOR_URL, names, values, 3, VECTOR_BODY, n, secrets, 2, -1,
                                         VECTOR_NOW, &refusal),
                 VIPPS_OK);
    CHECK(refusal == VIPPS_WEBHOOK_VERIFIED);
    /* Another Authorization (a proxy's own) does not hide a good X-Vipps-Authorization. */
    const char *names4[] = {"x-ms-date", "x-ms-content-sha256", "authorization", "x-vipps-authorization"};
    const char *values4[] = {VECTOR_DATE, VECTOR_HASH, "Basic dXNlcjpwYXNz", VECTOR_AUTH};
    CHECK_STATUS(vipps_webhook_verify_at("POST", VECTOR_URL, names4, values4, 4, VECTOR_BODY, n, secrets, 2, -1,
                                         VECTOR_NOW, &refusal),
                 VIPPS_OK);
    CHECK_STATUS(vipps_webhook_verify_at("GET", VECTOR_URL, names, values, 3, VECTOR_BODY, n, secrets, 2, -1,
                                         VECTOR_NOW, &refusal),
                 VIPPS_ERR_AUTHENTICATION);
    CHECK(refusal == VIPPS_WEBHOOK_METHOD_NOT_POST);
    /* The system clock is far from 2023: the window refuses, 0 accepts. */
    CHECK_STATUS(vipps_webhook_verify("POST", VECTOR_URL, names, values, 3, VECTOR_BODY, n, secrets, 2, -1, &refusal),
                 VIPPS_ERR_AUTHENTICATION);
    CHECK(refusal == VIPPS_WEBHOOK_DATE_OUTSIDE_WINDOW);
    CHECK_STATUS(vipps_webhook_verify("POST", VECTOR_URL, names, values, 3, VECTOR_BODY, n, secrets, 2, 0, &refusal),
                 VIPPS_OK);
    /* Configuration mistakes are argument errors, not forged webhooks. */
    const char *empty[] = {""};
    CHECK_STATUS(vipps_webhook_verify("POST", VECTOR_URL, names, values, 3, VECTOR_BODY, n, empty, 1, 0, &refusal),
                 VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_webhook_verify("POST", VECTOR_URL, names, values, 3, VECTOR_BODY, n, secrets, 0, 0, &refusal),
                 VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_webhook_verify("POST", "/webhooks/vipps", names, values, 3, VECTOR_BODY, n, secrets, 2, 0,
                                      &refusal),
                 VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(vipps_error_field(vipps_error_last()), "registered_url");
}

static void event_parser(void) {
    vipps_webhook_event *event = NULL;
    CHECK_STATUS(vipps_webhook_event_parse(EVENT_BODY, strlen(EVENT_BODY), &event), VIPPS_OK);
    CHECK(vipps_webhook_event_kind(event) == VIPPS_EVENT_AUTHORIZED);
    CHECK_STR(vipps_webhook_event_name(event), "AUTHORIZED");
    CHECK_STR(vipps_webhook_event_type(event), "epayments.payment.authorized.v1");
    CHECK_STR(vipps_webhook_event_msn(event), "123456");
    CHECK_STR(vipps_webhook_event_reference(event), "24ab7cd6ef658155992");
    CHECK_STR(vipps_webhook_event_psp_reference(event), "1234567891");
    CHECK(vipps_webhook_event_amount(event) == 35000);
    CHECK_STR(vipps_webhook_event_currency(event), "NOK");
    CHECK_STR(vipps_webhook_event_idempotency_key(event), "49ca711a9487112e1def");
    CHECK(vipps_webhook_event_success(event) == 1);
    CHECK_STR(vipps_webhook_event_timestamp(event), "2023-08-14T12:48:46.260Z");
    CHECK_STR(vipps_webhook_event_json(event), EVENT_BODY);
    vipps_webhook_event_free(event);

    const char *kinds[] = {"CREATED", "ABORTED", "EXPIRED", "CANCELLED", "CAPTURED", "REFUNDED", "AUTHORIZED",
                           "TERMINATED"};
    for (int i = 0; i < 8; i++) {
        char body[128];
        snprintf(body, sizeof body, "{\"name\":\"%s\",\"success\":false}", kinds[i]);
        CHECK_STATUS(vipps_webhook_event_parse(body, strlen(body), &event), VIPPS_OK);
        CHECK(vipps_webhook_event_kind(event) == i + 1);
        CHECK(vipps_webhook_event_success(event) == 0);
        CHECK(vipps_webhook_event_idempotency_key(event) == NULL);
        vipps_webhook_event_free(event);
    }
    /* A newer event name parses, as unknown; the event type string is not a name. */
    const char *unknown = "{\"name\":\"epayments.payment.authorized.v1\",\"reference\":\"r1\"}";
    CHECK_STATUS(vipps_webhook_event_parse(unknown, strlen(unknown), &event), VIPPS_OK);
    CHECK(vipps_webhook_event_kind(event) == VIPPS_EVENT_UNKNOWN);
    CHECK_STR(vipps_webhook_event_name(event), "epayments.payment.authorized.v1");
    CHECK(vipps_webhook_event_type(event) == NULL);
    CHECK_STR(vipps_webhook_event_reference(event), "r1");
    vipps_webhook_event_free(event);

    const char *bad[] = {"", "[]", "{\"reference\":\"r\"}", "{\"name\":\"CREATED\",\"reference\":\"a\\u0000b\"}",
                         "{\"name\":\"CREATED\""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        event = (vipps_webhook_event *)1;
        CHECK_STATUS(vipps_webhook_event_parse(bad[i], strlen(bad[i]), &event), VIPPS_ERR_INVALID_ARGUMENT);
        CHECK(event == NULL);
    }
    CHECK_STATUS(vipps_webhook_event_parse(NULL, 3, &event), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK(vipps_webhook_event_kind(NULL) == VIPPS_EVENT_UNKNOWN);
    CHECK(vipps_webhook_event_name(NULL) == NULL);
    vipps_webhook_event_free(NULL);
}

int main(void) {
    published_vector();
    derived_vectors();
    refusals();
    rotation_and_header_forms();
    event_parser();
    return check_summary("test_webhooks");
}
