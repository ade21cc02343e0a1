/* final class Vipps\Client: one vipps_client handle, freed with the object. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
/* Vipps\Client::status keeps its meaning, on the deprecated vipps_payment_get_status. */
#define VIPPS_NO_DEPRECATION_WARNINGS
#include "php_vipps.h"
#include "zend_attributes.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"

static zend_class_entry *ce_client;
static zend_object_handlers client_handlers;

/* A client kept in the worker across requests (Client::persistent), shared by the objects of each
   request that ask for the same configuration. refs counts those objects plus one for the table;
   the handle is freed when the last goes. Never holds a PHP value: anything of PHP's (a token
   store object) lives in request memory and would dangle after the request. */
typedef struct {
    vipps_client *client;
    uint32_t refs;
} persistent_client;

typedef struct {
    vipps_client *client;
    persistent_client *persistent; /* NULL for a client of this object alone */
    zval token_store;              /* config['token_store'], the object the callbacks call (or UNDEF) */
    zend_object std;
} client_object;

/* Persistent clients by canonical configuration (persistent memory, this process only: after
   fork, each child has its copy, and libvipps never reuses a parent's connection in a child). */
static HashTable persistent_clients;

static inline client_object *client_from_obj(zend_object *obj) {
    return (client_object *)((char *)obj - XtOffsetOf(client_object, std));
}

static zend_object *client_create(zend_class_entry *ce) {
    client_object *intern = zend_object_alloc(sizeof(client_object), ce);
    intern->client = NULL;
    intern->persistent = NULL;
    ZVAL_UNDEF(&intern->token_store);
    zend_object_std_init(&intern->std, ce);
    object_properties_init(&intern->std, ce);
    intern->std.handlers = &client_handlers;
    return &intern->std;
}

static void persistent_release(persistent_client *entry) {
    if (entry != NULL && --entry->refs == 0) {
        vipps_client_free(entry->client);
        pefree(entry, 1);
    }
}

static void client_free(zend_object *obj) {
    client_object *intern = client_from_obj(obj);
    if (intern->persistent != NULL) {
        persistent_release(intern->persistent);
    } else {
        vipps_client_free(intern->client);
    }
    intern->client = NULL;
    intern->persistent = NULL;
    zval_ptr_dtor(&intern->token_store);
    ZVAL_UNDEF(&intern->token_store);
    zend_object_std_dtor(obj);
}

static HashTable *client_get_gc(zend_object *obj, zval **table, int *n) {
    client_object *intern = client_from_obj(obj);
    *table = Z_ISUNDEF(intern->token_store) ? NULL : &intern->token_store;
    *n = Z_ISUNDEF(intern->token_store) ? 0 : 1;
    return zend_std_get_properties(obj);
}

/* The handle of $this, or NULL after throwing (constructor not run). */
static vipps_client *this_client(zval *this_zv) {
    vipps_client *client = client_from_obj(Z_OBJ_P(this_zv))->client;
    if (client == NULL) zend_throw_error(NULL, "Vipps\\Client has not been constructed");
    return client;
}

/* ---------------------------------------------------------------------------------------- */
/* Token store: the library's callbacks, calling the Vipps\TokenStore object of the client   */
/* ---------------------------------------------------------------------------------------- */

static zend_class_entry *ce_token_store;

/* Calls $store->name(...params). false when it threw (the exception is dropped: a store that fails
   must not fail the payment call; the library then fetches its own token) or is not callable. */
static bool store_call(client_object *intern, const char *name, zval *retval, uint32_t count, zval *params) {
    ZVAL_UNDEF(retval);
    if (Z_TYPE(intern->token_store) != IS_OBJECT || EG(exception)) return false;
    zend_object *object = Z_OBJ(intern->token_store);
    zend_function *fn = zend_hash_str_find_ptr_lc(&object->ce->function_table, name, strlen(name));
    if (fn == NULL) return false;
    zend_call_known_instance_method(fn, object, retval, count, params);
    if (EG(exception)) {
        zend_clear_exception();
        zval_ptr_dtor(retval);
        ZVAL_UNDEF(retval);
        return false;
    }
    return true;
}

static int32_t php_token_load(void *user_data, const char *key, char *buffer, size_t size, int64_t *valid_for) {
    zval params[1], rv;
    ZVAL_STRING(&params[0], key);
    bool ok = store_call(user_data, "load", &rv, 1, params);
    zval_ptr_dtor(&params[0]);
    if (!ok) return VIPPS_TOKEN_STORE_ERROR;
    int32_t result = VIPPS_TOKEN_STORE_ERROR;
    if (Z_TYPE(rv) == IS_NULL) {
        result = VIPPS_TOKEN_STORE_MISS;
    } else if (Z_TYPE(rv) == IS_ARRAY) {
        zval *token = zend_hash_index_find(Z_ARRVAL(rv), 0), *ms = zend_hash_index_find(Z_ARRVAL(rv), 1);
        if (token && ms && Z_TYPE_P(token) == IS_STRING && Z_TYPE_P(ms) == IS_LONG && Z_STRLEN_P(token) < size &&
            Z_STRLEN_P(token) > 0) {
            memcpy(buffer, Z_STRVAL_P(token), Z_STRLEN_P(token) + 1);
            *valid_for = Z_LVAL_P(ms);
            result = VIPPS_TOKEN_STORE_OK;
        }
    }
    zval_ptr_dtor(&rv);
    return result;
}

static int32_t php_token_store(void *user_data, const char *key, const char *token, int64_t valid_for) {
    zval params[3], rv;
    ZVAL_STRING(&params[0], key);
    ZVAL_STRING(&params[1], token);
    ZVAL_LONG(&params[2], valid_for);
    bool ok = store_call(user_data, "store", &rv, 3, params);
    zval_ptr_dtor(&params[0]);
    /* The token's copy in request memory is wiped before it is freed. */
    ZEND_SECURE_ZERO(Z_STRVAL(params[1]), Z_STRLEN(params[1]));
    zval_ptr_dtor(&params[1]);
    int32_t result = ok && zend_is_true(&rv) ? VIPPS_TOKEN_STORE_OK : VIPPS_TOKEN_STORE_ERROR;
    zval_ptr_dtor(&rv);
    return result;
}

static int32_t php_token_claim(void *user_data, const char *key, int64_t claim_for) {
    zval params[2], rv;
    ZVAL_STRING(&params[0], key);
    ZVAL_LONG(&params[1], claim_for);
    bool ok = store_call(user_data, "claim", &rv, 2, params);
    zval_ptr_dtor(&params[0]);
    int32_t result = !ok                   ? VIPPS_TOKEN_STORE_ERROR
                     : Z_TYPE(rv) == IS_TRUE  ? VIPPS_TOKEN_STORE_OK
                     : Z_TYPE(rv) == IS_FALSE ? VIPPS_TOKEN_STORE_BUSY
                                              : VIPPS_TOKEN_STORE_ERROR;
    zval_ptr_dtor(&rv);
    return result;
}

static int32_t php_token_remove(void *user_data, const char *key, const char *token) {
    zval params[2], rv;
    ZVAL_STRING(&params[0], key);
    ZVAL_STRING(&params[1], token);
    bool ok = store_call(user_data, "remove", &rv, 2, params);
    zval_ptr_dtor(&params[0]);
    ZEND_SECURE_ZERO(Z_STRVAL(params[1]), Z_STRLEN(params[1]));
    zval_ptr_dtor(&params[1]);
    zval_ptr_dtor(&rv);
    return ok ? VIPPS_TOKEN_STORE_OK : VIPPS_TOKEN_STORE_ERROR;
}

/* ---------------------------------------------------------------------------------------- */
/* Configuration                                                                            */
/* ---------------------------------------------------------------------------------------- */

#define CHECK(call) do { vipps_status s_ = (call); if (s_ != VIPPS_OK) { vipps_throw_last(s_); return false; } } while (0)

static bool key_is(zend_string *key, const char *name) { return zend_string_equals_cstr(key, name, strlen(name)); }

/* One int-valued setting of a sub-array such as timeouts, and the setter that sets it alone:
   a key that is absent keeps the library's default, which this binding does not restate. */
typedef struct {
    const char *name;
    vipps_status (*set)(vipps_config *, int64_t);
} long_setting;

static vipps_status set_max_attempts(vipps_config *config, int64_t value) {
    /* Out of int32_t range is out of the library's range too: let it name the field. */
    return vipps_config_set_max_attempts(config, value < 0 || value > INT32_MAX ? 0 : (int32_t)value);
}

static const long_setting timeout_settings[] = {{"connect_ms", vipps_config_set_connect_timeout},
                                                {"read_ms", vipps_config_set_read_timeout},
                                                {"total_ms", vipps_config_set_total_timeout},
                                                {NULL, NULL}};
static const long_setting retry_settings[] = {{"max_attempts", set_max_attempts},
                                              {"initial_backoff_ms", vipps_config_set_initial_backoff},
                                              {"max_backoff_ms", vipps_config_set_max_backoff},
                                              {"call_deadline_ms", vipps_config_set_call_deadline},
                                              {NULL, NULL}};
static const long_setting poll_settings[] = {{"initial_delay_ms", vipps_config_set_poll_initial_delay},
                                             {"interval_ms", vipps_config_set_poll_interval},
                                             {NULL, NULL}};

/* Applies an int-valued sub-array such as timeouts: every key must be one of `settings`. */
static bool apply_longs(vipps_config *config, zval *value, const char *field, const long_setting *settings) {
    char name[96];
    ZVAL_DEREF(value);
    if (Z_TYPE_P(value) != IS_ARRAY) {
        vipps_throw_invalid("config['%s'] must be an array", field);
        return false;
    }
    zend_string *key;
    zval *item;
    ZEND_HASH_FOREACH_STR_KEY_VAL(Z_ARRVAL_P(value), key, item) {
        const long_setting *setting = settings;
        while (key && setting->name && !key_is(key, setting->name)) setting++;
        if (key == NULL || setting->name == NULL) {
            vipps_throw_invalid("config['%s'] has an unknown key", field);
            return false;
        }
        zend_long v;
        snprintf(name, sizeof name, "config['%s']['%s']", field, setting->name);
        if (!vipps_zval_long(item, name, &v)) return false;
        CHECK(setting->set(config, v));
    } ZEND_HASH_FOREACH_END();
    return true;
}

/* intern is the object whose token store the callbacks call; NULL for a persistent client, which
   takes no PHP object (it would outlive the request that gave it). */
static bool apply_config(vipps_config *config, HashTable *options, client_object *intern) {
    char name[96];
    zend_string *key;
    zval *value;
    /* environment first: base_url (custom) must win whatever the order of the keys. */
    zval *env = zend_hash_str_find(options, "environment", sizeof("environment") - 1);
    if (env) {
        const char *e;
        if (!vipps_zval_cstr(env, "config['environment']", &e)) return false;
        if (strcmp(e, "test") == 0) CHECK(vipps_config_set_environment(config, VIPPS_ENV_TEST));
        else if (strcmp(e, "production") == 0) CHECK(vipps_config_set_environment(config, VIPPS_ENV_PRODUCTION));
        else { vipps_throw_invalid("config['environment'] must be 'test' or 'production'"); return false; }
    }
    ZEND_HASH_FOREACH_STR_KEY_VAL(options, key, value) {
        const char *s;
        if (key == NULL) { vipps_throw_invalid("config must have string keys"); return false; }
        if (ZSTR_LEN(key) > 40 || !vipps_cstr_ok(key, "a config key")) {
            vipps_throw_invalid("config has an unknown key");
            return false;
        }
        snprintf(name, sizeof name, "config['%s']", ZSTR_VAL(key));
        if (key_is(key, "environment")) {
            continue;
        } else if (key_is(key, "api")) {
            if (!vipps_zval_cstr(value, name, &s)) return false;
            if (strcmp(s, "ecom") == 0) CHECK(vipps_config_set_payment_api(config, VIPPS_PAYMENT_API_ECOM));
            else if (strcmp(s, "epayment") == 0) CHECK(vipps_config_set_payment_api(config, VIPPS_PAYMENT_API_EPAYMENT));
            else { vipps_throw_invalid("config['api'] must be 'ecom' or 'epayment'"); return false; }
        } else if (key_is(key, "base_url")) {
            if (!vipps_zval_cstr(value, name, &s)) return false;
            CHECK(vipps_config_set_base_url(config, s));
        } else if (key_is(key, "client_id")) {
            if (!vipps_zval_cstr(value, name, &s)) return false;
            CHECK(vipps_config_set_client_id(config, s));
        } else if (key_is(key, "client_secret")) {
            if (!vipps_zval_cstr(value, name, &s)) return false;
            CHECK(vipps_config_set_client_secret(config, s));
        } else if (key_is(key, "subscription_key")) {
            if (!vipps_zval_cstr(value, name, &s)) return false;
            CHECK(vipps_config_set_subscription_key(config, s));
        } else if (key_is(key, "merchant_serial_number")) {
            if (!vipps_zval_cstr(value, name, &s)) return false;
            CHECK(vipps_config_set_merchant_serial_number(config, s));
        } else if (key_is(key, "ca_file")) {
            ZVAL_DEREF(value);
            if (Z_TYPE_P(value) == IS_NULL) s = NULL;
            else if (!vipps_zval_cstr(value, name, &s)) return false;
            CHECK(vipps_config_set_ca_file(config, s));
        } else if (key_is(key, "token_file_store")) {
            ZVAL_DEREF(value);
            if (Z_TYPE_P(value) == IS_NULL) s = NULL;
            else if (!vipps_zval_cstr(value, name, &s)) return false;
            CHECK(vipps_config_set_token_file_store(config, s));
        } else if (key_is(key, "token_store")) {
            ZVAL_DEREF(value);
            if (Z_TYPE_P(value) == IS_NULL) {
                CHECK(vipps_config_set_token_store(config, NULL, NULL, NULL, NULL, NULL));
                continue;
            }
            if (Z_TYPE_P(value) != IS_OBJECT || !instanceof_function(Z_OBJCE_P(value), ce_token_store)) {
                vipps_throw_invalid("config['token_store'] must be a Vipps\\TokenStore or null");
                return false;
            }
            if (intern == NULL) {
                vipps_throw_invalid("config['token_store'] cannot be given to Client::persistent(): a PHP object "
                                    "lives for one request; use token_file_store, or a client per request");
                return false;
            }
            zval_ptr_dtor(&intern->token_store);
            ZVAL_COPY(&intern->token_store, value);
            CHECK(vipps_config_set_token_store(config, php_token_load, php_token_store, php_token_claim,
                                               php_token_remove, intern));
        } else if (key_is(key, "timeouts")) {
            if (!apply_longs(config, value, "timeouts", timeout_settings)) return false;
        } else if (key_is(key, "retry")) {
            if (!apply_longs(config, value, "retry", retry_settings)) return false;
        } else if (key_is(key, "poll")) {
            if (!apply_longs(config, value, "poll", poll_settings)) return false;
        } else if (key_is(key, "system_info")) {
            static const char *const names[] = {"system_name", "system_version", "plugin_name", "plugin_version"};
            const char *v[4] = {NULL, NULL, NULL, NULL};
            zend_string *k;
            zval *item;
            ZVAL_DEREF(value);
            if (Z_TYPE_P(value) != IS_ARRAY) { vipps_throw_invalid("config['system_info'] must be an array"); return false; }
            ZEND_HASH_FOREACH_STR_KEY_VAL(Z_ARRVAL_P(value), k, item) {
                size_t i = 0;
                while (k && i < 4 && !key_is(k, names[i])) i++;
                if (k == NULL || i == 4) { vipps_throw_invalid("config['system_info'] has an unknown key"); return false; }
                snprintf(name, sizeof name, "config['system_info']['%s']", names[i]);
                if (!vipps_zval_cstr(item, name, &v[i])) return false;
            } ZEND_HASH_FOREACH_END();
            CHECK(vipps_config_set_system_info(config, v[0], v[1], v[2], v[3]));
        } else {
            vipps_throw_invalid("config has an unknown key '%s'", ZSTR_VAL(key));
            return false;
        }
    } ZEND_HASH_FOREACH_END();
    return true;
}

PHP_METHOD(Vipps_Client, __construct) {
    HashTable *options;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY_HT(options)
    ZEND_PARSE_PARAMETERS_END();

    client_object *intern = client_from_obj(Z_OBJ_P(ZEND_THIS));
    if (intern->client != NULL) {
        zend_throw_error(NULL, "Vipps\\Client is already constructed");
        RETURN_THROWS();
    }
    vipps_config *config = NULL;
    vipps_status status = vipps_config_new(&config);
    if (status != VIPPS_OK) { vipps_throw_last(status); RETURN_THROWS(); }
    if (apply_config(config, options, intern)) {
        status = vipps_client_new(config, &intern->client);
        if (status != VIPPS_OK) vipps_throw_last(status);
    }
    vipps_config_free(config);
}

/* ---------------------------------------------------------------------------------------- */
/* Persistent clients                                                                       */
/* ---------------------------------------------------------------------------------------- */

static int compare_keys(Bucket *a, Bucket *b) {
    if (a->key == NULL || b->key == NULL) {
        if (a->key == NULL && b->key == NULL) return a->h < b->h ? -1 : a->h > b->h;
        return a->key == NULL ? -1 : 1;
    }
    return zend_binary_strcmp(ZSTR_VAL(a->key), ZSTR_LEN(a->key), ZSTR_VAL(b->key), ZSTR_LEN(b->key));
}

/* The whole configuration as one string, keys sorted, every value with its type and length: two
   configurations get one persistent client only if they are equal in every setting (base URL or
   environment, each credential, the sales unit, the API, timeouts...). false for a value of a
   type no setting takes (the constructor then names it). */
static bool canonical_config(HashTable *options, smart_str *out) {
    HashTable *sorted = zend_array_dup(options);
    zend_hash_sort(sorted, compare_keys, 0);
    zend_string *key;
    zend_ulong index;
    zval *value;
    bool ok = true;
    smart_str_appendc(out, '{');
    ZEND_HASH_FOREACH_KEY_VAL(sorted, index, key, value) {
        if (key) {
            smart_str_append_long(out, (zend_long)ZSTR_LEN(key));
            smart_str_appendc(out, ':');
            smart_str_append(out, key);
        } else {
            smart_str_appendc(out, '#');
            smart_str_append_unsigned(out, index);
        }
        smart_str_appendc(out, '=');
        ZVAL_DEREF(value);
        switch (Z_TYPE_P(value)) {
        case IS_NULL: smart_str_appendc(out, 'n'); break;
        case IS_TRUE: smart_str_appendc(out, 't'); break;
        case IS_FALSE: smart_str_appendc(out, 'f'); break;
        case IS_LONG: smart_str_appendc(out, 'i'); smart_str_append_long(out, Z_LVAL_P(value)); break;
        case IS_STRING:
            smart_str_appendc(out, 's');
            smart_str_append_long(out, (zend_long)Z_STRLEN_P(value));
            smart_str_appendc(out, ':');
            smart_str_append(out, Z_STR_P(value));
            break;
        case IS_ARRAY: ok = canonical_config(Z_ARRVAL_P(value), out); break;
        default: ok = false; break;
        }
        smart_str_appendc(out, ';');
        if (!ok) break;
    } ZEND_HASH_FOREACH_END();
    smart_str_appendc(out, '}');
    zend_array_destroy(sorted);
    return ok;
}

static void persistent_table_dtor(zval *entry) { persistent_release(Z_PTR_P(entry)); }

/* Client::persistent(array $config): the worker's client for exactly this configuration, made
   on first use and kept across requests with its access token and keep-alive connections. */
PHP_METHOD(Vipps_Client, persistent) {
    HashTable *options;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY_HT(options)
    ZEND_PARSE_PARAMETERS_END();
    zval *store = zend_hash_str_find_deref(options, "token_store", sizeof("token_store") - 1);
    if (store != NULL && Z_TYPE_P(store) != IS_NULL) {
        vipps_throw_invalid("config['token_store'] cannot be given to Client::persistent(): a PHP object "
                            "lives for one request; use token_file_store, or a client per request");
        RETURN_THROWS();
    }
    smart_str canonical = {0};
    if (!canonical_config(options, &canonical)) {
        smart_str_free(&canonical);
        vipps_throw_invalid("config has a value of a type no setting takes");
        RETURN_THROWS();
    }
    smart_str_0(&canonical);
    persistent_client *entry = zend_hash_find_ptr(&persistent_clients, canonical.s);
    if (entry == NULL) {
        vipps_config *config = NULL;
        vipps_client *client = NULL;
        vipps_status status = vipps_config_new(&config);
        if (status != VIPPS_OK) vipps_throw_last(status);
        else if (apply_config(config, options, NULL)) {
            status = vipps_client_new(config, &client);
            if (status != VIPPS_OK) vipps_throw_last(status);
        }
        vipps_config_free(config);
        if (client == NULL) {
            ZEND_SECURE_ZERO(ZSTR_VAL(canonical.s), ZSTR_LEN(canonical.s));
            smart_str_free(&canonical);
            RETURN_THROWS();
        }
        entry = pemalloc(sizeof *entry, 1);
        entry->client = client;
        entry->refs = 1; /* the table's */
        zend_string *key = zend_string_init(ZSTR_VAL(canonical.s), ZSTR_LEN(canonical.s), 1);
        zend_hash_add_new_ptr(&persistent_clients, key, entry);
        zend_string_release(key);
    }
    /* The key holds the secrets: wiped before its request memory is reused. */
    ZEND_SECURE_ZERO(ZSTR_VAL(canonical.s), ZSTR_LEN(canonical.s));
    smart_str_free(&canonical);
    object_init_ex(return_value, ce_client);
    client_object *intern = client_from_obj(Z_OBJ_P(return_value));
    entry->refs++;
    intern->persistent = entry;
    intern->client = entry->client;
}

/* Client::dropPersistent(?array $config = null): int — forgets the persistent client of $config,
   or all of them; returns how many. Objects that still hold one keep it until they are freed. */
PHP_METHOD(Vipps_Client, dropPersistent) {
    HashTable *options = NULL;
    ZEND_PARSE_PARAMETERS_START(0, 1)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT_OR_NULL(options)
    ZEND_PARSE_PARAMETERS_END();
    if (options == NULL) {
        zend_long count = zend_hash_num_elements(&persistent_clients);
        zend_hash_clean(&persistent_clients);
        RETURN_LONG(count);
    }
    smart_str canonical = {0};
    bool ok = canonical_config(options, &canonical);
    smart_str_0(&canonical);
    zend_long dropped = ok && zend_hash_del(&persistent_clients, canonical.s) == SUCCESS ? 1 : 0;
    ZEND_SECURE_ZERO(ZSTR_VAL(canonical.s), ZSTR_LEN(canonical.s));
    smart_str_free(&canonical);
    RETURN_LONG(dropped);
}

/* Client::persistentCount(): int — how many persistent clients this worker keeps. */
PHP_METHOD(Vipps_Client, persistentCount) {
    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_LONG(zend_hash_num_elements(&persistent_clients));
}

/* true when this object uses a persistent client. */
PHP_METHOD(Vipps_Client, isPersistent) {
    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_BOOL(client_from_obj(Z_OBJ_P(ZEND_THIS))->persistent != NULL);
}

/* ---------------------------------------------------------------------------------------- */
/* Results                                                                                  */
/* ---------------------------------------------------------------------------------------- */

/* Entries read per call; a longer log takes a second call into a buffer of the exact length. */
#define LIST_CAPACITY 16

static vipps_status read_entries(vipps_payment *p, bool events, void *into, size_t capacity, size_t *n) {
    return events ? vipps_payment_event_read(p, into, capacity, sizeof(vipps_payment_event_entry), n)
                  : vipps_payment_log_read(p, into, capacity, sizeof(vipps_payment_log_entry), n);
}

/* The payment's log (events 0) or event list (events 1): into buffer, LIST_CAPACITY entries, when
   it fits, else into an emalloc'd array of the exact length, which the caller efrees when it is
   not buffer. *n is 0 when the list cannot be read. */
static void *read_list(vipps_payment *p, bool events, void *buffer, size_t *n) {
    if (read_entries(p, events, buffer, LIST_CAPACITY, n) != VIPPS_OK) *n = 0;
    if (*n <= LIST_CAPACITY) return buffer;
    size_t capacity = *n;
    void *all = safe_emalloc(capacity, events ? sizeof(vipps_payment_event_entry) : sizeof(vipps_payment_log_entry), 0);
    if (read_entries(p, events, all, capacity, n) != VIPPS_OK || *n > capacity) *n = 0;
    return all;
}

/* The payment as an array: the fixed fields, the log and the events in three calls (bulk reads),
   not one call per value, and every array sized up front. */
static void payment_to_array(vipps_payment *p, zval *rv) {
    /* Zeroed: if the read fails (no live payment) every field is what the accessors would give,
       NULL, 0 and VIPPS_STATE_UNKNOWN. */
    vipps_payment_info info = {.size = sizeof info};
    bool have_info = vipps_payment_read(p, &info) == VIPPS_OK;
    array_init_size(rv, 32);
    vipps_add_str(rv, "order_id", info.order_id);
    add_assoc_long(rv, "state", info.state);
    add_assoc_string(rv, "state_name", vipps_state_string(info.state));
    add_assoc_long(rv, "amount", info.amount);
    add_assoc_long(rv, "captured_amount", info.captured_amount);
    add_assoc_long(rv, "refunded_amount", info.refunded_amount);
    add_assoc_long(rv, "remaining_to_capture", info.remaining_to_capture);
    add_assoc_long(rv, "remaining_to_refund", info.remaining_to_refund);

    vipps_payment_log_entry log_buffer[LIST_CAPACITY];
    size_t n = 0;
    vipps_payment_log_entry *entries = read_list(p, false, log_buffer, &n);
    zval log;
    array_init_size(&log, (uint32_t)(n < 1024 ? n : 1024));
    for (size_t i = 0; i < n; i++) {
        zval entry;
        array_init_size(&entry, 8);
        vipps_add_str(&entry, "operation", entries[i].operation);
        add_assoc_long(&entry, "amount", entries[i].amount);
        add_assoc_bool(&entry, "success", entries[i].success != 0);
        vipps_add_str(&entry, "transaction_id", entries[i].transaction_id);
        vipps_add_str(&entry, "transaction_text", entries[i].transaction_text);
        vipps_add_str(&entry, "timestamp", entries[i].timestamp);
        vipps_add_str(&entry, "request_id", entries[i].request_id);
        add_next_index_zval(&log, &entry);
    }
    if (entries != log_buffer) efree(entries);
    add_assoc_zval(rv, "log", &log);
    /* ePayment: currency, released amount and the event log, oldest first ("NOK", 0, [] on eCom). */
    vipps_add_str(rv, "currency", vipps_payment_currency(p));
    vipps_add_str(rv, "sub", vipps_payment_sub(p));
    add_assoc_long(rv, "cancelled_amount", vipps_payment_cancelled_amount(p));
    vipps_payment_event_entry event_buffer[LIST_CAPACITY];
    size_t event_count = 0;
    vipps_payment_event_entry *events_read = read_list(p, true, event_buffer, &event_count);
    zval events;
    array_init_size(&events, (uint32_t)(event_count < 1024 ? event_count : 1024));
    for (size_t i = 0; i < event_count; i++) {
        zval event;
        array_init_size(&event, 8);
        vipps_add_str(&event, "name", events_read[i].name);
        add_assoc_long(&event, "amount", events_read[i].amount);
        add_assoc_bool(&event, "success", events_read[i].success != 0);
        vipps_add_str(&event, "idempotency_key", events_read[i].idempotency_key);
        vipps_add_str(&event, "timestamp", events_read[i].timestamp);
        add_next_index_zval(&events, &event);
    }
    if (events_read != event_buffer) efree(events_read);
    add_assoc_zval(rv, "events", &events);
    vipps_add_str(rv, "json", vipps_payment_json(p));
    /* Express shipping and the customer, with the keys parse_callback uses. */
    if (!have_info) return;
    add_assoc_bool(rv, "is_express", info.is_express != 0);
    vipps_add_str(rv, "shipping_method_id", info.shipping_method_id);
    vipps_add_str(rv, "shipping_method", info.shipping_method);
    add_assoc_long(rv, "shipping_cost", info.shipping_cost);
    vipps_add_str(rv, "address_line1", info.address_line1);
    vipps_add_str(rv, "address_line2", info.address_line2);
    vipps_add_str(rv, "city", info.city);
    vipps_add_str(rv, "post_code", info.post_code);
    vipps_add_str(rv, "country", info.country);
    vipps_add_str(rv, "first_name", info.first_name);
    vipps_add_str(rv, "last_name", info.last_name);
    vipps_add_str(rv, "email", info.email);
    vipps_add_str(rv, "phone_number", info.phone_number);
    vipps_add_str(rv, "user_id", info.user_id);
}

static void transaction_to_array(vipps_transaction *t, zval *rv) {
    array_init(rv);
    vipps_add_str(rv, "order_id", vipps_transaction_order_id(t));
    vipps_add_str(rv, "status", vipps_transaction_status(t));
    add_assoc_long(rv, "amount", vipps_transaction_amount(t));
    vipps_add_str(rv, "transaction_id", vipps_transaction_id(t));
    vipps_add_str(rv, "transaction_text", vipps_transaction_text(t));
    vipps_add_str(rv, "timestamp", vipps_transaction_timestamp(t));
    add_assoc_long(rv, "captured_amount", vipps_transaction_captured_amount(t));
    add_assoc_long(rv, "remaining_to_capture", vipps_transaction_remaining_to_capture(t));
    add_assoc_long(rv, "refunded_amount", vipps_transaction_refunded_amount(t));
    add_assoc_long(rv, "remaining_to_refund", vipps_transaction_remaining_to_refund(t));
    vipps_add_str(rv, "request_id", vipps_transaction_request_id(t));
    vipps_add_str(rv, "json", vipps_transaction_json(t));
}

/* ---------------------------------------------------------------------------------------- */
/* initiate                                                                                 */
/* ---------------------------------------------------------------------------------------- */

/* ePayment: one receipt line, an array with id, name, total_amount, total_amount_excluding_tax,
   total_tax_amount, tax_rate and optionally is_shipping. */
static bool add_receipt_line(vipps_initiate_params *params, zval *value, zend_long index) {
    char name[96];
    const char *id = NULL, *line_name = NULL;
    zend_long amounts[4] = {0, 0, 0, 0};
    static const char *const amount_keys[4] = {"total_amount", "total_amount_excluding_tax", "total_tax_amount",
                                               "tax_rate"};
    bool have[4] = {false, false, false, false};
    int is_shipping = 0;
    zend_string *key;
    zval *item;
    ZVAL_DEREF(value);
    if (Z_TYPE_P(value) != IS_ARRAY) {
        vipps_throw_invalid("params['receipt_lines'][%ld] must be an array", (long)index);
        return false;
    }
    ZEND_HASH_FOREACH_STR_KEY_VAL(Z_ARRVAL_P(value), key, item) {
        if (key == NULL) {
            vipps_throw_invalid("params['receipt_lines'][%ld] must have string keys", (long)index);
            return false;
        }
        snprintf(name, sizeof name, "params['receipt_lines'][%ld].%s", (long)index,
                 ZSTR_LEN(key) < 40 ? ZSTR_VAL(key) : "?");
        bool known = false;
        for (int i = 0; i < 4; i++) {
            if (key_is(key, amount_keys[i])) {
                if (!vipps_zval_long(item, name, &amounts[i])) return false;
                have[i] = known = true;
            }
        }
        if (known) continue;
        if (key_is(key, "id")) {
            if (!vipps_zval_cstr(item, name, &id)) return false;
        } else if (key_is(key, "name")) {
            if (!vipps_zval_cstr(item, name, &line_name)) return false;
        } else if (key_is(key, "is_shipping")) {
            if (!vipps_zval_flag(item, name, &is_shipping)) return false;
        } else {
            vipps_throw_invalid("params['receipt_lines'][%ld] has an unknown key (expected id, name, total_amount, "
                                "total_amount_excluding_tax, total_tax_amount, tax_rate, is_shipping)", (long)index);
            return false;
        }
    } ZEND_HASH_FOREACH_END();
    if (id == NULL || line_name == NULL || !have[0] || !have[1] || !have[2] || !have[3]) {
        vipps_throw_invalid("params['receipt_lines'][%ld] needs id, name, total_amount, total_amount_excluding_tax, "
                            "total_tax_amount and tax_rate", (long)index);
        return false;
    }
    if (amounts[3] < INT32_MIN || amounts[3] > INT32_MAX) {
        vipps_throw_invalid("params['receipt_lines'][%ld].tax_rate is out of range", (long)index);
        return false;
    }
    CHECK(vipps_initiate_params_add_receipt_line(params, id, line_name, amounts[0], amounts[1], amounts[2],
                                                 (int32_t)amounts[3], is_shipping));
    return true;
}

/* ePayment: the receipt's bottom line, an array with tip_amount, pos_id, receipt_number (all optional). */
static bool set_receipt_bottom_line(vipps_initiate_params *params, zval *value) {
    char name[96];
    const char *pos_id = NULL, *receipt_number = NULL;
    zend_long tip = 0;
    zend_string *key;
    zval *item;
    ZVAL_DEREF(value);
    if (Z_TYPE_P(value) != IS_ARRAY) {
        vipps_throw_invalid("params['receipt_bottom_line'] must be an array");
        return false;
    }
    ZEND_HASH_FOREACH_STR_KEY_VAL(Z_ARRVAL_P(value), key, item) {
        if (key == NULL) { vipps_throw_invalid("params['receipt_bottom_line'] must have string keys"); return false; }
        snprintf(name, sizeof name, "params['receipt_bottom_line'].%s", ZSTR_LEN(key) < 40 ? ZSTR_VAL(key) : "?");
        if (key_is(key, "tip_amount")) {
            if (!vipps_zval_long(item, name, &tip)) return false;
        } else if (key_is(key, "pos_id")) {
            if (!vipps_zval_cstr(item, name, &pos_id)) return false;
        } else if (key_is(key, "receipt_number")) {
            if (!vipps_zval_cstr(item, name, &receipt_number)) return false;
        } else {
            vipps_throw_invalid("params['receipt_bottom_line'] has an unknown key (expected tip_amount, pos_id, "
                                "receipt_number)");
            return false;
        }
    } ZEND_HASH_FOREACH_END();
    CHECK(vipps_initiate_params_set_receipt_bottom_line(params, tip, pos_id, receipt_number));
    return true;
}

static bool apply_params(vipps_initiate_params *params, HashTable *ht) {
    char name[96];
    const char *qr_format = NULL;
    zend_long qr_size = 0;
    zend_long amount = 0;
    bool has_amount = false;
    zend_string *key;
    zval *value;
    ZEND_HASH_FOREACH_STR_KEY_VAL(ht, key, value) {
        const char *s;
        int flag;
        if (key == NULL) { vipps_throw_invalid("params must have string keys"); return false; }
        if (ZSTR_LEN(key) > 40 || !vipps_cstr_ok(key, "a params key")) {
            vipps_throw_invalid("params has an unknown key");
            return false;
        }
        snprintf(name, sizeof name, "params['%s']", ZSTR_VAL(key));
#define STRING_FIELD(k, setter) \
        else if (key_is(key, k)) { if (!vipps_zval_cstr(value, name, &s)) return false; CHECK(setter(params, s)); }
#define FLAG_FIELD(k, setter) \
        else if (key_is(key, k)) { if (!vipps_zval_flag(value, name, &flag)) return false; CHECK(setter(params, flag)); }
        if (key_is(key, "amount")) {
            if (!vipps_zval_long(value, name, &amount)) return false;
            has_amount = true;
        }
        STRING_FIELD("order_id", vipps_initiate_params_set_order_id)
        STRING_FIELD("transaction_text", vipps_initiate_params_set_transaction_text)
        STRING_FIELD("callback_prefix", vipps_initiate_params_set_callback_prefix)
        STRING_FIELD("fallback_url", vipps_initiate_params_set_fallback_url)
        STRING_FIELD("phone_number", vipps_initiate_params_set_phone_number)
        STRING_FIELD("auth_token", vipps_initiate_params_set_auth_token)
        STRING_FIELD("shipping_details_prefix", vipps_initiate_params_set_shipping_details_prefix)
        STRING_FIELD("consent_removal_prefix", vipps_initiate_params_set_consent_removal_prefix)
        STRING_FIELD("scope", vipps_initiate_params_set_scope)
        STRING_FIELD("currency", vipps_initiate_params_set_currency)
        STRING_FIELD("user_flow", vipps_initiate_params_set_user_flow)
        STRING_FIELD("customer_phone_number", vipps_initiate_params_set_customer_phone_number)
        STRING_FIELD("customer_personal_qr", vipps_initiate_params_set_customer_personal_qr)
        STRING_FIELD("customer_token", vipps_initiate_params_set_customer_token)
        STRING_FIELD("expires_at", vipps_initiate_params_set_expires_at)
        STRING_FIELD("idempotency_key", vipps_initiate_params_set_idempotency_key)
        else if (key_is(key, "qr_format")) {
            if (!vipps_zval_cstr(value, name, &qr_format)) return false;
        } else if (key_is(key, "qr_size")) {
            if (!vipps_zval_long(value, name, &qr_size)) return false;
            if (qr_size < INT32_MIN || qr_size > INT32_MAX) { vipps_throw_invalid("%s is out of range", name); return false; }
        } else if (key_is(key, "receipt_lines")) {
            zval *item;
            zend_long index = 0;
            ZVAL_DEREF(value);
            if (Z_TYPE_P(value) != IS_ARRAY) { vipps_throw_invalid("params['receipt_lines'] must be a list of arrays"); return false; }
            ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(value), item) {
                if (!add_receipt_line(params, item, index++)) return false;
            } ZEND_HASH_FOREACH_END();
        } else if (key_is(key, "receipt_bottom_line")) {
            if (!set_receipt_bottom_line(params, value)) return false;
        }
        FLAG_FIELD("express", vipps_initiate_params_set_express)
        FLAG_FIELD("is_app", vipps_initiate_params_set_is_app)
        FLAG_FIELD("skip_landing_page", vipps_initiate_params_set_skip_landing_page)
        else if (key_is(key, "static_shipping")) {
            zval *item;
            zend_long index = 0;
            ZVAL_DEREF(value);
            if (Z_TYPE_P(value) != IS_ARRAY) { vipps_throw_invalid("params['static_shipping'] must be a list of arrays"); return false; }
            ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(value), item) {
                vipps_shipping_option o;
                if (!vipps_read_shipping_option(item, "params['static_shipping']", index++, &o)) return false;
                CHECK(vipps_initiate_params_add_static_shipping_option(params, o.method_id, o.method, o.cost,
                                                                       o.is_default, (int32_t)o.priority));
            } ZEND_HASH_FOREACH_END();
        } else {
            vipps_throw_invalid("params has an unknown key '%s'", ZSTR_VAL(key));
            return false;
        }
#undef STRING_FIELD
#undef FLAG_FIELD
    } ZEND_HASH_FOREACH_END();
    /* Set after the currency, whatever the array's order: DKK and EUR take amounts below 100. */
    if (has_amount) CHECK(vipps_initiate_params_set_amount(params, amount));
    /* The format and the PNG's size are one setting; a size alone is refused by the library. */
    if (qr_format != NULL || qr_size != 0) {
        if (qr_format == NULL) { vipps_throw_invalid("params['qr_size'] needs params['qr_format']"); return false; }
        CHECK(vipps_initiate_params_set_qr_format(params, qr_format, (int32_t)qr_size));
    }
    return true;
}

PHP_METHOD(Vipps_Client, initiate) {
    HashTable *ht;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY_HT(ht)
    ZEND_PARSE_PARAMETERS_END();
    vipps_client *client = this_client(ZEND_THIS);
    if (!client) RETURN_THROWS();

    vipps_initiate_params *params = NULL;
    vipps_initiation *initiation = NULL;
    vipps_status status = vipps_initiate_params_new(&params);
    if (status != VIPPS_OK) { vipps_throw_last(status); RETURN_THROWS(); }
    if (!apply_params(params, ht)) { vipps_initiate_params_free(params); RETURN_THROWS(); }
    status = vipps_payment_initiate(client, params, &initiation);
    if (status != VIPPS_OK) {
        vipps_throw_last(status);
        vipps_initiate_params_free(params);
        RETURN_THROWS();
    }
    vipps_initiate_params_free(params);
    array_init(return_value);
    vipps_add_str(return_value, "order_id", vipps_initiation_order_id(initiation));
    vipps_add_str(return_value, "url", vipps_initiation_url(initiation));
    vipps_add_str(return_value, "token", vipps_initiation_token(initiation));
    vipps_add_str(return_value, "json", vipps_initiation_json(initiation));
    vipps_add_str(return_value, "idempotency_key", vipps_initiation_idempotency_key(initiation));
    vipps_initiation_free(initiation);
}

/* ---------------------------------------------------------------------------------------- */
/* Reading and changing payments                                                            */
/* ---------------------------------------------------------------------------------------- */

PHP_METHOD(Vipps_Client, details) {
    zend_string *order_id;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(order_id)
    ZEND_PARSE_PARAMETERS_END();
    vipps_client *client = this_client(ZEND_THIS);
    if (!client || !vipps_cstr_ok(order_id, "order_id")) RETURN_THROWS();
    vipps_payment *payment = NULL;
    vipps_status status = vipps_payment_get_details(client, ZSTR_VAL(order_id), &payment);
    if (status != VIPPS_OK) { vipps_throw_last(status); RETURN_THROWS(); }
    payment_to_array(payment, return_value);
    vipps_payment_free(payment);
}

PHP_METHOD(Vipps_Client, wait) {
    zend_string *order_id;
    zend_long timeout_ms;
    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_STR(order_id)
        Z_PARAM_LONG(timeout_ms)
    ZEND_PARSE_PARAMETERS_END();
    vipps_client *client = this_client(ZEND_THIS);
    if (!client || !vipps_cstr_ok(order_id, "order_id")) RETURN_THROWS();
    vipps_payment *payment = NULL;
    vipps_status status = vipps_payment_wait(client, ZSTR_VAL(order_id), timeout_ms, &payment);
    if (status != VIPPS_OK) { vipps_throw_last(status); RETURN_THROWS(); }
    payment_to_array(payment, return_value);
    vipps_payment_free(payment);
}

typedef vipps_status (*money_op)(vipps_client *, const char *, int64_t, const char *, const char *, vipps_transaction **);

/* The amount as a zval, not Z_PARAM_LONG: PHP would turn null, false, "12" or 0.99 into an int
   with at most a deprecation notice, and a forgotten amount must never reach Vipps. */
static void capture_or_refund(INTERNAL_FUNCTION_PARAMETERS, money_op op) {
    zend_string *order_id, *text, *key = NULL;
    zval *amount_value;
    ZEND_PARSE_PARAMETERS_START(3, 4)
        Z_PARAM_STR(order_id)
        Z_PARAM_ZVAL(amount_value)
        Z_PARAM_STR(text)
        Z_PARAM_OPTIONAL
        Z_PARAM_STR_OR_NULL(key)
    ZEND_PARSE_PARAMETERS_END();
    ZVAL_DEREF(amount_value);
    if (Z_TYPE_P(amount_value) != IS_LONG) {
        vipps_throw_invalid("amount must be an int (øre, or Vipps\\Client::REMAINING), %s given",
                            zend_zval_type_name(amount_value));
        RETURN_THROWS();
    }
    zend_long amount = Z_LVAL_P(amount_value);
    vipps_client *client = this_client(ZEND_THIS);
    if (!client || !vipps_cstr_ok(order_id, "order_id") || !vipps_cstr_ok(text, "transaction_text")
        || (key && !vipps_cstr_ok(key, "idempotency_key"))) RETURN_THROWS();
    vipps_transaction *t = NULL;
    vipps_status status = op(client, ZSTR_VAL(order_id), amount, ZSTR_VAL(text), key ? ZSTR_VAL(key) : NULL, &t);
    if (status != VIPPS_OK) { vipps_throw_last(status); RETURN_THROWS(); }
    transaction_to_array(t, return_value);
    vipps_transaction_free(t);
}

PHP_METHOD(Vipps_Client, capture) { capture_or_refund(INTERNAL_FUNCTION_PARAM_PASSTHRU, vipps_payment_capture); }
PHP_METHOD(Vipps_Client, refund) { capture_or_refund(INTERNAL_FUNCTION_PARAM_PASSTHRU, vipps_payment_refund); }

PHP_METHOD(Vipps_Client, cancel) {
    zend_string *order_id, *text;
    bool release = false;
    ZEND_PARSE_PARAMETERS_START(2, 3)
        Z_PARAM_STR(order_id)
        Z_PARAM_STR(text)
        Z_PARAM_OPTIONAL
        Z_PARAM_BOOL(release)
    ZEND_PARSE_PARAMETERS_END();
    vipps_client *client = this_client(ZEND_THIS);
    if (!client || !vipps_cstr_ok(order_id, "order_id") || !vipps_cstr_ok(text, "transaction_text")) RETURN_THROWS();
    vipps_transaction *t = NULL;
    vipps_status status = vipps_payment_cancel(client, ZSTR_VAL(order_id), ZSTR_VAL(text), release ? 1 : 0, &t);
    if (status != VIPPS_OK) { vipps_throw_last(status); RETURN_THROWS(); }
    transaction_to_array(t, return_value);
    vipps_transaction_free(t);
}

PHP_METHOD(Vipps_Client, status) {
    zend_string *order_id;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(order_id)
    ZEND_PARSE_PARAMETERS_END();
    vipps_client *client = this_client(ZEND_THIS);
    if (!client || !vipps_cstr_ok(order_id, "order_id")) RETURN_THROWS();
    vipps_transaction *t = NULL;
    vipps_status status = vipps_payment_get_status(client, ZSTR_VAL(order_id), &t);
    if (status != VIPPS_OK) { vipps_throw_last(status); RETURN_THROWS(); }
    transaction_to_array(t, return_value);
    vipps_transaction_free(t);
}

PHP_METHOD(Vipps_Client, forceApprove) {
    zend_string *order_id, *token, *phone = NULL;
    ZEND_PARSE_PARAMETERS_START(2, 3)
        Z_PARAM_STR(order_id)
        Z_PARAM_STR(token)
        Z_PARAM_OPTIONAL
        Z_PARAM_STR_OR_NULL(phone)
    ZEND_PARSE_PARAMETERS_END();
    vipps_client *client = this_client(ZEND_THIS);
    if (!client || !vipps_cstr_ok(order_id, "order_id") || !vipps_cstr_ok(token, "token")
        || (phone && !vipps_cstr_ok(phone, "phone_number"))) RETURN_THROWS();
    vipps_status status = vipps_payment_force_approve(client, ZSTR_VAL(order_id), phone ? ZSTR_VAL(phone) : NULL,
                                                      ZSTR_VAL(token));
    if (status != VIPPS_OK) { vipps_throw_last(status); RETURN_THROWS(); }
}

/* Webhooks (ePayment) and Userinfo: the work is in vipps_webhook.c. */

PHP_METHOD(Vipps_Client, registerWebhook) {
    zend_string *url;
    HashTable *events;
    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_STR(url)
        Z_PARAM_ARRAY_HT(events)
    ZEND_PARSE_PARAMETERS_END();
    vipps_client *client = this_client(ZEND_THIS);
    if (!client) RETURN_THROWS();
    vipps_client_register_webhook(client, url, events, return_value);
}

PHP_METHOD(Vipps_Client, webhooks) {
    ZEND_PARSE_PARAMETERS_NONE();
    vipps_client *client = this_client(ZEND_THIS);
    if (!client) RETURN_THROWS();
    vipps_client_webhooks(client, return_value);
}

PHP_METHOD(Vipps_Client, deleteWebhook) {
    zend_string *id;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(id)
    ZEND_PARSE_PARAMETERS_END();
    vipps_client *client = this_client(ZEND_THIS);
    if (!client) RETURN_THROWS();
    vipps_client_delete_webhook(client, id);
}

PHP_METHOD(Vipps_Client, userinfo) {
    zend_string *sub;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(sub)
    ZEND_PARSE_PARAMETERS_END();
    vipps_client *client = this_client(ZEND_THIS);
    if (!client) RETURN_THROWS();
    vipps_client_userinfo(client, sub, return_value);
}

/* ---------------------------------------------------------------------------------------- */
/* Registration                                                                             */
/* ---------------------------------------------------------------------------------------- */

void vipps_client_minit(zend_class_entry *client, zend_class_entry *token_store) {
    ce_client = client;
    ce_token_store = token_store;
    zend_hash_init(&persistent_clients, 8, NULL, persistent_table_dtor, 1);
    ce_client->create_object = client_create;
    memcpy(&client_handlers, zend_get_std_object_handlers(), sizeof client_handlers);
    client_handlers.offset = XtOffsetOf(client_object, std);
    client_handlers.free_obj = client_free;
    client_handlers.clone_obj = NULL;
    client_handlers.get_gc = client_get_gc;
}

void vipps_client_mshutdown(void) { zend_hash_destroy(&persistent_clients); }
