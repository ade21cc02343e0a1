/* Vipps\Exception and its subclasses, one per libvipps status category.
 *
 * The details of a failure (httpStatus, errorGroup, errorCode, contextId, retryable,
 * outcomeUnknown, requestId, status) are public readonly properties with getters. They are set
 * to neutral values when the object is created (so an exception made with `new` reads as
 * "no details") and filled from vipps_error_last() when the library reports a failure. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_vipps.h"
#include "zend_exceptions.h"
#include "ext/spl/spl_exceptions.h"
#include <stdarg.h>

zend_class_entry *vipps_ce_exception;

static zend_class_entry *ce_invalid_argument, *ce_not_allowed, *ce_network, *ce_timeout, *ce_tls,
    *ce_protocol, *ce_outcome_unknown, *ce_authentication, *ce_not_found, *ce_rejected,
    *ce_rate_limited, *ce_server, *ce_internal;

static zend_object *(*parent_create_object)(zend_class_entry *);

enum { P_HTTP_STATUS, P_ERROR_GROUP, P_ERROR_CODE, P_CONTEXT_ID, P_RETRYABLE, P_OUTCOME_UNKNOWN,
       P_REQUEST_ID, P_STATUS, P_COUNT };
static const struct { const char *name; uint32_t type; } prop_defs[P_COUNT] = {
    {"httpStatus", MAY_BE_LONG},
    {"errorGroup", MAY_BE_STRING | MAY_BE_NULL},
    {"errorCode", MAY_BE_STRING | MAY_BE_NULL},
    {"contextId", MAY_BE_STRING | MAY_BE_NULL},
    {"retryable", MAY_BE_BOOL},
    {"outcomeUnknown", MAY_BE_BOOL},
    {"requestId", MAY_BE_STRING | MAY_BE_NULL},
    {"status", MAY_BE_LONG},
};
static uint32_t prop_offset[P_COUNT];

/* Writes a property slot directly: the properties are readonly for PHP code, not for us. */
static zval *slot(zend_object *obj, int p) { return OBJ_PROP(obj, prop_offset[p]); }
static void set_long(zend_object *obj, int p, zend_long v) { zval *z = slot(obj, p); zval_ptr_dtor(z); ZVAL_LONG(z, v); }
static void set_bool(zend_object *obj, int p, bool v) { zval *z = slot(obj, p); zval_ptr_dtor(z); ZVAL_BOOL(z, v); }
static void set_str(zend_object *obj, int p, const char *v) {
    zval *z = slot(obj, p);
    zval_ptr_dtor(z);
    if (v) ZVAL_STRING(z, v); else ZVAL_NULL(z);
}

static zend_object *exception_create(zend_class_entry *ce) {
    zend_object *obj = parent_create_object(ce);
    for (int p = 0; p < P_COUNT; p++) {
        zval *z = slot(obj, p);
        if (prop_defs[p].type == MAY_BE_LONG) ZVAL_LONG(z, 0);
        else if (prop_defs[p].type == MAY_BE_BOOL) ZVAL_FALSE(z);
        else ZVAL_NULL(z);
    }
    return obj;
}

static zend_class_entry *class_for(vipps_status status) {
    switch (status) {
    case VIPPS_ERR_INVALID_ARGUMENT: return ce_invalid_argument;
    case VIPPS_ERR_NOT_ALLOWED: return ce_not_allowed;
    case VIPPS_ERR_NETWORK: return ce_network;
    case VIPPS_ERR_TIMEOUT: return ce_timeout;
    case VIPPS_ERR_TLS: return ce_tls;
    case VIPPS_ERR_PROTOCOL: return ce_protocol;
    case VIPPS_ERR_OUTCOME_UNKNOWN: return ce_outcome_unknown;
    case VIPPS_ERR_AUTHENTICATION: return ce_authentication;
    case VIPPS_ERR_NOT_FOUND: return ce_not_found;
    case VIPPS_ERR_REJECTED: return ce_rejected;
    case VIPPS_ERR_RATE_LIMITED: return ce_rate_limited;
    case VIPPS_ERR_SERVER: return ce_server;
    case VIPPS_ERR_INTERNAL: return ce_internal;
    default: return vipps_ce_exception;
    }
}

void vipps_throw_last(vipps_status status) {
    /* Read everything from the thread-local error before anything else can touch it. */
    const vipps_error *e = vipps_error_last();
    if (e != NULL && vipps_error_status(e) != VIPPS_OK) status = vipps_error_status(e);
    const char *message = e ? vipps_error_message(e) : NULL;
    zend_object *obj = zend_throw_exception(class_for(status), message ? message : vipps_status_string(status), status);
    set_long(obj, P_STATUS, status);
    if (e == NULL) return;
    set_long(obj, P_HTTP_STATUS, vipps_error_http_status(e));
    set_str(obj, P_ERROR_GROUP, vipps_error_group(e));
    set_str(obj, P_ERROR_CODE, vipps_error_code(e));
    set_str(obj, P_CONTEXT_ID, vipps_error_context_id(e));
    set_bool(obj, P_RETRYABLE, vipps_error_is_retryable(e) != 0);
    set_bool(obj, P_OUTCOME_UNKNOWN, vipps_error_outcome_unknown(e) != 0);
    set_str(obj, P_REQUEST_ID, vipps_error_request_id(e));
}

void vipps_throw_invalid(const char *format, ...) {
    va_list args;
    va_start(args, format);
    zend_string *message = vstrpprintf(0, format, args);
    va_end(args);
    zend_object *obj = zend_throw_exception(ce_invalid_argument, ZSTR_VAL(message), VIPPS_ERR_INVALID_ARGUMENT);
    zend_string_release(message);
    set_long(obj, P_STATUS, VIPPS_ERR_INVALID_ARGUMENT);
}

/* Getters. */
#define GETTER(method, p)                                                \
    static ZEND_NAMED_FUNCTION(zim_##method) {                          \
        ZEND_PARSE_PARAMETERS_NONE();                                    \
        RETURN_COPY(slot(Z_OBJ_P(ZEND_THIS), p));                        \
    }
GETTER(getHttpStatus, P_HTTP_STATUS)
GETTER(getErrorGroup, P_ERROR_GROUP)
GETTER(getErrorCode, P_ERROR_CODE)
GETTER(getContextId, P_CONTEXT_ID)
GETTER(isRetryable, P_RETRYABLE)
GETTER(isOutcomeUnknown, P_OUTCOME_UNKNOWN)
GETTER(getRequestId, P_REQUEST_ID)
GETTER(getStatus, P_STATUS)

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_get_long, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()
ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_get_nstring, 0, 0, IS_STRING, 1)
ZEND_END_ARG_INFO()
ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_get_bool, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

static const zend_function_entry exception_methods[] = {
    ZEND_RAW_FENTRY("getHttpStatus", zim_getHttpStatus, arginfo_get_long, ZEND_ACC_PUBLIC)
    ZEND_RAW_FENTRY("getErrorGroup", zim_getErrorGroup, arginfo_get_nstring, ZEND_ACC_PUBLIC)
    ZEND_RAW_FENTRY("getErrorCode", zim_getErrorCode, arginfo_get_nstring, ZEND_ACC_PUBLIC)
    ZEND_RAW_FENTRY("getContextId", zim_getContextId, arginfo_get_nstring, ZEND_ACC_PUBLIC)
    ZEND_RAW_FENTRY("isRetryable", zim_isRetryable, arginfo_get_bool, ZEND_ACC_PUBLIC)
    ZEND_RAW_FENTRY("isOutcomeUnknown", zim_isOutcomeUnknown, arginfo_get_bool, ZEND_ACC_PUBLIC)
    ZEND_RAW_FENTRY("getRequestId", zim_getRequestId, arginfo_get_nstring, ZEND_ACC_PUBLIC)
    ZEND_RAW_FENTRY("getStatus", zim_getStatus, arginfo_get_long, ZEND_ACC_PUBLIC)
    ZEND_FE_END
};

static zend_class_entry *subclass(const char *name) {
    zend_class_entry ce;
    INIT_CLASS_ENTRY_EX(ce, name, strlen(name), NULL);
    return zend_register_internal_class_ex(&ce, vipps_ce_exception);
}

void vipps_exception_minit(void) {
    zend_class_entry ce;
    INIT_CLASS_ENTRY(ce, "Vipps\\Exception", exception_methods);
    vipps_ce_exception = zend_register_internal_class_ex(&ce, spl_ce_RuntimeException);
    parent_create_object = vipps_ce_exception->create_object;
    vipps_ce_exception->create_object = exception_create;
    for (int p = 0; p < P_COUNT; p++) {
        zval def;
        ZVAL_UNDEF(&def);
        zend_string *name = zend_string_init_interned(prop_defs[p].name, strlen(prop_defs[p].name), 1);
        zend_property_info *info = zend_declare_typed_property(vipps_ce_exception, name, &def,
            ZEND_ACC_PUBLIC | ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(prop_defs[p].type));
        zend_string_release(name);
        prop_offset[p] = info->offset;
    }
    ce_invalid_argument = subclass("Vipps\\InvalidArgumentException");
    ce_not_allowed = subclass("Vipps\\NotAllowedException");
    ce_network = subclass("Vipps\\NetworkException");
    ce_timeout = subclass("Vipps\\TimeoutException");
    ce_tls = subclass("Vipps\\TLSException");
    ce_protocol = subclass("Vipps\\ProtocolException");
    ce_outcome_unknown = subclass("Vipps\\OutcomeUnknownException");
    ce_authentication = subclass("Vipps\\AuthenticationException");
    ce_not_found = subclass("Vipps\\NotFoundException");
    ce_rejected = subclass("Vipps\\RejectedException");
    ce_rate_limited = subclass("Vipps\\RateLimitedException");
    ce_server = subclass("Vipps\\ServerException");
    ce_internal = subclass("Vipps\\InternalException");
}
