/* Reading PHP values for the C ABI, and writing C results into PHP arrays.
 * Messages name the field and never quote its value (it may be a secret). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_vipps.h"

bool vipps_cstr_ok(const zend_string *s, const char *field) {
    if (memchr(ZSTR_VAL(s), '\0', ZSTR_LEN(s)) != NULL) {
        vipps_throw_invalid("%s must not contain NUL bytes", field);
        return false;
    }
    return true;
}

bool vipps_zval_cstr(zval *value, const char *field, const char **out) {
    ZVAL_DEREF(value);
    if (Z_TYPE_P(value) != IS_STRING) {
        vipps_throw_invalid("%s must be a string, %s given", field, zend_zval_type_name(value));
        return false;
    }
    if (!vipps_cstr_ok(Z_STR_P(value), field)) return false;
    *out = Z_STRVAL_P(value);
    return true;
}

bool vipps_zval_long(zval *value, const char *field, zend_long *out) {
    ZVAL_DEREF(value);
    if (Z_TYPE_P(value) != IS_LONG) {
        vipps_throw_invalid("%s must be an int, %s given", field, zend_zval_type_name(value));
        return false;
    }
    *out = Z_LVAL_P(value);
    return true;
}

bool vipps_zval_flag(zval *value, const char *field, int *out) {
    ZVAL_DEREF(value);
    switch (Z_TYPE_P(value)) {
    case IS_TRUE: *out = 1; return true;
    case IS_FALSE: *out = 0; return true;
    case IS_LONG:
        if (Z_LVAL_P(value) == 0 || Z_LVAL_P(value) == 1) { *out = (int)Z_LVAL_P(value); return true; }
        break;
    default: break;
    }
    vipps_throw_invalid("%s must be a bool", field);
    return false;
}

void vipps_add_str(zval *array, const char *key, const char *value) {
    if (value) add_assoc_string(array, key, value);
    else add_assoc_null(array, key);
}

bool vipps_read_shipping_option(zval *value, const char *field, zend_long index, vipps_shipping_option *out) {
    char name[96];
    ZVAL_DEREF(value);
    if (Z_TYPE_P(value) != IS_ARRAY) {
        vipps_throw_invalid("%s[%ld] must be an array", field, (long)index);
        return false;
    }
    out->method_id = NULL;
    out->method = NULL;
    out->cost = 0;
    out->is_default = 0;
    out->priority = 0;
    bool have_cost = false;
    zend_string *key;
    zval *item;
    ZEND_HASH_FOREACH_STR_KEY_VAL(Z_ARRVAL_P(value), key, item) {
        if (key == NULL) {
            vipps_throw_invalid("%s[%ld] must have string keys", field, (long)index);
            return false;
        }
        snprintf(name, sizeof name, "%s[%ld].%s", field, (long)index, ZSTR_LEN(key) < 40 ? ZSTR_VAL(key) : "?");
        if (zend_string_equals_literal(key, "method_id")) {
            if (!vipps_zval_cstr(item, name, &out->method_id)) return false;
        } else if (zend_string_equals_literal(key, "method")) {
            if (!vipps_zval_cstr(item, name, &out->method)) return false;
        } else if (zend_string_equals_literal(key, "cost")) {
            if (!vipps_zval_long(item, name, &out->cost)) return false;
            have_cost = true;
        } else if (zend_string_equals_literal(key, "is_default")) {
            if (!vipps_zval_flag(item, name, &out->is_default)) return false;
        } else if (zend_string_equals_literal(key, "priority")) {
            if (!vipps_zval_long(item, name, &out->priority)) return false;
            if (out->priority < INT32_MIN || out->priority > INT32_MAX) {
                vipps_throw_invalid("%s is out of range", name);
                return false;
            }
        } else {
            vipps_throw_invalid("%s[%ld] has an unknown key (expected method_id, method, cost, is_default, priority)",
                                field, (long)index);
            return false;
        }
    } ZEND_HASH_FOREACH_END();
    if (out->method_id == NULL || out->method == NULL || !have_cost) {
        vipps_throw_invalid("%s[%ld] needs method_id, method and cost", field, (long)index);
        return false;
    }
    return true;
}
