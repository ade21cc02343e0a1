/* php_vipps.h — shared declarations of the vipps PHP extension (a binding of libvipps). */
#ifndef PHP_VIPPS_H
#define PHP_VIPPS_H

#include "php.h"
#include <vipps.h>

extern zend_module_entry vipps_module_entry;
#define phpext_vipps_ptr &vipps_module_entry

/* The extension is versioned with the library it binds (VERSION at the repository root). */
#define PHP_VIPPS_VERSION VIPPS_VERSION

#if defined(ZTS) && defined(COMPILE_DL_VIPPS)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

/* vipps_exception.c */
extern zend_class_entry *vipps_ce_exception;
/* The subclass for each status category, registered from vipps_arginfo.h. */
typedef struct {
    zend_class_entry *invalid_argument, *not_allowed, *network, *timeout, *tls, *protocol, *outcome_unknown,
        *authentication, *not_found, *rejected, *rate_limited, *server, *internal;
} vipps_exception_classes;
void vipps_exception_minit(zend_class_entry *exception, vipps_exception_classes classes);
/* Throws the exception for `status` from vipps_error_last(). Call it right after the failing
   libvipps call, before any other libvipps call on this thread. */
void vipps_throw_last(vipps_status status);
/* The same with a chosen class (a subclass of Vipps\Exception); returns the exception. */
zend_object *vipps_throw_last_as(zend_class_entry *ce, vipps_status status);
/* Throws Vipps\InvalidArgumentException (status VIPPS_ERR_INVALID_ARGUMENT) raised by the binding
   itself; the message names a field and never contains a value. */
void vipps_throw_invalid(const char *format, ...) ZEND_ATTRIBUTE_FORMAT(printf, 1, 2);

/* vipps_client.c */
/* Completes the registered Vipps\\Client: its object layout and handlers. */
void vipps_client_minit(zend_class_entry *client, zend_class_entry *token_store);
/* Frees the persistent clients (Client::persistent) at module shutdown. */
void vipps_client_mshutdown(void);

/* vipps_webhook.c */
void vipps_webhook_minit(zend_class_entry *webhook_refused);
/* The Client methods' work; each throws on failure (rv is then untouched). */
void vipps_client_register_webhook(vipps_client *client, zend_string *url, HashTable *events, zval *rv);
void vipps_client_webhooks(vipps_client *client, zval *rv);
void vipps_client_delete_webhook(vipps_client *client, zend_string *id);
void vipps_client_userinfo(vipps_client *client, zend_string *sub, zval *rv);

/* vipps_util.c: reading PHP values for the C ABI. Each returns false after throwing. */
/* A string without NUL bytes (the C ABI would silently cut it there). */
bool vipps_cstr_ok(const zend_string *s, const char *field);
/* config/params values: out receives a borrowed C string. */
bool vipps_zval_cstr(zval *value, const char *field, const char **out);
bool vipps_zval_long(zval *value, const char *field, zend_long *out);
bool vipps_zval_flag(zval *value, const char *field, int *out);
/* Adds a C string (or null for NULL) to an array under `key`. */
void vipps_add_str(zval *array, const char *key, const char *value);
/* One shipping option array (method_id, method, cost, is_default?, priority?). */
typedef struct {
    const char *method_id;
    const char *method;
    zend_long cost;
    int is_default;
    zend_long priority;
} vipps_shipping_option;
bool vipps_read_shipping_option(zval *value, const char *field, zend_long index, vipps_shipping_option *out);

#endif
