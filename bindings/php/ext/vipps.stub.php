<?php
/**
 * The API of the vipps extension, for IDEs and static analysers (not loaded by PHP; the
 * arginfo in the C files is written by hand to match it).
 * @generate-class-entries false
 */
namespace Vipps;

const STATE_UNKNOWN = 0;
const STATE_INITIATED = 1;
const STATE_RESERVED = 2;
const STATE_PARTIALLY_CAPTURED = 3;
const STATE_CAPTURED = 4;
const STATE_PARTIALLY_REFUNDED = 5;
const STATE_REFUNDED = 6;
const STATE_CANCELLED = 7;
const STATE_VOIDED = 8;
const STATE_FAILED = 9;
const STATE_EXPIRED = 10;
const VERSION = "0.2.0";

final class Client
{
    /** The amount for everything that remains (VIPPS_AMOUNT_REMAINING); 0 never means that. */
    public const REMAINING = PHP_INT_MIN;
    /** @param array{environment?: 'test'|'production', base_url?: string, client_id: string, client_secret: string, subscription_key: string, merchant_serial_number: string, ca_file?: ?string, timeouts?: array{connect_ms?: int, read_ms?: int, total_ms?: int}, retry?: array{max_attempts?: int, initial_backoff_ms?: int, max_backoff_ms?: int, call_deadline_ms?: int}, poll?: array{initial_delay_ms?: int, interval_ms?: int}, system_info?: array{system_name?: string, system_version?: string, plugin_name?: string, plugin_version?: string}} $config */
    public function __construct(#[\SensitiveParameter] array $config) {}
    /** @return array{order_id: string, url: string, token: ?string, json: string} */
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
    public function getHttpStatus(): int {}
    public function getErrorGroup(): ?string {}
    public function getErrorCode(): ?string {}
    public function getContextId(): ?string {}
    public function isRetryable(): bool {}
    public function isOutcomeUnknown(): bool {}
    public function getRequestId(): ?string {}
    public function getStatus(): int {}
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

function verify_callback(#[\SensitiveParameter] string $expected, #[\SensitiveParameter] ?string $header): bool {}
function parse_callback(string $body): array {}
function parse_shipping_request(string $body): array {}
/** @param list<array{method_id: string, method: string, cost: int, is_default?: bool, priority?: int}> $options */
function shipping_response_json(int $addressId, string $orderId, array $options): string {}
function consent_removal_user_id(string $path): string {}
function state_name(int $state): string {}
function library_version(): string {}
