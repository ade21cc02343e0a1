<?php
/**
 * The API of the vipps extension: php-src's gen_stub.php makes vipps_arginfo.h (arginfo,
 * function tables, class and constant registration) from it, through
 * scripts/generate-bindings.py, which also writes the constants block from include/vipps.h.
 * @generate-class-entries
 */
namespace Vipps;

// BEGIN GENERATED CONSTANTS (scripts/generate-bindings.py, from include/vipps.h)
/**
 * @var int
 * @cvalue VIPPS_OK
 */
const STATUS_OK = 0;
/**
 * @var int
 * @cvalue VIPPS_ERR_INVALID_ARGUMENT
 */
const STATUS_INVALID_ARGUMENT = 1;
/**
 * @var int
 * @cvalue VIPPS_ERR_NOT_ALLOWED
 */
const STATUS_NOT_ALLOWED = 2;
/**
 * @var int
 * @cvalue VIPPS_ERR_NETWORK
 */
const STATUS_NETWORK = 10;
/**
 * @var int
 * @cvalue VIPPS_ERR_TIMEOUT
 */
const STATUS_TIMEOUT = 11;
/**
 * @var int
 * @cvalue VIPPS_ERR_TLS
 */
const STATUS_TLS = 12;
/**
 * @var int
 * @cvalue VIPPS_ERR_PROTOCOL
 */
const STATUS_PROTOCOL = 13;
/**
 * @var int
 * @cvalue VIPPS_ERR_OUTCOME_UNKNOWN
 */
const STATUS_OUTCOME_UNKNOWN = 14;
/**
 * @var int
 * @cvalue VIPPS_ERR_AUTHENTICATION
 */
const STATUS_AUTHENTICATION = 20;
/**
 * @var int
 * @cvalue VIPPS_ERR_NOT_FOUND
 */
const STATUS_NOT_FOUND = 21;
/**
 * @var int
 * @cvalue VIPPS_ERR_REJECTED
 */
const STATUS_REJECTED = 22;
/**
 * @var int
 * @cvalue VIPPS_ERR_RATE_LIMITED
 */
const STATUS_RATE_LIMITED = 23;
/**
 * @var int
 * @cvalue VIPPS_ERR_SERVER
 */
const STATUS_SERVER = 24;
/**
 * @var int
 * @cvalue VIPPS_ERR_INTERNAL
 */
const STATUS_INTERNAL = 99;
/**
 * @var int
 * @cvalue VIPPS_STATE_UNKNOWN
 */
const STATE_UNKNOWN = 0;
/**
 * @var int
 * @cvalue VIPPS_STATE_INITIATED
 */
const STATE_INITIATED = 1;
/**
 * @var int
 * @cvalue VIPPS_STATE_RESERVED
 */
const STATE_RESERVED = 2;
/**
 * @var int
 * @cvalue VIPPS_STATE_PARTIALLY_CAPTURED
 */
const STATE_PARTIALLY_CAPTURED = 3;
/**
 * @var int
 * @cvalue VIPPS_STATE_CAPTURED
 */
const STATE_CAPTURED = 4;
/**
 * @var int
 * @cvalue VIPPS_STATE_PARTIALLY_REFUNDED
 */
const STATE_PARTIALLY_REFUNDED = 5;
/**
 * @var int
 * @cvalue VIPPS_STATE_REFUNDED
 */
const STATE_REFUNDED = 6;
/**
 * @var int
 * @cvalue VIPPS_STATE_CANCELLED
 */
const STATE_CANCELLED = 7;
/**
 * @var int
 * @cvalue VIPPS_STATE_VOIDED
 */
const STATE_VOIDED = 8;
/**
 * @var int
 * @cvalue VIPPS_STATE_FAILED
 */
const STATE_FAILED = 9;
/**
 * @var int
 * @cvalue VIPPS_STATE_EXPIRED
 */
const STATE_EXPIRED = 10;
/**
 * @var int
 * @cvalue VIPPS_ENV_TEST
 */
const ENV_TEST = 0;
/**
 * @var int
 * @cvalue VIPPS_ENV_PRODUCTION
 */
const ENV_PRODUCTION = 1;
/**
 * @var int
 * @cvalue VIPPS_ENV_CUSTOM
 */
const ENV_CUSTOM = 2;
/**
 * @var int
 * @cvalue VIPPS_LOG_ERROR
 */
const LOG_ERROR = 1;
/**
 * @var int
 * @cvalue VIPPS_LOG_WARNING
 */
const LOG_WARNING = 2;
/**
 * @var int
 * @cvalue VIPPS_LOG_INFO
 */
const LOG_INFO = 3;
/**
 * @var int
 * @cvalue VIPPS_LOG_DEBUG
 */
const LOG_DEBUG = 4;
/**
 * @var int
 * @cvalue VIPPS_PAYMENT_API_ECOM
 */
const PAYMENT_API_ECOM = 0;
/**
 * @var int
 * @cvalue VIPPS_PAYMENT_API_EPAYMENT
 */
const PAYMENT_API_EPAYMENT = 1;
/**
 * @var int
 * @cvalue VIPPS_TOKEN_STORE_OK
 */
const TOKEN_STORE_OK = 0;
/**
 * @var int
 * @cvalue VIPPS_TOKEN_STORE_MISS
 */
const TOKEN_STORE_MISS = 1;
/**
 * @var int
 * @cvalue VIPPS_TOKEN_STORE_BUSY
 */
const TOKEN_STORE_BUSY = 2;
/**
 * @var int
 * @cvalue VIPPS_TOKEN_STORE_ERROR
 */
const TOKEN_STORE_ERROR = 3;
/**
 * @var int
 * @cvalue VIPPS_WEBHOOK_VERIFIED
 */
const WEBHOOK_VERIFIED = 0;
/**
 * @var int
 * @cvalue VIPPS_WEBHOOK_MISSING_DATE
 */
const WEBHOOK_MISSING_DATE = 1;
/**
 * @var int
 * @cvalue VIPPS_WEBHOOK_MALFORMED_DATE
 */
const WEBHOOK_MALFORMED_DATE = 2;
/**
 * @var int
 * @cvalue VIPPS_WEBHOOK_DATE_OUTSIDE_WINDOW
 */
const WEBHOOK_DATE_OUTSIDE_WINDOW = 3;
/**
 * @var int
 * @cvalue VIPPS_WEBHOOK_MISSING_CONTENT_HASH
 */
const WEBHOOK_MISSING_CONTENT_HASH = 4;
/**
 * @var int
 * @cvalue VIPPS_WEBHOOK_MALFORMED_CONTENT_HASH
 */
const WEBHOOK_MALFORMED_CONTENT_HASH = 5;
/**
 * @var int
 * @cvalue VIPPS_WEBHOOK_CONTENT_HASH_MISMATCH
 */
const WEBHOOK_CONTENT_HASH_MISMATCH = 6;
/**
 * @var int
 * @cvalue VIPPS_WEBHOOK_MISSING_AUTHORIZATION
 */
const WEBHOOK_MISSING_AUTHORIZATION = 7;
/**
 * @var int
 * @cvalue VIPPS_WEBHOOK_MALFORMED_AUTHORIZATION
 */
const WEBHOOK_MALFORMED_AUTHORIZATION = 8;
/**
 * @var int
 * @cvalue VIPPS_WEBHOOK_SIGNATURE_MISMATCH
 */
const WEBHOOK_SIGNATURE_MISMATCH = 9;
/**
 * @var int
 * @cvalue VIPPS_WEBHOOK_METHOD_NOT_POST
 */
const WEBHOOK_METHOD_NOT_POST = 10;
/**
 * @var int
 * @cvalue VIPPS_EVENT_UNKNOWN
 */
const EVENT_UNKNOWN = 0;
/**
 * @var int
 * @cvalue VIPPS_EVENT_CREATED
 */
const EVENT_CREATED = 1;
/**
 * @var int
 * @cvalue VIPPS_EVENT_ABORTED
 */
const EVENT_ABORTED = 2;
/**
 * @var int
 * @cvalue VIPPS_EVENT_EXPIRED
 */
const EVENT_EXPIRED = 3;
/**
 * @var int
 * @cvalue VIPPS_EVENT_CANCELLED
 */
const EVENT_CANCELLED = 4;
/**
 * @var int
 * @cvalue VIPPS_EVENT_CAPTURED
 */
const EVENT_CAPTURED = 5;
/**
 * @var int
 * @cvalue VIPPS_EVENT_REFUNDED
 */
const EVENT_REFUNDED = 6;
/**
 * @var int
 * @cvalue VIPPS_EVENT_AUTHORIZED
 */
const EVENT_AUTHORIZED = 7;
/**
 * @var int
 * @cvalue VIPPS_EVENT_TERMINATED
 */
const EVENT_TERMINATED = 8;
/**
 * @var string
 * @cvalue VIPPS_VERSION
 */
const VERSION = "0.2.0";
// END GENERATED CONSTANTS

/** A store that shares the access token between processes and hosts (docs/token-sharing.md). */
interface TokenStore
{
    /** @return ?array{0: string, 1: int} the token under $key and how many more milliseconds it may be used, or null */
    public function load(string $key): ?array;
    /** Keeps $token under $key for $validForMs milliseconds and ends a claim on $key. */
    public function store(string $key, #[\SensitiveParameter] string $token, int $validForMs): bool;
    /** true: claimed for $claimForMs milliseconds (this process fetches); false: another holds a claim. */
    public function claim(string $key, int $claimForMs): bool;
    /** Deletes the token under $key if it is $token. */
    public function remove(string $key, #[\SensitiveParameter] string $token): void;
}

/**
 * @strict-properties
 * @not-serializable
 */
final class Client
{
    /**
     * The amount for everything that remains; 0 never means that.
     * @var int
     * @cvalue VIPPS_AMOUNT_REMAINING
     */
    public const REMAINING = UNKNOWN; // PHP_INT_MIN
    /** @param array{environment?: 'test'|'production', api?: 'ecom'|'epayment', base_url?: string, client_id: string, client_secret: string, subscription_key: string, merchant_serial_number: string, ca_file?: ?string, token_file_store?: ?string, token_store?: ?TokenStore, timeouts?: array{connect_ms?: int, read_ms?: int, total_ms?: int}, retry?: array{max_attempts?: int, initial_backoff_ms?: int, max_backoff_ms?: int, call_deadline_ms?: int}, poll?: array{initial_delay_ms?: int, interval_ms?: int}, system_info?: array{system_name?: string, system_version?: string, plugin_name?: string, plugin_version?: string}} $config */
    public function __construct(#[\SensitiveParameter] array $config) {}
    /** The worker's client for exactly this $config (every key and value), kept across requests with
     *  its access token and connections. $config takes no 'token_store' object. */
    public static function persistent(#[\SensitiveParameter] array $config): Client {}
    /** Forgets the persistent client of $config, or every one; returns how many. */
    public static function dropPersistent(#[\SensitiveParameter] ?array $config = null): int {}
    public static function persistentCount(): int {}
    public function isPersistent(): bool {}
    /** $params: as README.md says; ePayment adds currency, user_flow, customer_phone_number, customer_personal_qr,
     *  customer_token, expires_at, receipt_lines (list of array{id, name, total_amount, total_amount_excluding_tax,
     *  total_tax_amount, tax_rate, is_shipping?}), receipt_bottom_line (array{tip_amount?, pos_id?, receipt_number?}),
     *  qr_format, qr_size and idempotency_key.
     *  @return array{order_id: string, url: string, token: ?string, json: string, idempotency_key: ?string} */
    public function initiate(#[\SensitiveParameter] array $params): array {}
    /** @return array{order_id: string, state: int, state_name: string, amount: int, captured_amount: int, refunded_amount: int, remaining_to_capture: int, remaining_to_refund: int, log: list<array{operation: string, amount: int, success: bool, transaction_id: ?string, transaction_text: ?string, timestamp: ?string, request_id: ?string}>, json: string} */
    public function details(string $orderId): array {}
    public function wait(string $orderId, int $timeoutMs): array {}
    /** @param int $amount øre (100 or more), or self::REMAINING for everything that remains; anything else but an int is refused
     *  @return array{order_id: string, status: ?string, amount: int, transaction_id: ?string, transaction_text: ?string, timestamp: ?string, captured_amount: int, remaining_to_capture: int, refunded_amount: int, remaining_to_refund: int, request_id: ?string, json: string} */
    public function capture(string $orderId, mixed $amount, string $text, ?string $idempotencyKey = null): array {}
    /** @param int $amount øre (100 or more), or self::REMAINING for everything not yet refunded */
    public function refund(string $orderId, mixed $amount, string $text, ?string $idempotencyKey = null): array {}
    public function cancel(string $orderId, string $text, bool $releaseRemainingFunds = false): array {}
    public function status(string $orderId): array {}
    public function forceApprove(string $orderId, string $token, ?string $phone = null): void {}
    /**
     * ePayment's Webhooks API. Returns ["id" => ..., "secret" => ...]: the secret is shown only now.
     * @param list<string> $events
     */
    public function registerWebhook(string $url, array $events): array {}
    public function webhooks(): array {}
    public function deleteWebhook(string $id): void {}
    public function userinfo(string $sub): array {}
}

class Exception extends \RuntimeException
{
    public readonly int $httpStatus;
    public readonly ?string $errorGroup;
    public readonly ?string $errorCode;
    public readonly ?string $contextId;
    public readonly bool $retryable;
    public readonly bool $outcomeUnknown;
    public readonly ?string $requestId;
    public readonly int $status;
    /** For InvalidArgumentException raised by libvipps: the argument or setting it refused. */
    public readonly ?string $field;
    public function getHttpStatus(): int {}
    public function getErrorGroup(): ?string {}
    public function getErrorCode(): ?string {}
    public function getContextId(): ?string {}
    public function isRetryable(): bool {}
    public function isOutcomeUnknown(): bool {}
    public function getRequestId(): ?string {}
    public function getStatus(): int {}
    public function getField(): ?string {}
}
class InvalidArgumentException extends Exception {}
class NotAllowedException extends Exception {}
class NetworkException extends Exception {}
class TimeoutException extends Exception {}
class TLSException extends Exception {}
class ProtocolException extends Exception {}
class OutcomeUnknownException extends Exception {}
class AuthenticationException extends Exception {}
class NotFoundException extends Exception {}
class RejectedException extends Exception {}
class RateLimitedException extends Exception {}
class ServerException extends Exception {}
class InternalException extends Exception {}
/** A webhook that did not verify: $reason is a WEBHOOK_* constant, $reasonCode its stable word. */
class WebhookRefusedException extends AuthenticationException
{
    public int $reason = 0;
    public string $reasonCode = "";
}

function verify_callback(#[\SensitiveParameter] string $expected, #[\SensitiveParameter] ?string $header): bool {}
function parse_callback(string $body): array {}
/** @param array<string, string> $headers */
function verify_webhook(string $body, array $headers, string $registeredUrl, #[\SensitiveParameter] string|array $secrets, int $windowSeconds = -1, ?int $now = null, string $method = "POST"): array {}
function parse_webhook_event(string $body): array {}
function parse_shipping_request(string $body): array {}
/** @param list<array{method_id: string, method: string, cost: int, is_default?: bool, priority?: int}> $options */
function shipping_response_json(int $addressId, string $orderId, array $options): string {}
function consent_removal_user_id(string $path): string {}
function state_name(int $state): string {}
function library_version(): string {}
