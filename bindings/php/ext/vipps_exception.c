/* Vipps\Exception and its subclasses, one per libvipps status category.
 *
 * The details of a failure (httpStatus, errorGroup, errorCode, contextId, retryable,
 * outcomeUnknown, requestId, status, field) are public readonly properties with getters. They are set
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

static vipps_exception_classes classes;

static zend_object *(*parent_create_object)(zend_class_entry *);

enum { P_HTTP_STATUS, P_ERROR_GROUP, P_ERROR_CODE, P_CONTEXT_ID, P_RETRYABLE, P_OUTCOME_UNKNOWN,
       P_REQUEST_ID, P_STATUS, P_FIELD, P_COUNT };
static const struct { const char *name; uint32_t type; } prop_defs[P_COUNT] = {
    {"httpStatus", MAY_BE_LONG},
    {"errorGroup", MAY_BE_STRING | MAY_BE_NULL},
    {"errorCode", MAY_BE_STRING | MAY_BE_NULL},
    {"contextId", MAY_BE_STRING | MAY_BE_NULL},
    {"retryable", MAY_BE_BOOL},
    {"outcomeUnknown", MAY_BE_BOOL},
    {"requestId", MAY_BE_STRING | MAY_BE_NULL},
    {"status", MAY_BE_LONG},
    {"field", MAY_BE_STRING | MAY_BE_NULL},
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
    case VIPPS_ERR_INVALID_ARGUMENT: return classes.invalid_argument;
    case VIPPS_ERR_NOT_ALLOWED: return classes.not_allowed;
    case VIPPS_ERR_NETWORK: return classes.network;
    case VIPPS_ERR_TIMEOUT: return classes.timeout;
    case VIPPS_ERR_TLS: return classes.tls;
    case VIPPS_ERR_PROTOCOL: return classes.protocol;
    case VIPPS_ERR_OUTCOME_UNKNOWN: return classes.outcome_unknown;
    case VIPPS_ERR_AUTHENTICATION: return classes.authentication;
    case VIPPS_ERR_NOT_FOUND: return classes.not_found;
    case VIPPS_ERR_REJECTED: return classes.rejected;
    case VIPPS_ERR_RATE_LIMITED: return classes.rate_limited;
    case VIPPS_ERR_SERVER: return classes.server;
    case VIPPS_ERR_INTERNAL: return classes.internal;
    default: return vipps_ce_exception;
    }
}

void vipps_throw_last(vipps_status status) { vipps_throw_last_as(NULL, status); }

zend_object *vipps_throw_last_as(zend_class_entry *ce, vipps_status status) {
    /* Read everything from the thread-local error before anything else can touch it. */
    const vipps_error *e = vipps_error_last();
    if (e != NULL && vipps_error_status(e) != VIPPS_OK) status = vipps_error_status(e);
    const char *message = e ? vipps_error_message(e) : NULL;
    zend_object *obj =
        zend_throw_exception(ce ? ce : class_for(status), message ? message : vipps_status_string(status), status);
    set_long(obj, P_STATUS, status);
    if (e == NULL) return obj;
    set_long(obj, P_HTTP_STATUS, vipps_error_http_status(e));
    set_str(obj, P_ERROR_GROUP, vipps_error_group(e));
    set_str(obj, P_ERROR_CODE, vipps_error_code(e));
    set_str(obj, P_CONTEXT_ID, vipps_error_context_id(e));
    set_bool(obj, P_RETRYABLE, vipps_error_is_retryable(e) != 0);
    set_bool(obj, P_OUTCOME_UNKNOWN, vipps_error_outcome_unknown(e) != 0);
    set_str(obj, P_REQUEST_ID, vipps_error_request_id(e));
    set_str(obj, P_FIELD, vipps_error_field(e));
    return obj;
}

void vipps_throw_invalid(const char *format, ...) {
    va_list args;
    va_start(args, format);
    zend_string *message = vstrpprintf(0, format, args);
    va_end(args);
    zend_object *obj = zend_throw_exception(classes.invalid_argument, ZSTR_VAL(message), VIPPS_ERR_INVALID_ARGUMENT);
    zend_string_release(message);
    set_long(obj, P_STATUS, VIPPS_ERR_INVALID_ARGUMENT);
}

/* Getters. */
#define GETTER(method, p)                                                \
    ZEND_METHOD(Vipps_Exception, method) {                               \
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
GETTER(getField, P_FIELD)

void vipps_exception_minit(zend_class_entry *exception, vipps_exception_classes subclasses) {
    vipps_ce_exception = exception;
    classes = subclasses;
    parent_create_object = vipps_ce_exception->create_object;
    /* The subclasses were registered (and copied the parent's handler) before this runs. */
    zend_class_entry *all[] = {exception, classes.invalid_argument, classes.not_allowed, classes.network,
                               classes.timeout, classes.tls, classes.protocol, classes.outcome_unknown,
                               classes.authentication, classes.not_found, classes.rejected, classes.rate_limited,
                               classes.server, classes.internal};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) all[i]->create_object = exception_create;
    /* The properties are declared from the stub; their slots are looked up once. */
    for (int p = 0; p < P_COUNT; p++) {
        zend_property_info *info = zend_hash_str_find_ptr(&vipps_ce_exception->properties_info, prop_defs[p].name,
                                                          strlen(prop_defs[p].name));
        ZEND_ASSERT(info != NULL);
        prop_offset[p] = info->offset;
    }
}
