#define FFI_SCOPE "VIPPS"
#define FFI_LIB "libvipps.so.0"
/* The declarations of include/vipps.h that VippsFFI uses, without preprocessor lines or
   comments (FFI::cdef rejects them; FFI::load accepts only the two defines above). Keep in step
   with vipps.h: bindings/php/ffi/tests/ffi_payment.phpt checks every prototype against it. */

typedef int32_t vipps_status;
typedef int32_t vipps_environment;
typedef int32_t vipps_state;
typedef struct vipps_error vipps_error;
typedef struct vipps_config vipps_config;
typedef struct vipps_client vipps_client;
typedef struct vipps_initiate_params vipps_initiate_params;
typedef struct vipps_initiation vipps_initiation;
typedef struct vipps_payment vipps_payment;
typedef struct vipps_transaction vipps_transaction;

const char *vipps_version(void);
int32_t vipps_version_number(void);
const char *vipps_status_string(vipps_status status);
const char *vipps_state_string(vipps_state state);

const vipps_error *vipps_error_last(void);
vipps_status vipps_error_status(const vipps_error *error);
const char *vipps_error_message(const vipps_error *error);
int32_t vipps_error_http_status(const vipps_error *error);
const char *vipps_error_group(const vipps_error *error);
const char *vipps_error_code(const vipps_error *error);
const char *vipps_error_context_id(const vipps_error *error);
int vipps_error_is_retryable(const vipps_error *error);
int vipps_error_outcome_unknown(const vipps_error *error);
const char *vipps_error_request_id(const vipps_error *error);

vipps_status vipps_config_new(vipps_config **out);
void vipps_config_free(vipps_config *config);
vipps_status vipps_config_set_environment(vipps_config *config, vipps_environment environment);
vipps_status vipps_config_set_base_url(vipps_config *config, const char *base_url);
vipps_status vipps_config_set_client_id(vipps_config *config, const char *client_id);
vipps_status vipps_config_set_client_secret(vipps_config *config, const char *client_secret);
vipps_status vipps_config_set_subscription_key(vipps_config *config, const char *subscription_key);
vipps_status vipps_config_set_merchant_serial_number(vipps_config *config, const char *msn);
vipps_status vipps_config_set_system_info(vipps_config *config, const char *system_name, const char *system_version, const char *plugin_name, const char *plugin_version);
vipps_status vipps_config_set_timeouts(vipps_config *config, int64_t connect_ms, int64_t read_ms, int64_t total_ms);
vipps_status vipps_config_set_ca_file(vipps_config *config, const char *path);
vipps_status vipps_config_set_retry_policy(vipps_config *config, int32_t max_attempts, int64_t initial_backoff_ms, int64_t max_backoff_ms, int64_t call_deadline_ms);
vipps_status vipps_config_set_poll_intervals(vipps_config *config, int64_t initial_delay_ms, int64_t interval_ms);

vipps_status vipps_client_new(const vipps_config *config, vipps_client **out);
void vipps_client_free(vipps_client *client);

vipps_status vipps_initiate_params_new(vipps_initiate_params **out);
void vipps_initiate_params_free(vipps_initiate_params *params);
vipps_status vipps_initiate_params_set_order_id(vipps_initiate_params *params, const char *order_id);
vipps_status vipps_initiate_params_set_amount(vipps_initiate_params *params, int64_t amount);
vipps_status vipps_initiate_params_set_transaction_text(vipps_initiate_params *params, const char *text);
vipps_status vipps_initiate_params_set_callback_prefix(vipps_initiate_params *params, const char *url);
vipps_status vipps_initiate_params_set_fallback_url(vipps_initiate_params *params, const char *url);
vipps_status vipps_initiate_params_set_phone_number(vipps_initiate_params *params, const char *phone);
vipps_status vipps_initiate_params_set_auth_token(vipps_initiate_params *params, const char *auth_token);
vipps_status vipps_initiate_params_set_express(vipps_initiate_params *params, int express);
vipps_status vipps_initiate_params_set_shipping_details_prefix(vipps_initiate_params *params, const char *url);
vipps_status vipps_initiate_params_set_consent_removal_prefix(vipps_initiate_params *params, const char *url);
vipps_status vipps_initiate_params_add_static_shipping_option(vipps_initiate_params *params, const char *method_id, const char *method, int64_t cost, int is_default, int32_t priority);
vipps_status vipps_initiate_params_set_is_app(vipps_initiate_params *params, int is_app);
vipps_status vipps_initiate_params_set_skip_landing_page(vipps_initiate_params *params, int skip);
vipps_status vipps_initiate_params_set_scope(vipps_initiate_params *params, const char *scope);
vipps_status vipps_payment_initiate(vipps_client *client, const vipps_initiate_params *params, vipps_initiation **out);
const char *vipps_initiation_order_id(const vipps_initiation *initiation);
const char *vipps_initiation_url(const vipps_initiation *initiation);
const char *vipps_initiation_token(const vipps_initiation *initiation);
const char *vipps_initiation_json(const vipps_initiation *initiation);
void vipps_initiation_free(vipps_initiation *initiation);

vipps_status vipps_payment_get_details(vipps_client *client, const char *order_id, vipps_payment **out);
const char *vipps_payment_order_id(const vipps_payment *payment);
vipps_state vipps_payment_state(const vipps_payment *payment);
int64_t vipps_payment_amount(const vipps_payment *payment);
int64_t vipps_payment_captured_amount(const vipps_payment *payment);
int64_t vipps_payment_refunded_amount(const vipps_payment *payment);
int64_t vipps_payment_remaining_to_capture(const vipps_payment *payment);
int64_t vipps_payment_remaining_to_refund(const vipps_payment *payment);
const char *vipps_payment_json(const vipps_payment *payment);
size_t vipps_payment_log_count(const vipps_payment *payment);
const char *vipps_payment_log_operation(const vipps_payment *payment, size_t index);
int64_t vipps_payment_log_amount(const vipps_payment *payment, size_t index);
int vipps_payment_log_success(const vipps_payment *payment, size_t index);
const char *vipps_payment_log_transaction_id(const vipps_payment *payment, size_t index);
const char *vipps_payment_log_transaction_text(const vipps_payment *payment, size_t index);
const char *vipps_payment_log_timestamp(const vipps_payment *payment, size_t index);
const char *vipps_payment_log_request_id(const vipps_payment *payment, size_t index);
void vipps_payment_free(vipps_payment *payment);
vipps_status vipps_payment_wait(vipps_client *client, const char *order_id, int64_t timeout_ms, vipps_payment **out);

vipps_status vipps_payment_capture(vipps_client *client, const char *order_id, int64_t amount, const char *transaction_text, const char *idempotency_key, vipps_transaction **out);
vipps_status vipps_payment_refund(vipps_client *client, const char *order_id, int64_t amount, const char *transaction_text, const char *idempotency_key, vipps_transaction **out);
vipps_status vipps_payment_cancel(vipps_client *client, const char *order_id, const char *transaction_text, int release_remaining_funds, vipps_transaction **out);
vipps_status vipps_payment_get_status(vipps_client *client, const char *order_id, vipps_transaction **out);
const char *vipps_transaction_order_id(const vipps_transaction *transaction);
const char *vipps_transaction_status(const vipps_transaction *transaction);
int64_t vipps_transaction_amount(const vipps_transaction *transaction);
const char *vipps_transaction_id(const vipps_transaction *transaction);
const char *vipps_transaction_text(const vipps_transaction *transaction);
const char *vipps_transaction_timestamp(const vipps_transaction *transaction);
int64_t vipps_transaction_captured_amount(const vipps_transaction *transaction);
int64_t vipps_transaction_remaining_to_capture(const vipps_transaction *transaction);
int64_t vipps_transaction_refunded_amount(const vipps_transaction *transaction);
int64_t vipps_transaction_remaining_to_refund(const vipps_transaction *transaction);
const char *vipps_transaction_request_id(const vipps_transaction *transaction);
const char *vipps_transaction_json(const vipps_transaction *transaction);
void vipps_transaction_free(vipps_transaction *transaction);

vipps_status vipps_callback_verify(const char *expected_auth_token, const char *authorization_header);
vipps_status vipps_payment_force_approve(vipps_client *client, const char *order_id, const char *phone_number, const char *landing_token);
