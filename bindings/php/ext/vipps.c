/* vipps — PHP binding of libvipps (Vipps eCom v2). Module entry, namespace functions and
 * constants; Vipps\Client lives in vipps_client.c, the exceptions in vipps_exception.c. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "php_vipps.h"
#include "ext/standard/info.h"
#include "zend_attributes.h"
#include "ext/spl/spl_exceptions.h"
#include <openssl/crypto.h>
/* Generated from vipps.stub.php: arginfo, function tables, class and constant registration. */
#include "vipps_arginfo.h"

/* Vipps\verify_callback(string $expected, ?string $header): bool */
ZEND_FUNCTION(Vipps_verify_callback) {
    zend_string *expected, *header = NULL;
    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_STR(expected)
        Z_PARAM_STR_OR_NULL(header)
    ZEND_PARSE_PARAMETERS_END();
    if (!vipps_cstr_ok(expected, "expected")) RETURN_THROWS();
    /* A header with a NUL byte cannot be the token: a mismatch, not a caller mistake. */
    if (header && memchr(ZSTR_VAL(header), '\0', ZSTR_LEN(header))) RETURN_FALSE;
    vipps_status status = vipps_callback_verify(ZSTR_VAL(expected), header ? ZSTR_VAL(header) : NULL);
    if (status == VIPPS_OK) RETURN_TRUE;
    if (status == VIPPS_ERR_AUTHENTICATION) RETURN_FALSE;
    vipps_throw_last(status);
    RETURN_THROWS();
}

/* Vipps\parse_callback(string $body): array */
ZEND_FUNCTION(Vipps_parse_callback) {
    zend_string *body;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(body)
    ZEND_PARSE_PARAMETERS_END();
    if (!vipps_cstr_ok(body, "body")) RETURN_THROWS();
    vipps_callback *c = NULL;
    vipps_status status = vipps_callback_parse(ZSTR_VAL(body), &c);
    if (status != VIPPS_OK) { vipps_throw_last(status); RETURN_THROWS(); }
    array_init(return_value);
    vipps_add_str(return_value, "order_id", vipps_callback_order_id(c));
    vipps_add_str(return_value, "merchant_serial_number", vipps_callback_merchant_serial_number(c));
    vipps_add_str(return_value, "status", vipps_callback_status(c));
    add_assoc_long(return_value, "state", vipps_callback_state(c));
    add_assoc_string(return_value, "state_name", vipps_state_string(vipps_callback_state(c)));
    add_assoc_long(return_value, "amount", vipps_callback_amount(c));
    vipps_add_str(return_value, "transaction_id", vipps_callback_transaction_id(c));
    vipps_add_str(return_value, "timestamp", vipps_callback_timestamp(c));
    add_assoc_bool(return_value, "is_express", vipps_callback_is_express(c) != 0);
    vipps_add_str(return_value, "shipping_method_id", vipps_callback_shipping_method_id(c));
    vipps_add_str(return_value, "shipping_method", vipps_callback_shipping_method(c));
    add_assoc_long(return_value, "shipping_cost", vipps_callback_shipping_cost(c));
    vipps_add_str(return_value, "address_line1", vipps_callback_address_line1(c));
    vipps_add_str(return_value, "address_line2", vipps_callback_address_line2(c));
    vipps_add_str(return_value, "city", vipps_callback_city(c));
    vipps_add_str(return_value, "post_code", vipps_callback_post_code(c));
    vipps_add_str(return_value, "country", vipps_callback_country(c));
    vipps_add_str(return_value, "first_name", vipps_callback_first_name(c));
    vipps_add_str(return_value, "last_name", vipps_callback_last_name(c));
    vipps_add_str(return_value, "email", vipps_callback_email(c));
    vipps_add_str(return_value, "phone_number", vipps_callback_phone_number(c));
    vipps_add_str(return_value, "user_id", vipps_callback_user_id(c));
    vipps_add_str(return_value, "error_group", vipps_callback_error_group(c));
    vipps_add_str(return_value, "error_code", vipps_callback_error_code(c));
    vipps_add_str(return_value, "error_message", vipps_callback_error_message(c));
    vipps_add_str(return_value, "json", vipps_callback_json(c));
    vipps_callback_free(c);
}

/* Vipps\parse_shipping_request(string $body): array */
ZEND_FUNCTION(Vipps_parse_shipping_request) {
    zend_string *body;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(body)
    ZEND_PARSE_PARAMETERS_END();
    if (!vipps_cstr_ok(body, "body")) RETURN_THROWS();
    vipps_shipping_request *r = NULL;
    vipps_status status = vipps_shipping_request_parse(ZSTR_VAL(body), &r);
    if (status != VIPPS_OK) { vipps_throw_last(status); RETURN_THROWS(); }
    array_init(return_value);
    add_assoc_long(return_value, "address_id", vipps_shipping_request_address_id(r));
    vipps_add_str(return_value, "address_line1", vipps_shipping_request_address_line1(r));
    vipps_add_str(return_value, "address_line2", vipps_shipping_request_address_line2(r));
    vipps_add_str(return_value, "city", vipps_shipping_request_city(r));
    vipps_add_str(return_value, "post_code", vipps_shipping_request_post_code(r));
    vipps_add_str(return_value, "country", vipps_shipping_request_country(r));
    vipps_add_str(return_value, "address_type", vipps_shipping_request_address_type(r));
    vipps_shipping_request_free(r);
}

/* Vipps\shipping_response_json(int $addressId, string $orderId, array $options): string */
ZEND_FUNCTION(Vipps_shipping_response_json) {
    zend_long address_id;
    zend_string *order_id;
    HashTable *options;
    ZEND_PARSE_PARAMETERS_START(3, 3)
        Z_PARAM_LONG(address_id)
        Z_PARAM_STR(order_id)
        Z_PARAM_ARRAY_HT(options)
    ZEND_PARSE_PARAMETERS_END();
    if (!vipps_cstr_ok(order_id, "order_id")) RETURN_THROWS();
    vipps_shipping_response *response = NULL;
    vipps_status status = vipps_shipping_response_new(address_id, ZSTR_VAL(order_id), &response);
    if (status != VIPPS_OK) { vipps_throw_last(status); RETURN_THROWS(); }
    zval *item;
    zend_long index = 0;
    ZEND_HASH_FOREACH_VAL(options, item) {
        vipps_shipping_option o;
        if (!vipps_read_shipping_option(item, "options", index++, &o)) {
            vipps_shipping_response_free(response);
            RETURN_THROWS();
        }
        status = vipps_shipping_response_add_option(response, o.method_id, o.method, o.cost, o.is_default,
                                                    (int32_t)o.priority);
        if (status != VIPPS_OK) {
            vipps_throw_last(status);
            vipps_shipping_response_free(response);
            RETURN_THROWS();
        }
    } ZEND_HASH_FOREACH_END();
    char *json = NULL;
    status = vipps_shipping_response_encode(response, &json);
    if (status != VIPPS_OK) {
        vipps_throw_last(status);
        vipps_shipping_response_free(response);
        RETURN_THROWS();
    }
    vipps_shipping_response_free(response);
    RETVAL_STRING(json);
    vipps_string_free(json);
}

/* Vipps\consent_removal_user_id(string $path): string */
ZEND_FUNCTION(Vipps_consent_removal_user_id) {
    zend_string *path;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(path)
    ZEND_PARSE_PARAMETERS_END();
    if (!vipps_cstr_ok(path, "path")) RETURN_THROWS();
    char *user_id = NULL;
    vipps_status status = vipps_consent_removal_user_id(ZSTR_VAL(path), &user_id);
    if (status != VIPPS_OK) { vipps_throw_last(status); RETURN_THROWS(); }
    RETVAL_STRING(user_id);
    vipps_string_free(user_id);
}

/* Vipps\state_name(int $state): string */
ZEND_FUNCTION(Vipps_state_name) {
    zend_long state;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_LONG(state)
    ZEND_PARSE_PARAMETERS_END();
    if (state < INT32_MIN || state > INT32_MAX) state = VIPPS_STATE_UNKNOWN;
    RETURN_STRING(vipps_state_string((vipps_state)state));
}

/* Vipps\library_version(): string — the loaded libvipps (VIPPS_VERSION is the header's). */
ZEND_FUNCTION(Vipps_library_version) {
    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_STRING(vipps_version());
}

PHP_MINIT_FUNCTION(vipps) {
    /* A libvipps older than the header we were built with lacks functions; another major
       version changed the ABI. */
    int32_t loaded = vipps_version_number();
    if (loaded / 1000000 != VIPPS_VERSION_NUMBER / 1000000 || loaded < VIPPS_VERSION_NUMBER) {
        php_error_docref(NULL, E_WARNING, "vipps: built for libvipps %s but loaded libvipps %s", VIPPS_VERSION,
                         vipps_version());
        return FAILURE;
    }
    register_vipps_symbols(module_number);
    zend_class_entry *exception = register_class_Vipps_Exception(spl_ce_RuntimeException);
    zend_class_entry *authentication = register_class_Vipps_AuthenticationException(exception);
    vipps_exception_minit(exception, (vipps_exception_classes){
        .invalid_argument = register_class_Vipps_InvalidArgumentException(exception),
        .not_allowed = register_class_Vipps_NotAllowedException(exception),
        .network = register_class_Vipps_NetworkException(exception),
        .timeout = register_class_Vipps_TimeoutException(exception),
        .tls = register_class_Vipps_TLSException(exception),
        .protocol = register_class_Vipps_ProtocolException(exception),
        .outcome_unknown = register_class_Vipps_OutcomeUnknownException(exception),
        .authentication = authentication,
        .not_found = register_class_Vipps_NotFoundException(exception),
        .rejected = register_class_Vipps_RejectedException(exception),
        .rate_limited = register_class_Vipps_RateLimitedException(exception),
        .server = register_class_Vipps_ServerException(exception),
        .internal = register_class_Vipps_InternalException(exception),
    });
    vipps_client_minit(register_class_Vipps_Client(), register_class_Vipps_TokenStore());
    /* After vipps_exception_minit: it inherits the details' object handler from its parent. */
    vipps_webhook_minit(register_class_Vipps_WebhookRefusedException(authentication));
    return SUCCESS;
}

PHP_MSHUTDOWN_FUNCTION(vipps) {
    vipps_client_mshutdown();
    return SUCCESS;
}

PHP_MINFO_FUNCTION(vipps) {
    php_info_print_table_start();
    php_info_print_table_header(2, "vipps support", "enabled");
    php_info_print_table_row(2, "extension version", PHP_VIPPS_VERSION);
    php_info_print_table_row(2, "libvipps header version", VIPPS_VERSION);
    php_info_print_table_row(2, "libvipps library version", vipps_version());
    /* libvipps links libcrypto.so.3 dynamically; the process has one, so this is the OpenSSL
       that carries libvipps' TLS. */
    php_info_print_table_row(2, "OpenSSL", OpenSSL_version(OPENSSL_VERSION));
    php_info_print_table_end();
}

zend_module_entry vipps_module_entry = {
    STANDARD_MODULE_HEADER,
    "vipps",
    ext_functions,
    PHP_MINIT(vipps),
    PHP_MSHUTDOWN(vipps),
    NULL,
    NULL,
    PHP_MINFO(vipps),
    PHP_VIPPS_VERSION,
    STANDARD_MODULE_PROPERTIES
};

#ifdef COMPILE_DL_VIPPS
#ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
#endif
ZEND_GET_MODULE(vipps)
#endif
