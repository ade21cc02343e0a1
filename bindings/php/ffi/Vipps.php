<?php
/*
 * VippsFFI — libvipps through PHP's FFI, for hosts that cannot load the vipps extension.
 *
 * The same shape as the extension (ext/), under the namespace VippsFFI: Client with initiate,
 * details, wait, capture, refund, cancel, status and forceApprove; Exception and one subclass per
 * libvipps status category; verify_callback. The extension is the recommended binding: it needs
 * no FFI (php8.2 enables FFI only for preloading: ffi.enable=preload) and checks more.
 *
 * The library is found through FFI::scope('VIPPS') when vipps_ffi.h was preloaded (PHP-FPM:
 * ffi.preload + opcache.preload, see README.md), else loaded with FFI::cdef from the path in the
 * VIPPS_LIBRARY environment variable or the soname libvipps.so.0.
 */
declare(strict_types=1);

namespace VippsFFI;

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

/** The FFI instance: one per process. */
final class Library
{
    private static ?\FFI $ffi = null;

    public static function ffi(): \FFI
    {
        if (self::$ffi !== null) {
            return self::$ffi;
        }
        try {
            return self::$ffi = \FFI::scope('VIPPS');
        } catch (\FFI\Exception) {
            // Not preloaded: parse the declarations ourselves (the CLI allows this with ffi.enable=preload).
        }
        $declarations = preg_replace('/^#.*$/m', '', (string) file_get_contents(__DIR__ . '/vipps_ffi.h'));
        $library = getenv('VIPPS_LIBRARY') ?: 'libvipps.so.0';
        return self::$ffi = \FFI::cdef($declarations, $library);
    }

    /** Throws the exception for a failed call from vipps_error_last(). Call it at once. */
    public static function fail(int $status): never
    {
        throw Exception::fromLast($status);
    }

    public static function check(int $status): void
    {
        if ($status !== 0) {
            throw Exception::fromLast($status);
        }
    }

    /** A string for the C ABI: NUL bytes would cut it short there. */
    public static function cstr(mixed $value, string $field): string
    {
        if (!is_string($value)) {
            throw new InvalidArgumentException("$field must be a string, " . get_debug_type($value) . ' given', 1);
        }
        if (str_contains($value, "\0")) {
            throw new InvalidArgumentException("$field must not contain NUL bytes", 1);
        }
        return $value;
    }

    public static function int(mixed $value, string $field): int
    {
        if (!is_int($value)) {
            throw new InvalidArgumentException("$field must be an int, " . get_debug_type($value) . ' given', 1);
        }
        return $value;
    }

    public static function flag(mixed $value, string $field): int
    {
        if ($value === true || $value === 1) {
            return 1;
        }
        if ($value === false || $value === 0) {
            return 0;
        }
        throw new InvalidArgumentException("$field must be a bool", 1);
    }
}

class Exception extends \RuntimeException
{
    public function __construct(
        string $message = '',
        public readonly int $status = 0,
        public readonly int $httpStatus = 0,
        public readonly ?string $errorGroup = null,
        public readonly ?string $errorCode = null,
        public readonly ?string $contextId = null,
        public readonly bool $retryable = false,
        public readonly bool $outcomeUnknown = false,
        public readonly ?string $requestId = null,
    ) {
        parent::__construct($message, $status);
    }

    private const CLASSES = [
        1 => InvalidArgumentException::class, 2 => NotAllowedException::class, 10 => NetworkException::class,
        11 => TimeoutException::class, 12 => TLSException::class, 13 => ProtocolException::class,
        14 => OutcomeUnknownException::class, 20 => AuthenticationException::class, 21 => NotFoundException::class,
        22 => RejectedException::class, 23 => RateLimitedException::class, 24 => ServerException::class,
        99 => InternalException::class,
    ];

    /** The exception for `status` from the thread-local vipps_error_last(). */
    public static function fromLast(int $status): self
    {
        $ffi = Library::ffi();
        $e = $ffi->vipps_error_last();
        if ($e === null) {
            $class = self::CLASSES[$status] ?? self::class;
            return new $class((string) $ffi->vipps_status_string($status), $status);
        }
        $status = $ffi->vipps_error_status($e) ?: $status;
        $class = self::CLASSES[$status] ?? self::class;
        return new $class(
            (string) $ffi->vipps_error_message($e),
            $status,
            $ffi->vipps_error_http_status($e),
            $ffi->vipps_error_group($e),
            $ffi->vipps_error_code($e),
            $ffi->vipps_error_context_id($e),
            $ffi->vipps_error_is_retryable($e) !== 0,
            $ffi->vipps_error_outcome_unknown($e) !== 0,
            $ffi->vipps_error_request_id($e),
        );
    }

    public function getStatus(): int { return $this->status; }
    public function getHttpStatus(): int { return $this->httpStatus; }
    public function getErrorGroup(): ?string { return $this->errorGroup; }
    public function getErrorCode(): ?string { return $this->errorCode; }
    public function getContextId(): ?string { return $this->contextId; }
    public function isRetryable(): bool { return $this->retryable; }
    public function isOutcomeUnknown(): bool { return $this->outcomeUnknown; }
    public function getRequestId(): ?string { return $this->requestId; }
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

function verify_callback(#[\SensitiveParameter] string $expected, #[\SensitiveParameter] ?string $header): bool
{
    Library::cstr($expected, 'expected');
    if ($header !== null && str_contains($header, "\0")) {
        return false;
    }
    $status = Library::ffi()->vipps_callback_verify($expected, $header);
    if ($status === 0) {
        return true;
    }
    if ($status === 20) {
        return false;
    }
    Library::fail($status);
}

final class Client
{
    private \FFI $ffi;
    private ?\FFI\CData $client = null;

    public function __construct(#[\SensitiveParameter] array $config)
    {
        $this->ffi = $ffi = Library::ffi();
        $out = $ffi->new('vipps_config*');
        Library::check($ffi->vipps_config_new(\FFI::addr($out)));
        try {
            $this->configure($out, $config);
            $client = $ffi->new('vipps_client*');
            Library::check($ffi->vipps_client_new($out, \FFI::addr($client)));
            $this->client = $client;
        } finally {
            $ffi->vipps_config_free($out);
        }
    }

    public function __destruct()
    {
        if ($this->client !== null) {
            $this->ffi->vipps_client_free($this->client);
            $this->client = null;
        }
    }

    public function __clone()
    {
        throw new \Error('Trying to clone an uncloneable object of class ' . self::class);
    }

    private function configure(\FFI\CData $c, array $config): void
    {
        $ffi = $this->ffi;
        if (array_key_exists('environment', $config)) {
            $env = match ($config['environment']) {
                'test' => 0,
                'production' => 1,
                default => throw new InvalidArgumentException("config['environment'] must be 'test' or 'production'", 1),
            };
            Library::check($ffi->vipps_config_set_environment($c, $env));
        }
        $ints = static function (mixed $value, string $field, array $names, array $defaults): array {
            if (!is_array($value)) {
                throw new InvalidArgumentException("config['$field'] must be an array", 1);
            }
            foreach ($value as $k => $v) {
                if (!in_array($k, $names, true)) {
                    throw new InvalidArgumentException("config['$field'] has an unknown key", 1);
                }
                $defaults[$k] = Library::int($v, "config['$field']['$k']");
            }
            return array_values($defaults);
        };
        foreach ($config as $key => $value) {
            $field = "config['$key']";
            switch ($key) {
                case 'environment': break;
                case 'base_url': Library::check($ffi->vipps_config_set_base_url($c, Library::cstr($value, $field))); break;
                case 'client_id': Library::check($ffi->vipps_config_set_client_id($c, Library::cstr($value, $field))); break;
                case 'client_secret': Library::check($ffi->vipps_config_set_client_secret($c, Library::cstr($value, $field))); break;
                case 'subscription_key': Library::check($ffi->vipps_config_set_subscription_key($c, Library::cstr($value, $field))); break;
                case 'merchant_serial_number': Library::check($ffi->vipps_config_set_merchant_serial_number($c, Library::cstr($value, $field))); break;
                case 'ca_file': Library::check($ffi->vipps_config_set_ca_file($c, $value === null ? null : Library::cstr($value, $field))); break;
                case 'timeouts':
                    [$a, $b, $t] = $ints($value, 'timeouts', ['connect_ms', 'read_ms', 'total_ms'],
                                         ['connect_ms' => 5000, 'read_ms' => 10000, 'total_ms' => 30000]);
                    Library::check($ffi->vipps_config_set_timeouts($c, $a, $b, $t));
                    break;
                case 'retry':
                    [$n, $i, $m, $d] = $ints($value, 'retry', ['max_attempts', 'initial_backoff_ms', 'max_backoff_ms', 'call_deadline_ms'],
                                             ['max_attempts' => 4, 'initial_backoff_ms' => 250, 'max_backoff_ms' => 5000, 'call_deadline_ms' => 60000]);
                    if ($n < -2147483648 || $n > 2147483647) {
                        throw new InvalidArgumentException("config['retry']['max_attempts'] is out of range", 1);
                    }
                    Library::check($ffi->vipps_config_set_retry_policy($c, $n, $i, $m, $d));
                    break;
                case 'poll':
                    [$i, $n] = $ints($value, 'poll', ['initial_delay_ms', 'interval_ms'], ['initial_delay_ms' => 5000, 'interval_ms' => 2000]);
                    Library::check($ffi->vipps_config_set_poll_intervals($c, $i, $n));
                    break;
                case 'system_info':
                    if (!is_array($value)) {
                        throw new InvalidArgumentException("config['system_info'] must be an array", 1);
                    }
                    $names = ['system_name', 'system_version', 'plugin_name', 'plugin_version'];
                    $v = array_fill_keys($names, null);
                    foreach ($value as $k => $s) {
                        if (!in_array($k, $names, true)) {
                            throw new InvalidArgumentException("config['system_info'] has an unknown key", 1);
                        }
                        $v[$k] = Library::cstr($s, "config['system_info']['$k']");
                    }
                    Library::check($ffi->vipps_config_set_system_info($c, ...array_values($v)));
                    break;
                default:
                    throw new InvalidArgumentException(is_string($key) && strlen($key) <= 40 && !str_contains($key, "\0")
                        ? "config has an unknown key '$key'" : 'config has an unknown key', 1);
            }
        }
    }

    private function handle(): \FFI\CData
    {
        return $this->client ?? throw new \Error('VippsFFI\Client has not been constructed');
    }

    public function initiate(#[\SensitiveParameter] array $params): array
    {
        $ffi = $this->ffi;
        $client = $this->handle();
        $p = $ffi->new('vipps_initiate_params*');
        Library::check($ffi->vipps_initiate_params_new(\FFI::addr($p)));
        $out = $ffi->new('vipps_initiation*');
        try {
            $strings = ['order_id', 'transaction_text', 'callback_prefix', 'fallback_url', 'phone_number', 'auth_token',
                        'shipping_details_prefix', 'consent_removal_prefix', 'scope'];
            $flags = ['express', 'is_app', 'skip_landing_page'];
            foreach ($params as $key => $value) {
                $field = "params['$key']";
                if (in_array($key, $strings, true)) {
                    Library::check($ffi->{"vipps_initiate_params_set_$key"}($p, Library::cstr($value, $field)));
                } elseif (in_array($key, $flags, true)) {
                    Library::check($ffi->{"vipps_initiate_params_set_$key"}($p, Library::flag($value, $field)));
                } elseif ($key === 'amount') {
                    Library::check($ffi->vipps_initiate_params_set_amount($p, Library::int($value, $field)));
                } elseif ($key === 'static_shipping') {
                    if (!is_array($value)) {
                        throw new InvalidArgumentException("params['static_shipping'] must be a list of arrays", 1);
                    }
                    foreach (array_values($value) as $i => $o) {
                        if (!is_array($o) || !isset($o['method_id'], $o['method'], $o['cost'])) {
                            throw new InvalidArgumentException("params['static_shipping'][$i] needs method_id, method and cost", 1);
                        }
                        Library::check($ffi->vipps_initiate_params_add_static_shipping_option($p,
                            Library::cstr($o['method_id'], "params['static_shipping'][$i].method_id"),
                            Library::cstr($o['method'], "params['static_shipping'][$i].method"),
                            Library::int($o['cost'], "params['static_shipping'][$i].cost"),
                            Library::flag($o['is_default'] ?? false, "params['static_shipping'][$i].is_default"),
                            Library::int($o['priority'] ?? 0, "params['static_shipping'][$i].priority")));
                    }
                } else {
                    throw new InvalidArgumentException(is_string($key) && strlen($key) <= 40 && !str_contains($key, "\0")
                        ? "params has an unknown key '$key'" : 'params has an unknown key', 1);
                }
            }
            Library::check($ffi->vipps_payment_initiate($client, $p, \FFI::addr($out)));
        } finally {
            $ffi->vipps_initiate_params_free($p);
        }
        try {
            return [
                'order_id' => $ffi->vipps_initiation_order_id($out),
                'url' => $ffi->vipps_initiation_url($out),
                'token' => $ffi->vipps_initiation_token($out),
                'json' => $ffi->vipps_initiation_json($out),
            ];
        } finally {
            $ffi->vipps_initiation_free($out);
        }
    }

    public function details(string $orderId): array
    {
        $out = $this->ffi->new('vipps_payment*');
        $status = $this->ffi->vipps_payment_get_details($this->handle(), Library::cstr($orderId, 'order_id'), \FFI::addr($out));
        if ($status !== 0) {
            Library::fail($status);
        }
        return $this->payment($out);
    }

    public function wait(string $orderId, int $timeoutMs): array
    {
        $out = $this->ffi->new('vipps_payment*');
        $status = $this->ffi->vipps_payment_wait($this->handle(), Library::cstr($orderId, 'order_id'), $timeoutMs, \FFI::addr($out));
        if ($status !== 0) {
            Library::fail($status);
        }
        return $this->payment($out);
    }

    /** The amount for everything that remains (VIPPS_AMOUNT_REMAINING); 0 never means that. */
    public const REMAINING = PHP_INT_MIN;

    /**
     * `mixed`, checked here: an `int` parameter would take null, false, "12" or 0.99 from a
     * caller without strict_types, and a forgotten amount must never reach Vipps.
     * @param int $amount øre (100 or more), or self::REMAINING
     */
    public function capture(string $orderId, mixed $amount, string $text, ?string $idempotencyKey = null): array
    {
        return $this->money('vipps_payment_capture', $orderId, $amount, $text, $idempotencyKey);
    }

    /** @param int $amount øre (100 or more), or self::REMAINING */
    public function refund(string $orderId, mixed $amount, string $text, ?string $idempotencyKey = null): array
    {
        return $this->money('vipps_payment_refund', $orderId, $amount, $text, $idempotencyKey);
    }

    public function cancel(string $orderId, string $text, bool $releaseRemainingFunds = false): array
    {
        $out = $this->ffi->new('vipps_transaction*');
        $status = $this->ffi->vipps_payment_cancel($this->handle(), Library::cstr($orderId, 'order_id'),
            Library::cstr($text, 'transaction_text'), $releaseRemainingFunds ? 1 : 0, \FFI::addr($out));
        if ($status !== 0) {
            Library::fail($status);
        }
        return $this->transaction($out);
    }

    public function status(string $orderId): array
    {
        $out = $this->ffi->new('vipps_transaction*');
        $status = $this->ffi->vipps_payment_get_status($this->handle(), Library::cstr($orderId, 'order_id'), \FFI::addr($out));
        if ($status !== 0) {
            Library::fail($status);
        }
        return $this->transaction($out);
    }

    public function forceApprove(string $orderId, string $token, ?string $phone = null): void
    {
        $status = $this->ffi->vipps_payment_force_approve($this->handle(), Library::cstr($orderId, 'order_id'),
            $phone === null ? null : Library::cstr($phone, 'phone_number'), Library::cstr($token, 'token'));
        if ($status !== 0) {
            Library::fail($status);
        }
    }

    private function money(string $function, string $orderId, mixed $amount, string $text, ?string $key): array
    {
        if (!is_int($amount)) {
            throw new InvalidArgumentException('amount must be an int (øre, or Client::REMAINING), '
                . get_debug_type($amount) . ' given', 1);
        }
        $out = $this->ffi->new('vipps_transaction*');
        $status = $this->ffi->$function($this->handle(), Library::cstr($orderId, 'order_id'), $amount,
            Library::cstr($text, 'transaction_text'), $key === null ? null : Library::cstr($key, 'idempotency_key'),
            \FFI::addr($out));
        if ($status !== 0) {
            Library::fail($status);
        }
        return $this->transaction($out);
    }

    private function payment(\FFI\CData $p): array
    {
        $f = $this->ffi;
        try {
            $log = [];
            for ($i = 0, $n = $f->vipps_payment_log_count($p); $i < $n; $i++) {
                $log[] = [
                    'operation' => $f->vipps_payment_log_operation($p, $i),
                    'amount' => $f->vipps_payment_log_amount($p, $i),
                    'success' => $f->vipps_payment_log_success($p, $i) !== 0,
                    'transaction_id' => $f->vipps_payment_log_transaction_id($p, $i),
                    'transaction_text' => $f->vipps_payment_log_transaction_text($p, $i),
                    'timestamp' => $f->vipps_payment_log_timestamp($p, $i),
                    'request_id' => $f->vipps_payment_log_request_id($p, $i),
                ];
            }
            $state = $f->vipps_payment_state($p);
            return [
                'order_id' => $f->vipps_payment_order_id($p),
                'state' => $state,
                'state_name' => $f->vipps_state_string($state),
                'amount' => $f->vipps_payment_amount($p),
                'captured_amount' => $f->vipps_payment_captured_amount($p),
                'refunded_amount' => $f->vipps_payment_refunded_amount($p),
                'remaining_to_capture' => $f->vipps_payment_remaining_to_capture($p),
                'remaining_to_refund' => $f->vipps_payment_remaining_to_refund($p),
                'log' => $log,
                'json' => $f->vipps_payment_json($p),
            ];
        } finally {
            $f->vipps_payment_free($p);
        }
    }

    private function transaction(\FFI\CData $t): array
    {
        $f = $this->ffi;
        try {
            return [
                'order_id' => $f->vipps_transaction_order_id($t),
                'status' => $f->vipps_transaction_status($t),
                'amount' => $f->vipps_transaction_amount($t),
                'transaction_id' => $f->vipps_transaction_id($t),
                'transaction_text' => $f->vipps_transaction_text($t),
                'timestamp' => $f->vipps_transaction_timestamp($t),
                'captured_amount' => $f->vipps_transaction_captured_amount($t),
                'remaining_to_capture' => $f->vipps_transaction_remaining_to_capture($t),
                'refunded_amount' => $f->vipps_transaction_refunded_amount($t),
                'remaining_to_refund' => $f->vipps_transaction_remaining_to_refund($t),
                'request_id' => $f->vipps_transaction_request_id($t),
                'json' => $f->vipps_transaction_json($t),
            ];
        } finally {
            $f->vipps_transaction_free($t);
        }
    }
}
