/* Webhooks (ePayment's Webhooks API) and Userinfo for PHP: Vipps\verify_webhook,
 * Vipps\parse_webhook_event, and the Client methods registerWebhook, webhooks, deleteWebhook and
 * userinfo. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_vipps.h"
#include "zend_exceptions.h"

static zend_class_entry *ce_webhook_refused;

void vipps_webhook_minit(zend_class_entry *refused) { ce_webhook_refused = refused; }

static void event_to_array(vipps_webhook_event *e, zval *rv) {
    array_init(rv);
    add_assoc_long(rv, "kind", vipps_webhook_event_kind(e));
    vipps_add_str(rv, "name", vipps_webhook_event_name(e));
    vipps_add_str(rv, "event_type", vipps_webhook_event_type(e));
    vipps_add_str(rv, "msn", vipps_webhook_event_msn(e));
    vipps_add_str(rv, "reference", vipps_webhook_event_reference(e));
    vipps_add_str(rv, "psp_reference", vipps_webhook_event_psp_reference(e));
    add_assoc_long(rv, "amount", vipps_webhook_event_amount(e));
    vipps_add_str(rv, "currency", vipps_webhook_event_currency(e));
    vipps_add_str(rv, "idempotency_key", vipps_webhook_event_idempotency_key(e));
    add_assoc_bool(rv, "success", vipps_webhook_event_success(e) != 0);
    vipps_add_str(rv, "timestamp", vipps_webhook_event_timestamp(e));
    vipps_add_str(rv, "json", vipps_webhook_event_json(e));
}

static bool parse_event(const zend_string *body, zval *rv) {
    vipps_webhook_event *e = NULL;
    vipps_status status = vipps_webhook_event_parse(ZSTR_VAL(body), ZSTR_LEN(body), &e);
    if (status != VIPPS_OK) { vipps_throw_last(status); return false; }
    event_to_array(e, rv);
    vipps_webhook_event_free(e);
    return true;
}

/* Vipps\parse_webhook_event(string $body): array */
ZEND_FUNCTION(Vipps_parse_webhook_event) {
    zend_string *body;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(body)
    ZEND_PARSE_PARAMETERS_END();
    if (!parse_event(body, return_value)) RETURN_THROWS();
}

/* Reads an array of strings (values only) into a C array; false after throwing. The strings are
   borrowed from the PHP array, which outlives the call. */
static bool string_list(HashTable *table, const char *field, const char ***out, size_t *count) {
    *count = zend_hash_num_elements(table);
    *out = ecalloc(*count ? *count : 1, sizeof(char *));
    size_t i = 0;
    zval *value;
    ZEND_HASH_FOREACH_VAL(table, value) {
        ZVAL_DEREF(value);
        if (Z_TYPE_P(value) != IS_STRING || !vipps_cstr_ok(Z_STR_P(value), field)) {
            if (!EG(exception)) vipps_throw_invalid("%s must hold strings", field);
            efree(*out);
            *out = NULL;
            return false;
        }
        (*out)[i++] = Z_STRVAL_P(value);
    } ZEND_HASH_FOREACH_END();
    return true;
}

/* Vipps\verify_webhook(string $body, array $headers, string $registeredUrl, string|array $secrets,
   int $windowSeconds = -1, ?int $now = null, string $method = "POST"): array */
ZEND_FUNCTION(Vipps_verify_webhook) {
    zend_string *body, *url, *method = NULL, *secret = NULL;
    HashTable *headers, *secrets = NULL;
    zend_long window = -1, now = 0;
    bool now_is_null = true;
    ZEND_PARSE_PARAMETERS_START(4, 7)
        Z_PARAM_STR(body)
        Z_PARAM_ARRAY_HT(headers)
        Z_PARAM_STR(url)
        Z_PARAM_ARRAY_HT_OR_STR(secrets, secret)
        Z_PARAM_OPTIONAL
        Z_PARAM_LONG(window)
        Z_PARAM_LONG_OR_NULL(now, now_is_null)
        Z_PARAM_STR(method)
    ZEND_PARSE_PARAMETERS_END();
    if (!vipps_cstr_ok(url, "registered_url") || (method && !vipps_cstr_ok(method, "method"))) RETURN_THROWS();
    /* Headers as getallheaders() gives them: name => value. */
    size_t header_count = zend_hash_num_elements(headers);
    const char **names = ecalloc(header_count ? header_count : 1, sizeof(char *));
    const char **values = ecalloc(header_count ? header_count : 1, sizeof(char *));
    size_t n = 0;
    zend_string *key;
    zval *value;
    bool ok = true;
    ZEND_HASH_FOREACH_STR_KEY_VAL(headers, key, value) {
        ZVAL_DEREF(value);
        if (key == NULL || Z_TYPE_P(value) != IS_STRING) {
            vipps_throw_invalid("headers must map header names to strings");
            ok = false;
            break;
        }
        if (!vipps_cstr_ok(key, "header_names") || !vipps_cstr_ok(Z_STR_P(value), "header_values")) {
            ok = false;
            break;
        }
        names[n] = ZSTR_VAL(key);
        values[n] = Z_STRVAL_P(value);
        n++;
    } ZEND_HASH_FOREACH_END();
    const char **secret_list = NULL;
    size_t secret_count = 0;
    const char *one_secret = NULL;
    if (ok) {
        if (secret) {
            ok = vipps_cstr_ok(secret, "secrets");
            one_secret = ZSTR_VAL(secret);
            secret_list = &one_secret;
            secret_count = 1;
        } else {
            ok = string_list(secrets, "secrets", &secret_list, &secret_count);
        }
    }
    if (!ok) {
        efree(names);
        efree(values);
        RETURN_THROWS();
    }
    vipps_webhook_refusal refusal = VIPPS_WEBHOOK_VERIFIED;
    const char *m = method ? ZSTR_VAL(method) : "POST";
    vipps_status status =
        now_is_null
            ? vipps_webhook_verify(m, ZSTR_VAL(url), names, values, n, ZSTR_VAL(body), ZSTR_LEN(body), secret_list,
                                   secret_count, window, &refusal)
            : vipps_webhook_verify_at(m, ZSTR_VAL(url), names, values, n, ZSTR_VAL(body), ZSTR_LEN(body),
                                      secret_list, secret_count, window, now, &refusal);
    efree(names);
    efree(values);
    if (secret_list != &one_secret) efree(secret_list);
    if (status == VIPPS_ERR_AUTHENTICATION && refusal != VIPPS_WEBHOOK_VERIFIED) {
        zend_object *obj = vipps_throw_last_as(ce_webhook_refused, status);
        zend_update_property_long(ce_webhook_refused, obj, "reason", sizeof "reason" - 1, refusal);
        zend_update_property_string(ce_webhook_refused, obj, "reasonCode", sizeof "reasonCode" - 1,
                                    vipps_webhook_refusal_string(refusal));
        RETURN_THROWS();
    }
    if (status != VIPPS_OK) { vipps_throw_last(status); RETURN_THROWS(); }
    if (!parse_event(body, return_value)) RETURN_THROWS();
}

/* Client methods: the client pointer is checked by the caller in vipps_client.c. */

void vipps_client_register_webhook(vipps_client *client, zend_string *url, HashTable *events, zval *rv) {
    if (!vipps_cstr_ok(url, "url")) return;
    const char **list = NULL;
    size_t count = 0;
    if (!string_list(events, "events", &list, &count)) return;
    char *id = NULL, *secret = NULL;
    vipps_status status = vipps_webhook_register(client, ZSTR_VAL(url), list, count, &id, &secret);
    efree(list);
    if (status != VIPPS_OK) { vipps_throw_last(status); return; }
    array_init(rv);
    add_assoc_string(rv, "id", id);
    add_assoc_string(rv, "secret", secret);
    vipps_string_free(id);
    vipps_string_free(secret);
}

void vipps_client_webhooks(vipps_client *client, zval *rv) {
    vipps_webhook_list *list = NULL;
    vipps_status status = vipps_webhook_get_list(client, &list);
    if (status != VIPPS_OK) { vipps_throw_last(status); return; }
    array_init(rv);
    for (size_t i = 0; i < vipps_webhook_list_count(list); i++) {
        zval entry, events;
        array_init(&entry);
        vipps_add_str(&entry, "id", vipps_webhook_list_id(list, i));
        vipps_add_str(&entry, "url", vipps_webhook_list_url(list, i));
        array_init(&events);
        for (size_t j = 0; j < vipps_webhook_list_event_count(list, i); j++) {
            add_next_index_string(&events, vipps_webhook_list_event(list, i, j));
        }
        add_assoc_zval(&entry, "events", &events);
        add_next_index_zval(rv, &entry);
    }
    vipps_webhook_list_free(list);
}

void vipps_client_delete_webhook(vipps_client *client, zend_string *id) {
    if (!vipps_cstr_ok(id, "id")) return;
    vipps_status status = vipps_webhook_delete(client, ZSTR_VAL(id));
    if (status != VIPPS_OK) vipps_throw_last(status);
}

void vipps_client_userinfo(vipps_client *client, zend_string *sub, zval *rv) {
    if (!vipps_cstr_ok(sub, "sub")) return;
    vipps_userinfo *u = NULL;
    vipps_status status = vipps_userinfo_get(client, ZSTR_VAL(sub), &u);
    if (status != VIPPS_OK) { vipps_throw_last(status); return; }
    array_init(rv);
    vipps_add_str(rv, "sub", vipps_userinfo_sub(u));
    vipps_add_str(rv, "name", vipps_userinfo_name(u));
    vipps_add_str(rv, "given_name", vipps_userinfo_given_name(u));
    vipps_add_str(rv, "family_name", vipps_userinfo_family_name(u));
    vipps_add_str(rv, "email", vipps_userinfo_email(u));
    int verified = vipps_userinfo_email_verified(u);
    if (verified < 0) add_assoc_null(rv, "email_verified");
    else add_assoc_bool(rv, "email_verified", verified != 0);
    vipps_add_str(rv, "phone_number", vipps_userinfo_phone_number(u));
    vipps_add_str(rv, "birthdate", vipps_userinfo_birthdate(u));
    vipps_add_str(rv, "nin", vipps_userinfo_nin(u));
    vipps_add_str(rv, "street_address", vipps_userinfo_street_address(u));
    vipps_add_str(rv, "postal_code", vipps_userinfo_postal_code(u));
    vipps_add_str(rv, "region", vipps_userinfo_region(u));
    vipps_add_str(rv, "country", vipps_userinfo_country(u));
    vipps_add_str(rv, "formatted_address", vipps_userinfo_formatted_address(u));
    vipps_add_str(rv, "address_type", vipps_userinfo_address_type(u));
    vipps_add_str(rv, "json", vipps_userinfo_json(u));
    vipps_userinfo_free(u);
}
