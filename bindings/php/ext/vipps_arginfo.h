/* This is a generated file, edit vipps.stub.php and run scripts/generate-bindings.py.
 * Stub hash: 495a1aa8b22a6476e1dfad40999dd57d1432d897 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Vipps_verify_callback, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, expected, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, header, IS_STRING, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Vipps_parse_callback, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Vipps_verify_webhook, 0, 4, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, headers, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, registeredUrl, IS_STRING, 0)
	ZEND_ARG_TYPE_MASK(0, secrets, MAY_BE_STRING|MAY_BE_ARRAY, NULL)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, windowSeconds, IS_LONG, 0, "-1")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, now, IS_LONG, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, method, IS_STRING, 0, "\"POST\"")
ZEND_END_ARG_INFO()

#define arginfo_Vipps_parse_webhook_event arginfo_Vipps_parse_callback

#define arginfo_Vipps_parse_shipping_request arginfo_Vipps_parse_callback

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Vipps_shipping_response_json, 0, 3, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, addressId, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, orderId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, options, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Vipps_consent_removal_user_id, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Vipps_state_name, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, state, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Vipps_library_version, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Vipps_TokenStore_load, 0, 1, IS_ARRAY, 1)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Vipps_TokenStore_store, 0, 3, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, token, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, validForMs, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Vipps_TokenStore_claim, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, claimForMs, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Vipps_TokenStore_remove, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, token, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Vipps_Client___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, config, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Vipps_Client_persistent, 0, 1, Vipps\\Client, 0)
	ZEND_ARG_TYPE_INFO(0, config, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Vipps_Client_dropPersistent, 0, 0, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, config, IS_ARRAY, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Vipps_Client_persistentCount, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Vipps_Client_isPersistent, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Vipps_Client_initiate, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, params, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Vipps_Client_details, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, orderId, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Vipps_Client_wait, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, orderId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, timeoutMs, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Vipps_Client_capture, 0, 3, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, orderId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, amount, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, text, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, idempotencyKey, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_Vipps_Client_refund arginfo_class_Vipps_Client_capture

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Vipps_Client_cancel, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, orderId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, text, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, releaseRemainingFunds, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

#define arginfo_class_Vipps_Client_status arginfo_class_Vipps_Client_details

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Vipps_Client_forceApprove, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, orderId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, token, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, phone, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Vipps_Client_registerWebhook, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, url, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, events, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Vipps_Client_webhooks, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Vipps_Client_deleteWebhook, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Vipps_Client_userinfo, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, sub, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Vipps_Exception_getHttpStatus arginfo_class_Vipps_Client_persistentCount

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Vipps_Exception_getErrorGroup, 0, 0, IS_STRING, 1)
ZEND_END_ARG_INFO()

#define arginfo_class_Vipps_Exception_getErrorCode arginfo_class_Vipps_Exception_getErrorGroup

#define arginfo_class_Vipps_Exception_getContextId arginfo_class_Vipps_Exception_getErrorGroup

#define arginfo_class_Vipps_Exception_isRetryable arginfo_class_Vipps_Client_isPersistent

#define arginfo_class_Vipps_Exception_isOutcomeUnknown arginfo_class_Vipps_Client_isPersistent

#define arginfo_class_Vipps_Exception_getRequestId arginfo_class_Vipps_Exception_getErrorGroup

#define arginfo_class_Vipps_Exception_getStatus arginfo_class_Vipps_Client_persistentCount

#define arginfo_class_Vipps_Exception_getField arginfo_class_Vipps_Exception_getErrorGroup


ZEND_FUNCTION(Vipps_verify_callback);
ZEND_FUNCTION(Vipps_parse_callback);
ZEND_FUNCTION(Vipps_verify_webhook);
ZEND_FUNCTION(Vipps_parse_webhook_event);
ZEND_FUNCTION(Vipps_parse_shipping_request);
ZEND_FUNCTION(Vipps_shipping_response_json);
ZEND_FUNCTION(Vipps_consent_removal_user_id);
ZEND_FUNCTION(Vipps_state_name);
ZEND_FUNCTION(Vipps_library_version);
ZEND_METHOD(Vipps_Client, __construct);
ZEND_METHOD(Vipps_Client, persistent);
ZEND_METHOD(Vipps_Client, dropPersistent);
ZEND_METHOD(Vipps_Client, persistentCount);
ZEND_METHOD(Vipps_Client, isPersistent);
ZEND_METHOD(Vipps_Client, initiate);
ZEND_METHOD(Vipps_Client, details);
ZEND_METHOD(Vipps_Client, wait);
ZEND_METHOD(Vipps_Client, capture);
ZEND_METHOD(Vipps_Client, refund);
ZEND_METHOD(Vipps_Client, cancel);
ZEND_METHOD(Vipps_Client, status);
ZEND_METHOD(Vipps_Client, forceApprove);
ZEND_METHOD(Vipps_Client, registerWebhook);
ZEND_METHOD(Vipps_Client, webhooks);
ZEND_METHOD(Vipps_Client, deleteWebhook);
ZEND_METHOD(Vipps_Client, userinfo);
ZEND_METHOD(Vipps_Exception, getHttpStatus);
ZEND_METHOD(Vipps_Exception, getErrorGroup);
ZEND_METHOD(Vipps_Exception, getErrorCode);
ZEND_METHOD(Vipps_Exception, getContextId);
ZEND_METHOD(Vipps_Exception, isRetryable);
ZEND_METHOD(Vipps_Exception, isOutcomeUnknown);
ZEND_METHOD(Vipps_Exception, getRequestId);
ZEND_METHOD(Vipps_Exception, getStatus);
ZEND_METHOD(Vipps_Exception, getField);


static const zend_function_entry ext_functions[] = {
	ZEND_NS_FALIAS("Vipps", verify_callback, Vipps_verify_callback, arginfo_Vipps_verify_callback)
	ZEND_NS_FALIAS("Vipps", parse_callback, Vipps_parse_callback, arginfo_Vipps_parse_callback)
	ZEND_NS_FALIAS("Vipps", verify_webhook, Vipps_verify_webhook, arginfo_Vipps_verify_webhook)
	ZEND_NS_FALIAS("Vipps", parse_webhook_event, Vipps_parse_webhook_event, arginfo_Vipps_parse_webhook_event)
	ZEND_NS_FALIAS("Vipps", parse_shipping_request, Vipps_parse_shipping_request, arginfo_Vipps_parse_shipping_request)
	ZEND_NS_FALIAS("Vipps", shipping_response_json, Vipps_shipping_response_json, arginfo_Vipps_shipping_response_json)
	ZEND_NS_FALIAS("Vipps", consent_removal_user_id, Vipps_consent_removal_user_id, arginfo_Vipps_consent_removal_user_id)
	ZEND_NS_FALIAS("Vipps", state_name, Vipps_state_name, arginfo_Vipps_state_name)
	ZEND_NS_FALIAS("Vipps", library_version, Vipps_library_version, arginfo_Vipps_library_version)
	ZEND_FE_END
};


static const zend_function_entry class_Vipps_TokenStore_methods[] = {
	ZEND_ABSTRACT_ME_WITH_FLAGS(Vipps_TokenStore, load, arginfo_class_Vipps_TokenStore_load, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Vipps_TokenStore, store, arginfo_class_Vipps_TokenStore_store, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Vipps_TokenStore, claim, arginfo_class_Vipps_TokenStore_claim, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(Vipps_TokenStore, remove, arginfo_class_Vipps_TokenStore_remove, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_FE_END
};


static const zend_function_entry class_Vipps_Client_methods[] = {
	ZEND_ME(Vipps_Client, __construct, arginfo_class_Vipps_Client___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Vipps_Client, persistent, arginfo_class_Vipps_Client_persistent, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Vipps_Client, dropPersistent, arginfo_class_Vipps_Client_dropPersistent, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Vipps_Client, persistentCount, arginfo_class_Vipps_Client_persistentCount, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Vipps_Client, isPersistent, arginfo_class_Vipps_Client_isPersistent, ZEND_ACC_PUBLIC)
	ZEND_ME(Vipps_Client, initiate, arginfo_class_Vipps_Client_initiate, ZEND_ACC_PUBLIC)
	ZEND_ME(Vipps_Client, details, arginfo_class_Vipps_Client_details, ZEND_ACC_PUBLIC)
	ZEND_ME(Vipps_Client, wait, arginfo_class_Vipps_Client_wait, ZEND_ACC_PUBLIC)
	ZEND_ME(Vipps_Client, capture, arginfo_class_Vipps_Client_capture, ZEND_ACC_PUBLIC)
	ZEND_ME(Vipps_Client, refund, arginfo_class_Vipps_Client_refund, ZEND_ACC_PUBLIC)
	ZEND_ME(Vipps_Client, cancel, arginfo_class_Vipps_Client_cancel, ZEND_ACC_PUBLIC)
	ZEND_ME(Vipps_Client, status, arginfo_class_Vipps_Client_status, ZEND_ACC_PUBLIC)
	ZEND_ME(Vipps_Client, forceApprove, arginfo_class_Vipps_Client_forceApprove, ZEND_ACC_PUBLIC)
	ZEND_ME(Vipps_Client, registerWebhook, arginfo_class_Vipps_Client_registerWebhook, ZEND_ACC_PUBLIC)
	ZEND_ME(Vipps_Client, webhooks, arginfo_class_Vipps_Client_webhooks, ZEND_ACC_PUBLIC)
	ZEND_ME(Vipps_Client, deleteWebhook, arginfo_class_Vipps_Client_deleteWebhook, ZEND_ACC_PUBLIC)
	ZEND_ME(Vipps_Client, userinfo, arginfo_class_Vipps_Client_userinfo, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Vipps_Exception_methods[] = {
	ZEND_ME(Vipps_Exception, getHttpStatus, arginfo_class_Vipps_Exception_getHttpStatus, ZEND_ACC_PUBLIC)
	ZEND_ME(Vipps_Exception, getErrorGroup, arginfo_class_Vipps_Exception_getErrorGroup, ZEND_ACC_PUBLIC)
	ZEND_ME(Vipps_Exception, getErrorCode, arginfo_class_Vipps_Exception_getErrorCode, ZEND_ACC_PUBLIC)
	ZEND_ME(Vipps_Exception, getContextId, arginfo_class_Vipps_Exception_getContextId, ZEND_ACC_PUBLIC)
	ZEND_ME(Vipps_Exception, isRetryable, arginfo_class_Vipps_Exception_isRetryable, ZEND_ACC_PUBLIC)
	ZEND_ME(Vipps_Exception, isOutcomeUnknown, arginfo_class_Vipps_Exception_isOutcomeUnknown, ZEND_ACC_PUBLIC)
	ZEND_ME(Vipps_Exception, getRequestId, arginfo_class_Vipps_Exception_getRequestId, ZEND_ACC_PUBLIC)
	ZEND_ME(Vipps_Exception, getStatus, arginfo_class_Vipps_Exception_getStatus, ZEND_ACC_PUBLIC)
	ZEND_ME(Vipps_Exception, getField, arginfo_class_Vipps_Exception_getField, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Vipps_InvalidArgumentException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Vipps_NotAllowedException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Vipps_NetworkException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Vipps_TimeoutException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Vipps_TLSException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Vipps_ProtocolException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Vipps_OutcomeUnknownException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Vipps_AuthenticationException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Vipps_NotFoundException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Vipps_RejectedException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Vipps_RateLimitedException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Vipps_ServerException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Vipps_InternalException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Vipps_WebhookRefusedException_methods[] = {
	ZEND_FE_END
};

static void register_vipps_symbols(int module_number)
{
	REGISTER_LONG_CONSTANT("Vipps\\STATUS_OK", VIPPS_OK, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_OK == 0);
	REGISTER_LONG_CONSTANT("Vipps\\STATUS_INVALID_ARGUMENT", VIPPS_ERR_INVALID_ARGUMENT, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_ERR_INVALID_ARGUMENT == 1);
	REGISTER_LONG_CONSTANT("Vipps\\STATUS_NOT_ALLOWED", VIPPS_ERR_NOT_ALLOWED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_ERR_NOT_ALLOWED == 2);
	REGISTER_LONG_CONSTANT("Vipps\\STATUS_NETWORK", VIPPS_ERR_NETWORK, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_ERR_NETWORK == 10);
	REGISTER_LONG_CONSTANT("Vipps\\STATUS_TIMEOUT", VIPPS_ERR_TIMEOUT, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_ERR_TIMEOUT == 11);
	REGISTER_LONG_CONSTANT("Vipps\\STATUS_TLS", VIPPS_ERR_TLS, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_ERR_TLS == 12);
	REGISTER_LONG_CONSTANT("Vipps\\STATUS_PROTOCOL", VIPPS_ERR_PROTOCOL, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_ERR_PROTOCOL == 13);
	REGISTER_LONG_CONSTANT("Vipps\\STATUS_OUTCOME_UNKNOWN", VIPPS_ERR_OUTCOME_UNKNOWN, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_ERR_OUTCOME_UNKNOWN == 14);
	REGISTER_LONG_CONSTANT("Vipps\\STATUS_AUTHENTICATION", VIPPS_ERR_AUTHENTICATION, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_ERR_AUTHENTICATION == 20);
	REGISTER_LONG_CONSTANT("Vipps\\STATUS_NOT_FOUND", VIPPS_ERR_NOT_FOUND, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_ERR_NOT_FOUND == 21);
	REGISTER_LONG_CONSTANT("Vipps\\STATUS_REJECTED", VIPPS_ERR_REJECTED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_ERR_REJECTED == 22);
	REGISTER_LONG_CONSTANT("Vipps\\STATUS_RATE_LIMITED", VIPPS_ERR_RATE_LIMITED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_ERR_RATE_LIMITED == 23);
	REGISTER_LONG_CONSTANT("Vipps\\STATUS_SERVER", VIPPS_ERR_SERVER, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_ERR_SERVER == 24);
	REGISTER_LONG_CONSTANT("Vipps\\STATUS_INTERNAL", VIPPS_ERR_INTERNAL, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_ERR_INTERNAL == 99);
	REGISTER_LONG_CONSTANT("Vipps\\STATE_UNKNOWN", VIPPS_STATE_UNKNOWN, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_STATE_UNKNOWN == 0);
	REGISTER_LONG_CONSTANT("Vipps\\STATE_INITIATED", VIPPS_STATE_INITIATED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_STATE_INITIATED == 1);
	REGISTER_LONG_CONSTANT("Vipps\\STATE_RESERVED", VIPPS_STATE_RESERVED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_STATE_RESERVED == 2);
	REGISTER_LONG_CONSTANT("Vipps\\STATE_PARTIALLY_CAPTURED", VIPPS_STATE_PARTIALLY_CAPTURED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_STATE_PARTIALLY_CAPTURED == 3);
	REGISTER_LONG_CONSTANT("Vipps\\STATE_CAPTURED", VIPPS_STATE_CAPTURED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_STATE_CAPTURED == 4);
	REGISTER_LONG_CONSTANT("Vipps\\STATE_PARTIALLY_REFUNDED", VIPPS_STATE_PARTIALLY_REFUNDED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_STATE_PARTIALLY_REFUNDED == 5);
	REGISTER_LONG_CONSTANT("Vipps\\STATE_REFUNDED", VIPPS_STATE_REFUNDED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_STATE_REFUNDED == 6);
	REGISTER_LONG_CONSTANT("Vipps\\STATE_CANCELLED", VIPPS_STATE_CANCELLED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_STATE_CANCELLED == 7);
	REGISTER_LONG_CONSTANT("Vipps\\STATE_VOIDED", VIPPS_STATE_VOIDED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_STATE_VOIDED == 8);
	REGISTER_LONG_CONSTANT("Vipps\\STATE_FAILED", VIPPS_STATE_FAILED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_STATE_FAILED == 9);
	REGISTER_LONG_CONSTANT("Vipps\\STATE_EXPIRED", VIPPS_STATE_EXPIRED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_STATE_EXPIRED == 10);
	REGISTER_LONG_CONSTANT("Vipps\\ENV_TEST", VIPPS_ENV_TEST, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_ENV_TEST == 0);
	REGISTER_LONG_CONSTANT("Vipps\\ENV_PRODUCTION", VIPPS_ENV_PRODUCTION, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_ENV_PRODUCTION == 1);
	REGISTER_LONG_CONSTANT("Vipps\\ENV_CUSTOM", VIPPS_ENV_CUSTOM, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_ENV_CUSTOM == 2);
	REGISTER_LONG_CONSTANT("Vipps\\LOG_ERROR", VIPPS_LOG_ERROR, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_LOG_ERROR == 1);
	REGISTER_LONG_CONSTANT("Vipps\\LOG_WARNING", VIPPS_LOG_WARNING, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_LOG_WARNING == 2);
	REGISTER_LONG_CONSTANT("Vipps\\LOG_INFO", VIPPS_LOG_INFO, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_LOG_INFO == 3);
	REGISTER_LONG_CONSTANT("Vipps\\LOG_DEBUG", VIPPS_LOG_DEBUG, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_LOG_DEBUG == 4);
	REGISTER_LONG_CONSTANT("Vipps\\PAYMENT_API_ECOM", VIPPS_PAYMENT_API_ECOM, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_PAYMENT_API_ECOM == 0);
	REGISTER_LONG_CONSTANT("Vipps\\PAYMENT_API_EPAYMENT", VIPPS_PAYMENT_API_EPAYMENT, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_PAYMENT_API_EPAYMENT == 1);
	REGISTER_LONG_CONSTANT("Vipps\\TOKEN_STORE_OK", VIPPS_TOKEN_STORE_OK, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_TOKEN_STORE_OK == 0);
	REGISTER_LONG_CONSTANT("Vipps\\TOKEN_STORE_MISS", VIPPS_TOKEN_STORE_MISS, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_TOKEN_STORE_MISS == 1);
	REGISTER_LONG_CONSTANT("Vipps\\TOKEN_STORE_BUSY", VIPPS_TOKEN_STORE_BUSY, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_TOKEN_STORE_BUSY == 2);
	REGISTER_LONG_CONSTANT("Vipps\\TOKEN_STORE_ERROR", VIPPS_TOKEN_STORE_ERROR, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_TOKEN_STORE_ERROR == 3);
	REGISTER_LONG_CONSTANT("Vipps\\WEBHOOK_VERIFIED", VIPPS_WEBHOOK_VERIFIED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_WEBHOOK_VERIFIED == 0);
	REGISTER_LONG_CONSTANT("Vipps\\WEBHOOK_MISSING_DATE", VIPPS_WEBHOOK_MISSING_DATE, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_WEBHOOK_MISSING_DATE == 1);
	REGISTER_LONG_CONSTANT("Vipps\\WEBHOOK_MALFORMED_DATE", VIPPS_WEBHOOK_MALFORMED_DATE, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_WEBHOOK_MALFORMED_DATE == 2);
	REGISTER_LONG_CONSTANT("Vipps\\WEBHOOK_DATE_OUTSIDE_WINDOW", VIPPS_WEBHOOK_DATE_OUTSIDE_WINDOW, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_WEBHOOK_DATE_OUTSIDE_WINDOW == 3);
	REGISTER_LONG_CONSTANT("Vipps\\WEBHOOK_MISSING_CONTENT_HASH", VIPPS_WEBHOOK_MISSING_CONTENT_HASH, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_WEBHOOK_MISSING_CONTENT_HASH == 4);
	REGISTER_LONG_CONSTANT("Vipps\\WEBHOOK_MALFORMED_CONTENT_HASH", VIPPS_WEBHOOK_MALFORMED_CONTENT_HASH, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_WEBHOOK_MALFORMED_CONTENT_HASH == 5);
	REGISTER_LONG_CONSTANT("Vipps\\WEBHOOK_CONTENT_HASH_MISMATCH", VIPPS_WEBHOOK_CONTENT_HASH_MISMATCH, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_WEBHOOK_CONTENT_HASH_MISMATCH == 6);
	REGISTER_LONG_CONSTANT("Vipps\\WEBHOOK_MISSING_AUTHORIZATION", VIPPS_WEBHOOK_MISSING_AUTHORIZATION, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_WEBHOOK_MISSING_AUTHORIZATION == 7);
	REGISTER_LONG_CONSTANT("Vipps\\WEBHOOK_MALFORMED_AUTHORIZATION", VIPPS_WEBHOOK_MALFORMED_AUTHORIZATION, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_WEBHOOK_MALFORMED_AUTHORIZATION == 8);
	REGISTER_LONG_CONSTANT("Vipps\\WEBHOOK_SIGNATURE_MISMATCH", VIPPS_WEBHOOK_SIGNATURE_MISMATCH, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_WEBHOOK_SIGNATURE_MISMATCH == 9);
	REGISTER_LONG_CONSTANT("Vipps\\WEBHOOK_METHOD_NOT_POST", VIPPS_WEBHOOK_METHOD_NOT_POST, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_WEBHOOK_METHOD_NOT_POST == 10);
	REGISTER_LONG_CONSTANT("Vipps\\EVENT_UNKNOWN", VIPPS_EVENT_UNKNOWN, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_EVENT_UNKNOWN == 0);
	REGISTER_LONG_CONSTANT("Vipps\\EVENT_CREATED", VIPPS_EVENT_CREATED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_EVENT_CREATED == 1);
	REGISTER_LONG_CONSTANT("Vipps\\EVENT_ABORTED", VIPPS_EVENT_ABORTED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_EVENT_ABORTED == 2);
	REGISTER_LONG_CONSTANT("Vipps\\EVENT_EXPIRED", VIPPS_EVENT_EXPIRED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_EVENT_EXPIRED == 3);
	REGISTER_LONG_CONSTANT("Vipps\\EVENT_CANCELLED", VIPPS_EVENT_CANCELLED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_EVENT_CANCELLED == 4);
	REGISTER_LONG_CONSTANT("Vipps\\EVENT_CAPTURED", VIPPS_EVENT_CAPTURED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_EVENT_CAPTURED == 5);
	REGISTER_LONG_CONSTANT("Vipps\\EVENT_REFUNDED", VIPPS_EVENT_REFUNDED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_EVENT_REFUNDED == 6);
	REGISTER_LONG_CONSTANT("Vipps\\EVENT_AUTHORIZED", VIPPS_EVENT_AUTHORIZED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_EVENT_AUTHORIZED == 7);
	REGISTER_LONG_CONSTANT("Vipps\\EVENT_TERMINATED", VIPPS_EVENT_TERMINATED, CONST_PERSISTENT);
	ZEND_ASSERT(VIPPS_EVENT_TERMINATED == 8);
	REGISTER_STRING_CONSTANT("Vipps\\VERSION", VIPPS_VERSION, CONST_PERSISTENT);
	ZEND_ASSERT(strcmp(VIPPS_VERSION, "0.2.0") == 0);


	zend_add_parameter_attribute(zend_hash_str_find_ptr(CG(function_table), "vipps\\verify_callback", sizeof("vipps\\verify_callback") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(CG(function_table), "vipps\\verify_callback", sizeof("vipps\\verify_callback") - 1), 1, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(CG(function_table), "vipps\\verify_webhook", sizeof("vipps\\verify_webhook") - 1), 3, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);
}

static zend_class_entry *register_class_Vipps_TokenStore(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Vipps", "TokenStore", class_Vipps_TokenStore_methods);
	class_entry = zend_register_internal_interface(&ce);


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "store", sizeof("store") - 1), 1, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "remove", sizeof("remove") - 1), 1, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	return class_entry;
}

static zend_class_entry *register_class_Vipps_Client(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Vipps", "Client", class_Vipps_Client_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval const_REMAINING_value;
	ZVAL_LONG(&const_REMAINING_value, VIPPS_AMOUNT_REMAINING);
	zend_string *const_REMAINING_name = zend_string_init_interned("REMAINING", sizeof("REMAINING") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_REMAINING_name, &const_REMAINING_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_REMAINING_name);


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "__construct", sizeof("__construct") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "persistent", sizeof("persistent") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "droppersistent", sizeof("droppersistent") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "initiate", sizeof("initiate") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	return class_entry;
}

static zend_class_entry *register_class_Vipps_Exception(zend_class_entry *class_entry_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Vipps", "Exception", class_Vipps_Exception_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);

	zval property_httpStatus_default_value;
	ZVAL_UNDEF(&property_httpStatus_default_value);
	zend_string *property_httpStatus_name = zend_string_init("httpStatus", sizeof("httpStatus") - 1, 1);
	zend_declare_typed_property(class_entry, property_httpStatus_name, &property_httpStatus_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_httpStatus_name);

	zval property_errorGroup_default_value;
	ZVAL_UNDEF(&property_errorGroup_default_value);
	zend_string *property_errorGroup_name = zend_string_init("errorGroup", sizeof("errorGroup") - 1, 1);
	zend_declare_typed_property(class_entry, property_errorGroup_name, &property_errorGroup_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_errorGroup_name);

	zval property_errorCode_default_value;
	ZVAL_UNDEF(&property_errorCode_default_value);
	zend_string *property_errorCode_name = zend_string_init("errorCode", sizeof("errorCode") - 1, 1);
	zend_declare_typed_property(class_entry, property_errorCode_name, &property_errorCode_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_errorCode_name);

	zval property_contextId_default_value;
	ZVAL_UNDEF(&property_contextId_default_value);
	zend_string *property_contextId_name = zend_string_init("contextId", sizeof("contextId") - 1, 1);
	zend_declare_typed_property(class_entry, property_contextId_name, &property_contextId_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_contextId_name);

	zval property_retryable_default_value;
	ZVAL_UNDEF(&property_retryable_default_value);
	zend_string *property_retryable_name = zend_string_init("retryable", sizeof("retryable") - 1, 1);
	zend_declare_typed_property(class_entry, property_retryable_name, &property_retryable_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_retryable_name);

	zval property_outcomeUnknown_default_value;
	ZVAL_UNDEF(&property_outcomeUnknown_default_value);
	zend_string *property_outcomeUnknown_name = zend_string_init("outcomeUnknown", sizeof("outcomeUnknown") - 1, 1);
	zend_declare_typed_property(class_entry, property_outcomeUnknown_name, &property_outcomeUnknown_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_outcomeUnknown_name);

	zval property_requestId_default_value;
	ZVAL_UNDEF(&property_requestId_default_value);
	zend_string *property_requestId_name = zend_string_init("requestId", sizeof("requestId") - 1, 1);
	zend_declare_typed_property(class_entry, property_requestId_name, &property_requestId_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_requestId_name);

	zval property_status_default_value;
	ZVAL_UNDEF(&property_status_default_value);
	zend_string *property_status_name = zend_string_init("status", sizeof("status") - 1, 1);
	zend_declare_typed_property(class_entry, property_status_name, &property_status_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_status_name);

	zval property_field_default_value;
	ZVAL_UNDEF(&property_field_default_value);
	zend_string *property_field_name = zend_string_init("field", sizeof("field") - 1, 1);
	zend_declare_typed_property(class_entry, property_field_name, &property_field_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_field_name);

	return class_entry;
}

static zend_class_entry *register_class_Vipps_InvalidArgumentException(zend_class_entry *class_entry_Vipps_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Vipps", "InvalidArgumentException", class_Vipps_InvalidArgumentException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Vipps_Exception);

	return class_entry;
}

static zend_class_entry *register_class_Vipps_NotAllowedException(zend_class_entry *class_entry_Vipps_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Vipps", "NotAllowedException", class_Vipps_NotAllowedException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Vipps_Exception);

	return class_entry;
}

static zend_class_entry *register_class_Vipps_NetworkException(zend_class_entry *class_entry_Vipps_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Vipps", "NetworkException", class_Vipps_NetworkException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Vipps_Exception);

	return class_entry;
}

static zend_class_entry *register_class_Vipps_TimeoutException(zend_class_entry *class_entry_Vipps_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Vipps", "TimeoutException", class_Vipps_TimeoutException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Vipps_Exception);

	return class_entry;
}

static zend_class_entry *register_class_Vipps_TLSException(zend_class_entry *class_entry_Vipps_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Vipps", "TLSException", class_Vipps_TLSException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Vipps_Exception);

	return class_entry;
}

static zend_class_entry *register_class_Vipps_ProtocolException(zend_class_entry *class_entry_Vipps_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Vipps", "ProtocolException", class_Vipps_ProtocolException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Vipps_Exception);

	return class_entry;
}

static zend_class_entry *register_class_Vipps_OutcomeUnknownException(zend_class_entry *class_entry_Vipps_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Vipps", "OutcomeUnknownException", class_Vipps_OutcomeUnknownException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Vipps_Exception);

	return class_entry;
}

static zend_class_entry *register_class_Vipps_AuthenticationException(zend_class_entry *class_entry_Vipps_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Vipps", "AuthenticationException", class_Vipps_AuthenticationException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Vipps_Exception);

	return class_entry;
}

static zend_class_entry *register_class_Vipps_NotFoundException(zend_class_entry *class_entry_Vipps_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Vipps", "NotFoundException", class_Vipps_NotFoundException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Vipps_Exception);

	return class_entry;
}

static zend_class_entry *register_class_Vipps_RejectedException(zend_class_entry *class_entry_Vipps_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Vipps", "RejectedException", class_Vipps_RejectedException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Vipps_Exception);

	return class_entry;
}

static zend_class_entry *register_class_Vipps_RateLimitedException(zend_class_entry *class_entry_Vipps_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Vipps", "RateLimitedException", class_Vipps_RateLimitedException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Vipps_Exception);

	return class_entry;
}

static zend_class_entry *register_class_Vipps_ServerException(zend_class_entry *class_entry_Vipps_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Vipps", "ServerException", class_Vipps_ServerException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Vipps_Exception);

	return class_entry;
}

static zend_class_entry *register_class_Vipps_InternalException(zend_class_entry *class_entry_Vipps_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Vipps", "InternalException", class_Vipps_InternalException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Vipps_Exception);

	return class_entry;
}

static zend_class_entry *register_class_Vipps_WebhookRefusedException(zend_class_entry *class_entry_Vipps_AuthenticationException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Vipps", "WebhookRefusedException", class_Vipps_WebhookRefusedException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Vipps_AuthenticationException);

	zval property_reason_default_value;
	ZVAL_LONG(&property_reason_default_value, 0);
	zend_string *property_reason_name = zend_string_init("reason", sizeof("reason") - 1, 1);
	zend_declare_typed_property(class_entry, property_reason_name, &property_reason_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_reason_name);

	zval property_reasonCode_default_value;
	ZVAL_EMPTY_STRING(&property_reasonCode_default_value);
	zend_string *property_reasonCode_name = zend_string_init("reasonCode", sizeof("reasonCode") - 1, 1);
	zend_declare_typed_property(class_entry, property_reasonCode_name, &property_reasonCode_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_reasonCode_name);

	return class_entry;
}
