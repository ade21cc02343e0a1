/*
 * vipps.h — the C interface of libvipps, a Vipps eCom v2 payment library.
 *
 * Read this file top to bottom: every function is documented where it is declared, and every
 * pointer says who owns it.
 *
 * CONVENTIONS
 *
 *   Status codes. Every function that can fail returns a vipps_status: VIPPS_OK (0) or one of
 *   the VIPPS_ERR_* codes below. Results come back through out-parameters, which are set to NULL
 *   (or 0) on entry, so a failed call never leaves a stale pointer behind.
 *
 *   Error details. After a failure, vipps_error_last() describes it on the calling thread (HTTP
 *   status, Vipps errorGroup / errorCode / contextId, whether a retry may help, whether the
 *   outcome at Vipps is unknown). vipps_client_last_error() gives the same for a client handle.
 *
 *   Strings. Strings passed in are UTF-8 and NUL-terminated (a string with an embedded NUL ends
 *   there: bindings for languages whose strings may hold NUL should refuse such input); the
 *   library copies what it keeps, so the caller may free them as soon as the call returns. Text
 *   from Vipps or a callback that holds U+0000 (which a C string cannot carry) is refused:
 *   VIPPS_ERR_PROTOCOL for an answer, VIPPS_ERR_INVALID_ARGUMENT for a callback.
 *
 *   Ownership follows the shape of a declaration, with no exception (docs/ABI.md):
 *     - `const char *vipps_<object>_<field>(const vipps_<object> *)` (an accessor, `_json`
 *       included) returns a string borrowed from the object: valid until the object is freed,
 *       never freed by the caller. NULL when the object has no such field.
 *     - `const char *vipps_<thing>_string(...)` and vipps_version() return static storage.
 *     - A `char **` out-parameter receives a new string: free it with vipps_string_free.
 *     - A `vipps_<object> **out` parameter receives a new object: free it with vipps_<object>_free.
 *
 *   Amounts are integer øre (1 NOK = 100 øre) in int64_t. "Everything that remains" is never
 *   0 (the value a forgotten or null amount becomes): it is spelled VIPPS_AMOUNT_REMAINING.
 *
 *   Compatibility. A symbol never changes meaning between versions: a new meaning gets a new
 *   name, and the old name then fails loudly (as amount 0 does since 0.2.0) instead of doing
 *   something else. A name that is replaced stays, marked VIPPS_DEPRECATED (the compiler says
 *   what to use instead), until the next major version. docs/ABI.md says what a minor release
 *   may change and when the soname moves; CHANGELOG.md lists what changed.
 *
 *   Threads. A vipps_client may be shared by any number of threads. Request objects
 *   (vipps_initiate_params) and result objects (vipps_initiation, vipps_payment) may be used by
 *   one thread at a time. The library starts no threads, installs no signal handlers and writes
 *   nothing to stderr, whatever the environment says (SWIFT_BACKTRACE included). It holds no lock
 *   while it waits for the network or calls the host (the log callback), so the log callback may
 *   call libvipps again, on the same client too. The first call that needs an access token
 *   fetches it; other threads that need one meanwhile wait for that fetch (each no longer than
 *   its own call deadline) and share its token or its error.
 *
 *   fork(). A child may use the clients it inherited, even if another thread of the parent was
 *   in the middle of a call when it forked: the child opens its own connections and fetches its
 *   own token (fork handlers registered with pthread_atfork take the library's locks around
 *   the fork, so none is copied in use). It never writes to its parent's connections; it closes the descriptors of the
 *   parent's idle connections at its first libvipps call, so a child that closes inherited
 *   descriptors and opens new ones before that call (closefrom() without exec) should first
 *   free the clients it inherited.
 *
 *   Unloading. The library is linked with -z nodelete: dlclose() leaves it mapped (a thread that
 *   exits later still runs its per-thread cleanup), and the host is otherwise unchanged.
 *
 *   Name resolution. Connecting resolves the host name with getaddrinfo(), which no timeout of
 *   libvipps bounds (bounding it would need a thread): a resolver that does not answer delays a
 *   call by what resolv.conf allows (timeout x attempts per name server). After a connect
 *   timeout on one address the next one is tried, each within a share of the connect timeout.
 *
 *   Safety. No input makes the library abort the process: NULL pointers, invalid UTF-8, values
 *   out of range, stale or freed handles (they give VIPPS_ERR_INVALID_ARGUMENT, also when a new
 *   object was created since) and hostile network data all give an error status.
 *
 *   Secrets. The client secret, subscription key, access token and callback authToken never
 *   appear in an error message or a log line. Values shorter than 4 characters cannot be told
 *   apart from ordinary text and are not removed (Vipps' keys are far longer; an authToken must
 *   have at least 4). Secrets are not wiped from memory after use: a core dump of the host
 *   contains them.
 */
#ifndef VIPPS_H
#define VIPPS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Every function of the interface is declared VIPPS_API: default visibility, so it is exported
   however the host or the library is compiled (-fvisibility=hidden included). */
#if defined(__GNUC__) || defined(__clang__)
#define VIPPS_API __attribute__((visibility("default")))
#else
#define VIPPS_API
#endif

/* VIPPS_DEPRECATED(message) marks a function that a newer one replaces: it keeps its meaning
   until the next major version, and the compiler warns where it is called, naming the
   replacement. A program that must keep calling it (a test of the old name) defines
   VIPPS_NO_DEPRECATION_WARNINGS before including vipps.h. */
#if defined(VIPPS_NO_DEPRECATION_WARNINGS)
#define VIPPS_DEPRECATED(message)
#elif defined(__GNUC__) || defined(__clang__)
#define VIPPS_DEPRECATED(message) __attribute__((deprecated(message)))
#else
#define VIPPS_DEPRECATED(message)
#endif

/* ------------------------------------------------------------------------------------------ */
/* Version                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* The version of this header (stamped from the repository's VERSION file). Compare with
   vipps_version_number() to detect a mismatched .so. */
#define VIPPS_VERSION        "0.2.0"
#define VIPPS_VERSION_NUMBER 2000 /* major * 1000000 + minor * 1000 + patch */

/* The library's version as text, e.g. "0.2.0". Static storage: never free it. */
VIPPS_API const char *vipps_version(void);

/* The library's version as VIPPS_VERSION_NUMBER computes it. */
VIPPS_API int32_t vipps_version_number(void);

/* ------------------------------------------------------------------------------------------ */
/* Status codes                                                                               */
/* ------------------------------------------------------------------------------------------ */

typedef int32_t vipps_status;

enum {
    VIPPS_OK = 0,
    /* A caller mistake: NULL where a value is required, a malformed or out-of-range value, a
       missing required field. Nothing was sent. The message names the field. */
    VIPPS_ERR_INVALID_ARGUMENT = 1,
    /* The library refuses the operation in this configuration (for example force approve in
       production). Nothing was sent. */
    VIPPS_ERR_NOT_ALLOWED = 2,
    /* No connection could be made (DNS, refused, unreachable) or it broke before the request
       was sent. Safe to retry. */
    VIPPS_ERR_NETWORK = 10,
    /* A deadline passed on a request that changes nothing at Vipps (for example details).
       Safe to retry. */
    VIPPS_ERR_TIMEOUT = 11,
    /* The TLS handshake failed: the certificate did not verify, the host name did not match,
       or the server does not speak TLS 1.2+. Not retried; the message says why. */
    VIPPS_ERR_TLS = 12,
    /* The answer was not valid HTTP or not the JSON Vipps documents. */
    VIPPS_ERR_PROTOCOL = 13,
    /* A request that changes a payment (initiate, capture, cancel, refund, approve) may or may
       not have taken effect: it was sent, but no complete answer came back. Read the payment's
       details (vipps_payment_get_details) to learn what happened before doing anything else. */
    VIPPS_ERR_OUTCOME_UNKNOWN = 14,
    /* Vipps refused the credentials (HTTP 401/403): client id, secret, subscription key or MSN. */
    VIPPS_ERR_AUTHENTICATION = 20,
    /* Vipps does not know the order (HTTP 404, Merchant error 35). */
    VIPPS_ERR_NOT_FOUND = 21,
    /* Vipps refused the request (HTTP 4xx): invalid field, wrong payment state, duplicate order
       id, ... vipps_error_group() and vipps_error_code() say which. Retrying will not help. */
    VIPPS_ERR_REJECTED = 22,
    /* Vipps' rate limit (HTTP 429). Retry later. */
    VIPPS_ERR_RATE_LIMITED = 23,
    /* Vipps had a server error (HTTP 5xx). Retry later. */
    VIPPS_ERR_SERVER = 24,
    /* A bug in libvipps. Please report it with the message. */
    VIPPS_ERR_INTERNAL = 99
};

/* A short English description of a status, e.g. "outcome unknown". Static storage; never NULL. */
VIPPS_API const char *vipps_status_string(vipps_status status);

/* ------------------------------------------------------------------------------------------ */
/* Errors                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* The details of one failure. */
typedef struct vipps_error vipps_error;

/* The error of the most recent libvipps call on this thread that returned a status, or NULL if
   that call succeeded. Owned by the library: do not free it; valid until the next call on this
   thread of a function that returns a vipps_status (the vipps_error_* accessors below do not
   count: reading an error never replaces it). */
VIPPS_API const vipps_error *vipps_error_last(void);

/* The accessors below accept NULL and then return 0 / NULL. Returned strings are owned by the
   error object. */

/* The status the failing call returned. */
VIPPS_API vipps_status vipps_error_status(const vipps_error *error);
/* A message for people (never NULL for a non-NULL error), e.g.
   "Vipps does not know this order (HTTP 404, Merchant 35): The orderId 'x' does not exist ...". */
VIPPS_API const char *vipps_error_message(const vipps_error *error);
/* The HTTP status of Vipps' answer, or 0 if no answer arrived. */
VIPPS_API int32_t vipps_error_http_status(const vipps_error *error);
/* Vipps' errorGroup as Vipps spelled it ("Payment", "Merchant", "InvalidRequest", "VippsError",
   "User", "Authentication"), or NULL. Compare case-insensitively: Vipps' casing varies. */
VIPPS_API const char *vipps_error_group(const vipps_error *error);
/* Vipps' errorCode as text ("35"; for InvalidRequest the field name), or NULL. */
VIPPS_API const char *vipps_error_code(const vipps_error *error);
/* Vipps' contextId, to quote to Vipps support, or NULL. */
VIPPS_API const char *vipps_error_context_id(const vipps_error *error);
/* 1 if repeating the same call may succeed (network trouble, 429, 5xx), else 0. */
VIPPS_API int vipps_error_is_retryable(const vipps_error *error);
/* 1 if the operation may or may not have happened at Vipps (status VIPPS_ERR_OUTCOME_UNKNOWN). */
VIPPS_API int vipps_error_outcome_unknown(const vipps_error *error);
/* For VIPPS_ERR_INVALID_ARGUMENT: the name of the argument or setting that was refused, the word
   the message starts with ("amount", "order_id", "connect_timeout_ms", "client_id"), so that a
   program can point at the input to fix without parsing the message. NULL for other statuses
   and when no single argument is to blame. */
VIPPS_API const char *vipps_error_field(const vipps_error *error);
/* The X-Request-Id (idempotency key) a capture or refund used, or NULL. After
   VIPPS_ERR_OUTCOME_UNKNOWN, call the same operation again with this key: Vipps applies it at most
   once. */
VIPPS_API const char *vipps_error_request_id(const vipps_error *error);

/* Frees an error obtained from vipps_client_last_error(). NULL is allowed. Never pass the
   pointer from vipps_error_last(). */
VIPPS_API void vipps_error_free(vipps_error *error);

/* ------------------------------------------------------------------------------------------ */
/* Configuration                                                                              */
/* ------------------------------------------------------------------------------------------ */

/* Settings for creating clients. Create one, set what you need, create clients from it, free it.
   A client copies the configuration, so it may be freed (or changed) right after
   vipps_client_new. Not thread-safe: configure from one thread. */
typedef struct vipps_config vipps_config;

/* Which Vipps to talk to. */
typedef int32_t vipps_environment;
enum {
    VIPPS_ENV_TEST = 0,       /* https://apitest.vipps.no (the default) */
    VIPPS_ENV_PRODUCTION = 1, /* https://api.vipps.no — real money */
    VIPPS_ENV_CUSTOM = 2      /* the URL given to vipps_config_set_base_url, e.g. a vipps-sim */
};

/* Creates a configuration with the defaults: test environment, system CA store, timeouts
   connect 5 s / read 10 s / total 30 s, Vipps-System-* headers naming libvipps.
   *out receives the new object (free it with vipps_config_free). */
VIPPS_API vipps_status vipps_config_new(vipps_config **out);

/* Frees a configuration. NULL is allowed. */
VIPPS_API void vipps_config_free(vipps_config *config);

/* VIPPS_ENV_TEST or VIPPS_ENV_PRODUCTION. VIPPS_ENV_CUSTOM is set by vipps_config_set_base_url.
   After vipps_config_set_base_url this is VIPPS_ERR_INVALID_ARGUMENT (the URL would be dropped). */
VIPPS_API vipps_status vipps_config_set_environment(vipps_config *config, vipps_environment environment);

/* A custom base URL such as "https://127.0.0.1:8443" (a vipps-sim). Selects VIPPS_ENV_CUSTOM.
   http:// is accepted only here, because the caller wrote it; never for production: after
   vipps_config_set_environment(VIPPS_ENV_PRODUCTION) this is VIPPS_ERR_INVALID_ARGUMENT.
   Also refused: user information, a query or fragment, spaces or control characters in the
   path, and IPv4 addresses written other than as a.b.c.d in decimal without leading zeros
   (the resolver would read "010" as octal). */
VIPPS_API vipps_status vipps_config_set_base_url(vipps_config *config, const char *base_url);

/* Which of Vipps' payment APIs a client speaks. The same functions work on both: initiate,
   details, wait, capture, refund, cancel, force approve, the payment object and the
   transaction object. An ePayment client also reads, captures, refunds and cancels payments
   that were initiated on eCom, so a shop migrates by switching this one setting ("create
   last": switch once no new eCom payment is needed). On ePayment:
   - the order id is ePayment's reference: 8 to 64 characters of a-z, A-Z, 0-9 and '-' to
     initiate (eCom: 1 to 50); 1 to 64 to read or modify, so eCom orders stay reachable;
   - the transaction text of initiate is the payment description (3 to 100 characters); capture,
     refund and cancel have no text on ePayment: theirs is accepted and ignored;
   - the fallback URL is the return URL (required unless the customer is pushed to);
     skip_landing_page is the PUSH_MESSAGE user flow, is_app NATIVE_REDIRECT, else WEB_REDIRECT;
   - an 8-digit phone number is Norwegian (47 is put in front);
   - callback prefix and auth token are accepted and ignored (ePayment notifies by webhooks);
     express checkout is VIPPS_ERR_INVALID_ARGUMENT;
   - cancel always releases what is not captured (release_remaining_funds is ignored);
   - capture, refund, cancel and initiate carry an Idempotency-Key; the transaction's request id
     is that key.
   The state mapping is in the table at vipps_state. */
typedef int32_t vipps_payment_api;
enum {
    VIPPS_PAYMENT_API_ECOM = 0,     /* eCom v2 (the default): Norway, NOK */
    VIPPS_PAYMENT_API_EPAYMENT = 1  /* ePayment v1: Vipps and MobilePay, NOK, DKK, EUR */
};

/* Selects the payment API of the clients made from this configuration. Anything else than the
   two values above is VIPPS_ERR_INVALID_ARGUMENT. */
VIPPS_API vipps_status vipps_config_set_payment_api(vipps_config *config, vipps_payment_api api);

/* The API keys from the Vipps portal. All three are required. */
VIPPS_API vipps_status vipps_config_set_client_id(vipps_config *config, const char *client_id);
VIPPS_API vipps_status vipps_config_set_client_secret(vipps_config *config, const char *client_secret);
VIPPS_API vipps_status vipps_config_set_subscription_key(vipps_config *config, const char *subscription_key);

/* The merchant serial number (MSN, 5 or 6 digits). Required. */
VIPPS_API vipps_status vipps_config_set_merchant_serial_number(vipps_config *config, const char *msn);

/* The Vipps-System-Name / -Version / -Plugin-Name / -Plugin-Version headers (at most 30
   printable ASCII characters each). NULL keeps the current value (default "libvipps" and the
   library version). */
VIPPS_API vipps_status vipps_config_set_system_info(vipps_config *config, const char *system_name,
                                                    const char *system_version, const char *plugin_name,
                                                    const char *plugin_version);

/* Timeouts in milliseconds, each 1..3600000: connect (TCP + TLS handshake, default 5000),
   read (longest silence while waiting for Vipps, default 10000), total (a whole request,
   default 30000). Vipps recommends connect >= 1000 and read >= 5000. Each setter sets one value
   and leaves the others as they are. */
VIPPS_API vipps_status vipps_config_set_connect_timeout(vipps_config *config, int64_t connect_ms);
VIPPS_API vipps_status vipps_config_set_read_timeout(vipps_config *config, int64_t read_ms);
VIPPS_API vipps_status vipps_config_set_total_timeout(vipps_config *config, int64_t total_ms);
/* All three at once (nothing is changed when one is out of range). */
VIPPS_API vipps_status vipps_config_set_timeouts(vipps_config *config, int64_t connect_ms, int64_t read_ms,
                                                 int64_t total_ms);

/* A PEM file of CA certificates to trust instead of the system store (for example the CA that
   vipps-sim prints at start-up). NULL goes back to the system store. */
VIPPS_API vipps_status vipps_config_set_ca_file(vipps_config *config, const char *path);

/* Retries. A call is repeated only when that is safe: connection failures before the request
   was sent, HTTP 429 (after Retry-After), HTTP 5xx and VippsError 94 for reads and for capture
   and refund (which carry an idempotency key). Business errors (4xx) and TLS failures are never
   retried. Waits grow exponentially from initial_backoff_ms to max_backoff_ms, with jitter.
   max_attempts counts the first try (1 = no retries, at most 20); call_deadline_ms bounds the
   whole call, waits included, and the details reads and resends with which initiate and cancel
   resolve a lost answer. Defaults: 4 attempts, 250 ms, 5000 ms, 60000 ms.
   Each of the first four setters sets one value and leaves the others as they are; ranges:
   max_attempts 1..20, initial_backoff_ms 0..60000, max_backoff_ms 0..300000, call_deadline_ms
   1..3600000. That max_backoff_ms is at least initial_backoff_ms is checked by vipps_client_new,
   so the setters may be called in any order. vipps_config_set_retry_policy sets all four at
   once (nothing is changed when one is refused, the relation included). */
VIPPS_API vipps_status vipps_config_set_max_attempts(vipps_config *config, int32_t max_attempts);
VIPPS_API vipps_status vipps_config_set_initial_backoff(vipps_config *config, int64_t initial_backoff_ms);
VIPPS_API vipps_status vipps_config_set_max_backoff(vipps_config *config, int64_t max_backoff_ms);
VIPPS_API vipps_status vipps_config_set_call_deadline(vipps_config *config, int64_t call_deadline_ms);
VIPPS_API vipps_status vipps_config_set_retry_policy(vipps_config *config, int32_t max_attempts,
                                                     int64_t initial_backoff_ms, int64_t max_backoff_ms,
                                                     int64_t call_deadline_ms);

/* How vipps_payment_wait polls: first after initial_delay_ms (0..600000, default 5000, as Vipps
   asks), then every interval_ms (100..600000, default 2000). The first two set one value each;
   vipps_config_set_poll_intervals sets both (neither when one is out of range). */
VIPPS_API vipps_status vipps_config_set_poll_initial_delay(vipps_config *config, int64_t initial_delay_ms);
VIPPS_API vipps_status vipps_config_set_poll_interval(vipps_config *config, int64_t interval_ms);
VIPPS_API vipps_status vipps_config_set_poll_intervals(vipps_config *config, int64_t initial_delay_ms,
                                                       int64_t interval_ms);

/* Log levels. */
enum {
    VIPPS_LOG_ERROR = 1,
    VIPPS_LOG_WARNING = 2, /* retries, outcome-unknown resolution */
    VIPPS_LOG_INFO = 3,    /* one line per request: method, path, status, duration, attempt */
    VIPPS_LOG_DEBUG = 4    /* request and response bodies, masked */
};

/* Receives one log line. message is valid only during the call. Called on the thread that made
   the libvipps call, with no library lock held: it may call libvipps (the same client too), but
   it must not free the client. */
typedef void (*vipps_log_fn)(void *user_data, int32_t level, const char *message);

/* Sends log lines up to `level` to `callback` (NULL turns logging off, the default). Secrets
   never appear in log lines. Personal data in bodies (names, phone numbers, e-mail, addresses,
   user ids) is masked unless include_personal_data is 1. */
VIPPS_API vipps_status vipps_config_set_log_callback(vipps_config *config, vipps_log_fn callback, void *user_data,
                                                     int32_t level, int include_personal_data);

/* ------------------------------------------------------------------------------------------ */
/* Token store                                                                                */
/* ------------------------------------------------------------------------------------------ */

/* Both APIs (one access token serves eCom and ePayment). Without a token store every client
   fetches its own access token and keeps it in memory. With one, the processes of a host (the
   built-in file store) or of many hosts (a store the host writes, on Redis for example) share one
   token per set of API keys and make one token fetch per token lifetime between them: a client
   that finds no token claims the right to fetch for a while, fetches, and stores the token; the
   others wait for it. The library still fetches once for all threads of a process, refreshes
   ahead of expiry and drops a token Vipps refuses (401) from the store. docs/token-sharing.md
   describes the protocol. A store that fails never fails a call: the client then fetches its
   own token. */

/* What a token store callback returns. */
enum {
    VIPPS_TOKEN_STORE_OK = 0,    /* found (load), kept (store), claimed (claim), done (remove) */
    VIPPS_TOKEN_STORE_MISS = 1,  /* load: no usable token under the key */
    VIPPS_TOKEN_STORE_BUSY = 2,  /* claim: another process holds an unexpired claim */
    VIPPS_TOKEN_STORE_ERROR = 3  /* the store failed: the client fetches its own token */
};

/* The callbacks of a host's token store. Each is called on the thread that made the libvipps call,
   with no library lock held, and may block on I/O (the call's deadline keeps running). `key` is
   an ASCII name of at most 100 characters (letters, digits, '-') that identifies the API keys and
   the base URL without revealing them; it and `token` are valid only during the call. The
   token is a secret: keep it where only the shop's processes can read it. */

/* Copies the token stored under key, NUL-terminated, into token_buffer (token_buffer_size bytes;
   a token that does not fit is an error), and how many more milliseconds it may be used into
   *valid_for_ms. Returns VIPPS_TOKEN_STORE_OK, _MISS or _ERROR. */
typedef int32_t (*vipps_token_load_fn)(void *user_data, const char *key, char *token_buffer,
                                       size_t token_buffer_size, int64_t *valid_for_ms);
/* Keeps token under key for valid_for_ms milliseconds (then it is gone) and ends any claim on
   key. Returns VIPPS_TOKEN_STORE_OK or _ERROR. */
typedef int32_t (*vipps_token_store_fn)(void *user_data, const char *key, const char *token, int64_t valid_for_ms);
/* Claims key for claim_for_ms milliseconds unless an unexpired claim is held (Redis: SET NX PX).
   Returns VIPPS_TOKEN_STORE_OK (claimed: this client fetches), _BUSY or _ERROR. */
typedef int32_t (*vipps_token_claim_fn)(void *user_data, const char *key, int64_t claim_for_ms);
/* Deletes the token under key if it equals token (Vipps refused it); a different (newer) token
   stays. Returns VIPPS_TOKEN_STORE_OK or _ERROR. */
typedef int32_t (*vipps_token_remove_fn)(void *user_data, const char *key, const char *token);

/* Clients made from config share their access token through the host's store. All four callbacks
   or none (NULL for all: no store, the default); user_data is passed to each and stays the
   host's, and it and the callbacks must stay valid until every client made from config is freed.
   Replaces a file store set before. VIPPS_ERR_INVALID_ARGUMENT when only some are NULL. */
VIPPS_API vipps_status vipps_config_set_token_store(vipps_config *config, vipps_token_load_fn load,
                                                    vipps_token_store_fn store, vipps_token_claim_fn claim,
                                                    vipps_token_remove_fn remove, void *user_data);

/* Clients made from config share their access token with every process of this host that uses the
   same directory: two files per set of API keys in it, created 0600 (the directory is created
   0700 if it does not exist), replaced atomically, locked with flock only around reading and
   writing them. NULL turns it off. Replaces a host store set before. VIPPS_ERR_INVALID_ARGUMENT
   when directory cannot be created or is not a writable directory. */
VIPPS_API vipps_status vipps_config_set_token_file_store(vipps_config *config, const char *directory);

/* ------------------------------------------------------------------------------------------ */
/* Client                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* A connection to Vipps for one merchant: API keys, access token cache, connection pool.
   Thread-safe. */
typedef struct vipps_client vipps_client;

/* Creates a client from a configuration (copied). Fails with VIPPS_ERR_INVALID_ARGUMENT naming
   the first missing or malformed setting, or VIPPS_ERR_TLS if the CA file cannot be loaded.
   Makes no network request. *out receives the client (free it with vipps_client_free). */
VIPPS_API vipps_status vipps_client_new(const vipps_config *config, vipps_client **out);

/* Closes the client's connections and frees it. NULL is allowed. No call may be in progress on
   it in another thread. */
VIPPS_API void vipps_client_free(vipps_client *client);

/* The error of the most recent failed call made with this client (from any thread), as a copy:
   *out receives a new vipps_error (free it with vipps_error_free), or NULL if the client's most
   recent call succeeded. When threads share a client, prefer vipps_error_last(), which is exact
   for the calling thread. */
VIPPS_API vipps_status vipps_client_last_error(vipps_client *client, vipps_error **out);

/* ------------------------------------------------------------------------------------------ */
/* Initiating a payment                                                                       */
/* ------------------------------------------------------------------------------------------ */

/* The fields of a new payment. Create, set, pass to vipps_payment_initiate, free. Each setter
   checks its value at once and fails with VIPPS_ERR_INVALID_ARGUMENT naming the field; the
   strings are copied. */
typedef struct vipps_initiate_params vipps_initiate_params;

VIPPS_API vipps_status vipps_initiate_params_new(vipps_initiate_params **out);
VIPPS_API void vipps_initiate_params_free(vipps_initiate_params *params);

/* Required. 1-50 characters of a-z, A-Z, 0-9 and '-'; unique per merchant. A retry of a failed
   payment needs a new order id (suffix -1, -2, ...). */
VIPPS_API vipps_status vipps_initiate_params_set_order_id(vipps_initiate_params *params, const char *order_id);
/* Required. Minor units of the payment's currency: øre for NOK, at least 100 (1 NOK), the rule
   on both APIs. DKK and EUR (ePayment only) take from 1 minor unit: set the currency
   first, as the amount is checked against the currency set so far. */
VIPPS_API vipps_status vipps_initiate_params_set_amount(vipps_initiate_params *params, int64_t amount);
/* Required. 1-100 characters, shown to the customer in the app. */
VIPPS_API vipps_status vipps_initiate_params_set_transaction_text(vipps_initiate_params *params, const char *text);
/* Required. Vipps POSTs the outcome to callback_prefix + "/v2/payments/{orderId}". At most 255
   characters; https:// (http:// is accepted only with a custom base URL, for a shop on loopback
   talking to a vipps-sim; the same holds for the other URLs below). */
VIPPS_API vipps_status vipps_initiate_params_set_callback_prefix(vipps_initiate_params *params, const char *url);
/* Required. Where the customer is sent afterwards, success or not (https:// or an app scheme). */
VIPPS_API vipps_status vipps_initiate_params_set_fallback_url(vipps_initiate_params *params, const char *url);
/* Optional. The customer's 8-digit Norwegian number, to pre-fill the landing page. */
VIPPS_API vipps_status vipps_initiate_params_set_phone_number(vipps_initiate_params *params, const char *phone);
/* Optional. A secret of yours that Vipps sends back as the Authorization header of its
   callbacks, so you can tell them from forgeries. 4-255 printable ASCII characters, not
   beginning or ending with a space (HTTP strips those, so the callback could never match). */
VIPPS_API vipps_status vipps_initiate_params_set_auth_token(vipps_initiate_params *params, const char *auth_token);

/* Optional. 1 = express checkout: the customer chooses address and shipping in the app. Needs
   a consent removal prefix and either a shipping details prefix or static shipping options. */
VIPPS_API vipps_status vipps_initiate_params_set_express(vipps_initiate_params *params, int express);
/* Express: Vipps POSTs to url + "/v2/payments/{orderId}/shippingDetails" for shipping options. */
VIPPS_API vipps_status vipps_initiate_params_set_shipping_details_prefix(vipps_initiate_params *params,
                                                                        const char *url);
/* Express (required): Vipps sends DELETE url + "/v2/consents/{userId}" when a customer withdraws
   consent to share their data with you. */
VIPPS_API vipps_status vipps_initiate_params_set_consent_removal_prefix(vipps_initiate_params *params, const char *url);
/* Express: a fixed shipping option (up to 10), so Vipps need not call you. cost is in øre;
   method_id (1-100 chars) comes back in the callback; method (1-256 chars) is shown; priority
   orders the list (ascending); is_default 1 pre-selects it. */
VIPPS_API vipps_status vipps_initiate_params_add_static_shipping_option(vipps_initiate_params *params,
                                                                        const char *method_id, const char *method,
                                                                        int64_t cost, int is_default, int32_t priority);
/* Optional. 1 = the URL is an app deeplink (vipps://) for native apps, not a landing page. */
VIPPS_API vipps_status vipps_initiate_params_set_is_app(vipps_initiate_params *params, int is_app);
/* Optional. 1 = push straight to the phone number (only for sales units Vipps allowed to). */
VIPPS_API vipps_status vipps_initiate_params_set_skip_landing_page(vipps_initiate_params *params, int skip);
/* Optional. Profile data to ask for, space-separated: name address email phoneNumber birthDate
   nin. Not with express. */
VIPPS_API vipps_status vipps_initiate_params_set_scope(vipps_initiate_params *params, const char *scope);

/* Vipps' answer to an initiate. */
typedef struct vipps_initiation vipps_initiation;

/* Starts a payment: POST /ecomm/v2/payments. *out receives the result (free it with
   vipps_initiation_free). Send the customer to vipps_initiation_url().
   Initiate is not idempotent at Vipps, so a lost answer is resolved by reading the order's
   details: if Vipps has no such payment the initiate is sent again; if it has one, the landing
   URL was lost with the answer and the call fails with VIPPS_ERR_SERVER saying so (cancel that
   order and initiate again with a new order id); a 2xx answer without a landing URL is reported
   the same way. VIPPS_ERR_OUTCOME_UNKNOWN remains when the details cannot be read either, or
   when Vipps refuses the resend as locked (VippsError 94) while the details do not show the
   payment yet. */
VIPPS_API vipps_status vipps_payment_initiate(vipps_client *client, const vipps_initiate_params *params,
                                              vipps_initiation **out);

/* The order id. */
VIPPS_API const char *vipps_initiation_order_id(const vipps_initiation *initiation);
/* The landing page (or app deeplink) to send the customer to; valid for 5 minutes. On ePayment
   it is Vipps' redirectUrl: the landing page (WEB_REDIRECT), the app URL (NATIVE_REDIRECT), ""
   for PUSH_MESSAGE (the customer's app shows the payment), and for QR the QR code as
   vipps_initiate_params_set_qr_format chose (an image's URL, or the URL to encode). */
VIPPS_API const char *vipps_initiation_url(const vipps_initiation *initiation);
/* The `token` query value of the URL (what force approve needs), or NULL. */
VIPPS_API const char *vipps_initiation_token(const vipps_initiation *initiation);
/* The response body as Vipps sent it (JSON). */
VIPPS_API const char *vipps_initiation_json(const vipps_initiation *initiation);
/* ePayment: the Idempotency-Key the create used (owned by the initiation); NULL on eCom. */
VIPPS_API const char *vipps_initiation_idempotency_key(const vipps_initiation *initiation);
VIPPS_API void vipps_initiation_free(vipps_initiation *initiation);

/* ePayment only (vipps_config_set_payment_api(VIPPS_PAYMENT_API_EPAYMENT)); on an eCom client
   vipps_payment_initiate refuses a payment that sets them with VIPPS_ERR_INVALID_ARGUMENT.
   The strings are copied. */
/* "NOK" (the default), "DKK" or "EUR"; the amount is then in its minor units. Set it before an
   amount below 100, which only DKK and EUR take. */
VIPPS_API vipps_status vipps_initiate_params_set_currency(vipps_initiate_params *params, const char *currency);
/* "WEB_REDIRECT", "NATIVE_REDIRECT", "PUSH_MESSAGE" (needs a customer phone number) or "QR";
   replaces is_app / skip_landing_page. */
VIPPS_API vipps_status vipps_initiate_params_set_user_flow(vipps_initiate_params *params, const char *flow);
/* The customer's MSISDN: country code and number, 10 to 15 digits without + or 00
   ("4791234567", "4512345678"). Takes the place of vipps_initiate_params_set_phone_number. */
VIPPS_API vipps_status vipps_initiate_params_set_customer_phone_number(vipps_initiate_params *params,
                                                                      const char *msisdn);
/* The create's Idempotency-Key (1 to 50 printable ASCII characters): keep it with the order, and
   initiating the same order again with it after a crash gives Vipps' first answer instead of a
   second payment. Without one the library makes a key (vipps_initiation_idempotency_key). */
VIPPS_API vipps_status vipps_initiate_params_set_idempotency_key(vipps_initiate_params *params, const char *key);
/* Applies to: ePayment (an eCom client refuses a payment that sets any of the setters below with
   VIPPS_ERR_INVALID_ARGUMENT naming it). */
/* A long-living payment's end, as an RFC 3339 time with seconds and a zone, in UTC or with an
   offset ("2026-12-24T18:00:00Z", "2026-12-24T19:00:00+01:00"): more than 10 minutes and less
   than 60 days ahead (Vipps checks the range). Only with the PUSH_MESSAGE or QR user flow, and
   only with a receipt (vipps_initiate_params_add_receipt_line). */
VIPPS_API vipps_status vipps_initiate_params_set_expires_at(vipps_initiate_params *params, const char *rfc3339_time);
/* Adds an order line to the receipt the customer sees in the app (one call per line, in order).
   id and name: 1 to 255 characters, no control characters (UTF-8 is fine). The amounts are in
   minor units of the payment's currency, each 0 to 65000000: total_amount includes tax and
   discount. tax_rate is in hundredths of a percent, 0 to 10000 (2500 = 25 %). is_shipping 1
   marks a shipping line. Vipps does not compare the lines with the payment's amount. */
VIPPS_API vipps_status vipps_initiate_params_add_receipt_line(vipps_initiate_params *params, const char *id,
                                                              const char *name, int64_t total_amount,
                                                              int64_t total_amount_excluding_tax,
                                                              int64_t total_tax_amount, int32_t tax_rate,
                                                              int is_shipping);
/* Optional: the receipt's bottom line beyond its currency (always the payment's): a tip in minor
   units (0 for none, at most 65000000), the point of sale and the receipt number (NULL for
   none; 1 to 255 characters). A bottom line needs at least one order line. */
VIPPS_API vipps_status vipps_initiate_params_set_receipt_bottom_line(vipps_initiate_params *params,
                                                                     int64_t tip_amount, const char *pos_id,
                                                                     const char *receipt_number);
/* The customer as the whole content of their personal QR code, scanned by the shop and passed
   unmodified (5 to 255 printable ASCII characters). A payment has at most one customer: this,
   vipps_initiate_params_set_customer_token and vipps_initiate_params_set_customer_phone_number
   each replace what the other two set; any of them takes the place of
   vipps_initiate_params_set_phone_number. */
VIPPS_API vipps_status vipps_initiate_params_set_customer_personal_qr(vipps_initiate_params *params,
                                                                      const char *personal_qr);
/* The customer as the customer token Vipps gave the shop when the customer checked in (1 to 255
   printable ASCII characters). Replaces another customer, as above. */
VIPPS_API vipps_status vipps_initiate_params_set_customer_token(vipps_initiate_params *params,
                                                                const char *customer_token);
/* With the QR user flow: what vipps_initiation_url() of the payment is. "IMAGE/SVG+XML" (Vipps'
   default) or "IMAGE/PNG": the URL of an image of the QR code to show on the customer's screen
   (size: the PNG's width in pixels, 100 to 2000, or 0 for Vipps' default; must be 0 for SVG).
   "TEXT/TARGETURL": the URL the QR code encodes, for a shop that draws the code itself (size 0).
   Any other user flow refuses it when the payment is initiated. */
VIPPS_API vipps_status vipps_initiate_params_set_qr_format(vipps_initiate_params *params, const char *format,
                                                           int32_t size);

/* ------------------------------------------------------------------------------------------ */
/* Reading a payment                                                                          */
/* ------------------------------------------------------------------------------------------ */

/* One merchant-facing state, derived from Vipps' transaction log (eCom) or from ePayment's
   state and aggregate amounts, so that a shop's state handling is the same on both APIs:

   state                eCom (details log)                 ePayment (state; aggregate)
   INITIATED            INITIATE only                      CREATED
   RESERVED             RESERVE, nothing captured          AUTHORIZED; nothing captured or cancelled
   PARTIALLY_CAPTURED   some captured, more remains        AUTHORIZED; captured, some left to capture
   CAPTURED             nothing remains to capture         AUTHORIZED; captured, nothing left
   PARTIALLY_REFUNDED   refunded < captured                AUTHORIZED; refunded < captured
   REFUNDED             refunded = captured                AUTHORIZED; refunded = captured
   CANCELLED            CANCEL before approval             ABORTED (customer), TERMINATED (merchant)
   VOIDED               VOID, or CANCEL of a reservation   AUTHORIZED; cancelled, nothing captured
   FAILED               RESERVE failed                     (not reported by ePayment)
   EXPIRED              REJECTED callback                  EXPIRED */
typedef int32_t vipps_state;
enum {
    VIPPS_STATE_UNKNOWN = 0,
    VIPPS_STATE_INITIATED = 1,          /* waiting for the customer */
    VIPPS_STATE_RESERVED = 2,           /* approved; amount reserved; nothing captured */
    VIPPS_STATE_PARTIALLY_CAPTURED = 3, /* some captured, more may be */
    VIPPS_STATE_CAPTURED = 4,           /* nothing remains to capture */
    VIPPS_STATE_PARTIALLY_REFUNDED = 5,
    VIPPS_STATE_REFUNDED = 6,
    VIPPS_STATE_CANCELLED = 7,          /* cancelled before approval (customer, merchant, timeout) */
    VIPPS_STATE_VOIDED = 8,             /* the merchant cancelled the reservation */
    VIPPS_STATE_FAILED = 9,             /* the reservation failed (card refused, ...) */
    VIPPS_STATE_EXPIRED = 10            /* the customer did not act in time */
};

/* The state's name, e.g. "reserved", "partially_captured". Static storage; never NULL. */
VIPPS_API const char *vipps_state_string(vipps_state state);

/* A snapshot of one payment: GET /ecomm/v2/payments/{orderId}/details, or on an ePayment client
   GET /epayment/v1/payments/{reference} and its /events (the log accessors then show the event
   log newest first, in eCom's operation names: CREATED is INITIATE, AUTHORIZED RESERVE, CAPTURED
   CAPTURE, REFUNDED REFUND, CANCELLED VOID (or CANCEL after a capture), ABORTED, EXPIRED and
   TERMINATED CANCEL; the transaction id is the event's pspReference, the request id its
   Idempotency-Key). */
typedef struct vipps_payment vipps_payment;

/* Reads a payment's details. *out receives the snapshot (free it with vipps_payment_free).
   VIPPS_ERR_NOT_FOUND if Vipps does not know the order. */
VIPPS_API vipps_status vipps_payment_get_details(vipps_client *client, const char *order_id, vipps_payment **out);

/* The accessors accept NULL and then return 0 / NULL. */
VIPPS_API const char *vipps_payment_order_id(const vipps_payment *payment);
VIPPS_API vipps_state vipps_payment_state(const vipps_payment *payment);
/* The amount reserved once approved (for express checkout including the shipping the customer
   chose), else the amount initiated; in øre. */
VIPPS_API int64_t vipps_payment_amount(const vipps_payment *payment);
VIPPS_API int64_t vipps_payment_captured_amount(const vipps_payment *payment);
VIPPS_API int64_t vipps_payment_refunded_amount(const vipps_payment *payment);
VIPPS_API int64_t vipps_payment_remaining_to_capture(const vipps_payment *payment);
VIPPS_API int64_t vipps_payment_remaining_to_refund(const vipps_payment *payment);
/* The response body as Vipps sent it (JSON): shipping and user details live here. */
VIPPS_API const char *vipps_payment_json(const vipps_payment *payment);

/* Everything a shop reads from a payment, in one call: the amounts and state above, and what an
   express checkout (or a payment that asked for profile data) adds, which otherwise has to be
   dug out of vipps_payment_json. The strings are borrowed from the vipps_payment (valid until
   vipps_payment_free) and NULL when Vipps sent no such field. New fields are only ever added at
   the end; `size` says how many the caller knows. */
typedef struct vipps_payment_info {
    /* Set by the caller to sizeof(vipps_payment_info) before the call. A newer library fills
       only the fields a program built against an older header knows. */
    size_t size;
    const char *order_id;
    vipps_state state;
    /* As vipps_payment_amount: reserved (express: including the chosen shipping) or initiated. */
    int64_t amount;
    int64_t captured_amount;
    int64_t refunded_amount;
    int64_t remaining_to_capture;
    int64_t remaining_to_refund;
    /* 1 when the details hold express shipping details. */
    int is_express;
    const char *shipping_method_id;
    const char *shipping_method;
    /* The chosen shipping cost in øre (Vipps sends NOK); 0 without shipping details. */
    int64_t shipping_cost;
    const char *address_line1;
    const char *address_line2;
    const char *city;
    const char *post_code;
    const char *country;
    const char *first_name;
    const char *last_name;
    const char *email;
    const char *phone_number;
    /* The customer's id at Vipps, as used by consent removal. */
    const char *user_id;
} vipps_payment_info;

/* Fills *info from the snapshot. VIPPS_ERR_INVALID_ARGUMENT for a NULL or stale payment, a NULL
   info, or info->size smaller than the struct's first version; *info is then not written. */
VIPPS_API vipps_status vipps_payment_read(const vipps_payment *payment, vipps_payment_info *info);

/* The transaction log, newest first: entries 0 .. count-1. An index out of range gives NULL
   or 0. */
VIPPS_API size_t vipps_payment_log_count(const vipps_payment *payment);
/* "INITIATE", "RESERVE", "SALE", "CAPTURE", "REFUND", "CANCEL" or "VOID". */
VIPPS_API const char *vipps_payment_log_operation(const vipps_payment *payment, size_t index);
VIPPS_API int64_t vipps_payment_log_amount(const vipps_payment *payment, size_t index);
/* 1 if the operation succeeded. */
VIPPS_API int vipps_payment_log_success(const vipps_payment *payment, size_t index);
VIPPS_API const char *vipps_payment_log_transaction_id(const vipps_payment *payment, size_t index);
VIPPS_API const char *vipps_payment_log_transaction_text(const vipps_payment *payment, size_t index);
/* ISO-8601, as Vipps sent it. */
VIPPS_API const char *vipps_payment_log_timestamp(const vipps_payment *payment, size_t index);
/* The X-Request-Id of the merchant's call ("" for INITIATE and RESERVE). */
VIPPS_API const char *vipps_payment_log_request_id(const vipps_payment *payment, size_t index);

/* The whole log in one call (both APIs), for bindings that pay per call (ctypes): the fields of
   the accessors above, borrowed from the vipps_payment like theirs. Writes the first
   min(capacity, count) entries to entries, each entry_size bytes apart (set entry_size to
   sizeof(vipps_payment_log_entry): fields are only ever added at the end, and a newer library
   fills only those a program knows), and the log's length to *count_out (so a caller whose
   capacity was short can call again). entries may be NULL when capacity is 0.
   VIPPS_ERR_INVALID_ARGUMENT for a NULL or stale payment, a NULL count_out, or an entry_size
   smaller than the first version of the struct. */
typedef struct vipps_payment_log_entry {
    const char *operation;
    int64_t amount;
    int success;
    const char *transaction_id;
    const char *transaction_text;
    const char *timestamp;
    const char *request_id;
} vipps_payment_log_entry;
VIPPS_API vipps_status vipps_payment_log_read(const vipps_payment *payment, vipps_payment_log_entry *entries,
                                              size_t capacity, size_t entry_size, size_t *count_out);

VIPPS_API void vipps_payment_free(vipps_payment *payment);

/* Checks, without a request, that `amount` øre (or VIPPS_AMOUNT_REMAINING) can be captured from
   the payment as this snapshot shows it, by the rules of vipps_payment_capture:
   VIPPS_ERR_INVALID_ARGUMENT naming the amount otherwise (0 included). */
VIPPS_API vipps_status vipps_payment_check_capture(const vipps_payment *payment, int64_t amount);

/* The same check on values copied out of a snapshot (vipps_payment_info.state and
   .remaining_to_capture), for a binding or a shop that keeps the values and frees the handle. */
VIPPS_API vipps_status vipps_check_capture_amount(vipps_state state, int64_t remaining_to_capture, int64_t amount);

/* Waits until the customer has acted (approved, refused, cancelled, timed out) or timeout_ms
   (1..3600000) pass, polling the details as Vipps asks (see vipps_config_set_poll_intervals).
   *out receives the final snapshot (free it with vipps_payment_free). VIPPS_ERR_TIMEOUT when
   the customer has not acted in time; the payment may still change, so poll again or wait for
   the callback. Blocks the calling thread and cannot be interrupted (signals included): in an
   interactive program, wait in short slices (a few seconds) in a loop. timeout_ms bounds the
   whole call, polls included; a wait that ends before the next poll is due polls once shortly
   before its end (the last quarter of timeout_ms, at most 500 ms), so slices of any length see
   an approval as one long wait would. */
VIPPS_API vipps_status vipps_payment_wait(vipps_client *client, const char *order_id, int64_t timeout_ms,
                                          vipps_payment **out);

/* ------------------------------------------------------------------------------------------ */
/* Capture, refund, cancel                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* Vipps' answer to capture, refund, cancel or status: the operation and the amounts after it. */
typedef struct vipps_transaction vipps_transaction;

/* Capture and refund take this instead of an amount for "everything that remains": capture all
   that is still reserved, refund all that is captured and not yet refunded. Amount 0 is refused
   with VIPPS_ERR_INVALID_ARGUMENT, as is any other amount below 100 øre: Vipps' minimum for a
   capture or refund is 1 NOK, so a remainder below that is taken with VIPPS_AMOUNT_REMAINING. */
#define VIPPS_AMOUNT_REMAINING INT64_MIN

/* Captures `amount` øre (100 to 2147483647) of a reserved payment, or everything still reserved
   when amount is VIPPS_AMOUNT_REMAINING. Capture when the goods ship; several partial captures
   are allowed. transaction_text (1-100 characters) is shown to the customer (a tracking code is
   a good choice).

   Idempotent: the request carries an X-Request-Id. Pass your own idempotency_key (1-40
   printable characters), or NULL. To survive a crash of your own process, derive the key from
   what you store, for example "<order id>-capture-<n>" for the n-th capture of the order, and
   use it again when repeating: Vipps applies a key at most once (same key with a different
   amount is refused, VippsError 93). VIPPS_ERR_OUTCOME_UNKNOWN means no clear answer came back
   even after retries (a 2xx whose body cannot be read included): repeat with
   vipps_error_request_id(). *out receives the result (free it with vipps_transaction_free).

   With NULL for idempotency_key the client remembers, in this process's memory only, the key of
   each capture or refund that ended without a clear answer (any failure other than
   INVALID_ARGUMENT, NOT_ALLOWED, AUTHENTICATION, NOT_FOUND or REJECTED), by order id,
   operation and amount. The next call with NULL for the same order, operation and amount sends
   that key again, so a plain retry loop cannot capture or refund twice. The key is forgotten
   when a call with it gets an answer, or when vipps_payment_get_details (or a wait's poll) on
   this client shows it in the payment's log; after that, a call with the same amount is a new
   capture. The memory lasts as long as the client, holds at most 1024 operations (the oldest
   dropped first), and is not shared between clients or processes: a key of your own is the only
   protection across a restart. */
VIPPS_API vipps_status vipps_payment_capture(vipps_client *client, const char *order_id, int64_t amount,
                                             const char *transaction_text, const char *idempotency_key,
                                             vipps_transaction **out);

/* Refunds `amount` øre (100 to 2147483647) of what was captured, or everything captured and not
   yet refunded when amount is VIPPS_AMOUNT_REMAINING. Idempotent exactly like
   vipps_payment_capture, with the same memory of unanswered calls. */
VIPPS_API vipps_status vipps_payment_refund(vipps_client *client, const char *order_id, int64_t amount,
                                            const char *transaction_text, const char *idempotency_key,
                                            vipps_transaction **out);

/* Cancels a payment that waits for the customer or is reserved. After a partial capture, pass
   release_remaining_funds = 1 to give the rest of the reservation back (Vipps refuses the cancel
   otherwise). Captured money is returned with vipps_payment_refund instead. Vipps has no
   idempotency key for cancel: when its answer is lost or unreadable, the library reads the
   details and either reports the cancel as done or sends it again; a resend that Vipps refuses
   (the first one still in progress or already done) is resolved from the details too, and gives
   VIPPS_ERR_OUTCOME_UNKNOWN, never VIPPS_ERR_REJECTED, when they do not show it done. *out
   receives the result. */
VIPPS_API vipps_status vipps_payment_cancel(vipps_client *client, const char *order_id, const char *transaction_text,
                                            int release_remaining_funds, vipps_transaction **out);

/* The deprecated GET .../status (Vipps: "the response may be confusing"); prefer
   vipps_payment_get_details. *out receives the last operation as a transaction. */
VIPPS_DEPRECATED("GET .../status is deprecated by Vipps: use vipps_payment_get_details")
VIPPS_API vipps_status vipps_payment_get_status(vipps_client *client, const char *order_id, vipps_transaction **out);

/* The accessors accept NULL and then return 0 / NULL. */
VIPPS_API const char *vipps_transaction_order_id(const vipps_transaction *transaction);
/* As Vipps spelled it: "Captured", "Refund", "Cancelled"; for status "RESERVE", "CAPTURE", ... */
VIPPS_API const char *vipps_transaction_status(const vipps_transaction *transaction);
VIPPS_API int64_t vipps_transaction_amount(const vipps_transaction *transaction);
VIPPS_API const char *vipps_transaction_id(const vipps_transaction *transaction);
VIPPS_API const char *vipps_transaction_text(const vipps_transaction *transaction);
VIPPS_API const char *vipps_transaction_timestamp(const vipps_transaction *transaction);
VIPPS_API int64_t vipps_transaction_captured_amount(const vipps_transaction *transaction);
VIPPS_API int64_t vipps_transaction_remaining_to_capture(const vipps_transaction *transaction);
VIPPS_API int64_t vipps_transaction_refunded_amount(const vipps_transaction *transaction);
VIPPS_API int64_t vipps_transaction_remaining_to_refund(const vipps_transaction *transaction);
/* The X-Request-Id the call used ("" for cancel and status). */
VIPPS_API const char *vipps_transaction_request_id(const vipps_transaction *transaction);
/* The response body as Vipps sent it (for a cancel resolved from details: the details body). */
VIPPS_API const char *vipps_transaction_json(const vipps_transaction *transaction);
VIPPS_API void vipps_transaction_free(vipps_transaction *transaction);

/* ------------------------------------------------------------------------------------------ */
/* Requests from Vipps to the shop                                                            */
/* ------------------------------------------------------------------------------------------ */

/* These functions make no request: the shop's own web server receives Vipps' call and hands
   the pieces to libvipps. Answer Vipps' callbacks with HTTP 200 within 3 seconds; never trust a
   callback alone (confirm with vipps_payment_get_details). */

/* Checks a callback's Authorization header against the authToken you gave at initiate, in
   constant time. VIPPS_OK if they match; VIPPS_ERR_AUTHENTICATION if the header is missing
   (NULL or empty) or differs; VIPPS_ERR_INVALID_ARGUMENT if expected_auth_token is NULL or
   empty (a configuration mistake that must not look like a forged callback). */
VIPPS_API vipps_status vipps_callback_verify(const char *expected_auth_token, const char *authorization_header);

/* A payment-update callback: POST {callback_prefix}/v2/payments/{orderId}. */
typedef struct vipps_callback vipps_callback;

/* Reads a callback body (JSON text). *out receives it (free it with vipps_callback_free).
   VIPPS_ERR_INVALID_ARGUMENT for a string holding \u0000 (a C string would end there) and for
   an orderId with control characters. */
VIPPS_API vipps_status vipps_callback_parse(const char *body, vipps_callback **out);

/* The accessors accept NULL and then return 0 / NULL; fields a callback lacks give NULL. */
VIPPS_API const char *vipps_callback_order_id(const vipps_callback *callback);
/* As sent; compare it with your MSN to spot forgeries. */
VIPPS_API const char *vipps_callback_merchant_serial_number(const vipps_callback *callback);
/* Vipps' word: RESERVED (regular) / RESERVE (express), SALE, RESERVE_FAILED, SALE_FAILED,
   CANCELLED, REJECTED. */
VIPPS_API const char *vipps_callback_status(const vipps_callback *callback);
/* The same as a vipps_state: reserved, captured (SALE), failed, cancelled, expired (REJECTED). */
VIPPS_API vipps_state vipps_callback_state(const vipps_callback *callback);
VIPPS_API int64_t vipps_callback_amount(const vipps_callback *callback);
VIPPS_API const char *vipps_callback_transaction_id(const vipps_callback *callback);
VIPPS_API const char *vipps_callback_timestamp(const vipps_callback *callback);
/* 1 for an express checkout callback (with shipping and user details). */
VIPPS_API int vipps_callback_is_express(const vipps_callback *callback);
VIPPS_API const char *vipps_callback_shipping_method_id(const vipps_callback *callback);
VIPPS_API const char *vipps_callback_shipping_method(const vipps_callback *callback);
/* The chosen shipping cost in øre (Vipps sends NOK). */
VIPPS_API int64_t vipps_callback_shipping_cost(const vipps_callback *callback);
VIPPS_API const char *vipps_callback_address_line1(const vipps_callback *callback);
VIPPS_API const char *vipps_callback_address_line2(const vipps_callback *callback);
VIPPS_API const char *vipps_callback_city(const vipps_callback *callback);
VIPPS_API const char *vipps_callback_post_code(const vipps_callback *callback);
VIPPS_API const char *vipps_callback_country(const vipps_callback *callback);
VIPPS_API const char *vipps_callback_first_name(const vipps_callback *callback);
VIPPS_API const char *vipps_callback_last_name(const vipps_callback *callback);
VIPPS_API const char *vipps_callback_email(const vipps_callback *callback);
VIPPS_API const char *vipps_callback_phone_number(const vipps_callback *callback);
/* The customer's id at Vipps, as used by consent removal. */
VIPPS_API const char *vipps_callback_user_id(const vipps_callback *callback);
/* On failures: Vipps' errorInfo. */
VIPPS_API const char *vipps_callback_error_group(const vipps_callback *callback);
VIPPS_API const char *vipps_callback_error_code(const vipps_callback *callback);
VIPPS_API const char *vipps_callback_error_message(const vipps_callback *callback);
VIPPS_API const char *vipps_callback_json(const vipps_callback *callback);
VIPPS_API void vipps_callback_free(vipps_callback *callback);

/* Express: Vipps asking for shipping options for an address. */
typedef struct vipps_shipping_request vipps_shipping_request;

/* Reads a shipping-details request body. *out receives it (free with vipps_shipping_request_free).
   VIPPS_ERR_INVALID_ARGUMENT for a string holding \u0000. Fields the body lacks give NULL. */
VIPPS_API vipps_status vipps_shipping_request_parse(const char *body, vipps_shipping_request **out);
/* Echo it in the response. */
VIPPS_API int64_t vipps_shipping_request_address_id(const vipps_shipping_request *request);
VIPPS_API const char *vipps_shipping_request_address_line1(const vipps_shipping_request *request);
VIPPS_API const char *vipps_shipping_request_address_line2(const vipps_shipping_request *request);
VIPPS_API const char *vipps_shipping_request_city(const vipps_shipping_request *request);
VIPPS_API const char *vipps_shipping_request_post_code(const vipps_shipping_request *request);
VIPPS_API const char *vipps_shipping_request_country(const vipps_shipping_request *request);
/* "H" (home), "W" (work) or "O" (other). */
VIPPS_API const char *vipps_shipping_request_address_type(const vipps_shipping_request *request);
VIPPS_API void vipps_shipping_request_free(vipps_shipping_request *request);

/* The shop's answer to a shipping-details request. */
typedef struct vipps_shipping_response vipps_shipping_response;

/* address_id is vipps_shipping_request_address_id() of the request (a magnitude of 9e15 or more
   gives VIPPS_ERR_INVALID_ARGUMENT: it could not be echoed exactly). */
VIPPS_API vipps_status vipps_shipping_response_new(int64_t address_id, const char *order_id,
                                                  vipps_shipping_response **out);
/* Adds an option; parameters as for vipps_initiate_params_add_static_shipping_option. */
VIPPS_API vipps_status vipps_shipping_response_add_option(vipps_shipping_response *response, const char *method_id,
                                                          const char *method, int64_t cost, int is_default,
                                                          int32_t priority);
/* The response body to send with HTTP 200. *json_out receives a new string: free it with
   vipps_string_free. */
VIPPS_API vipps_status vipps_shipping_response_encode(const vipps_shipping_response *response, char **json_out);
/* The same as vipps_shipping_response_encode, under a name that looks like an accessor (whose
   strings are borrowed) although its string is the caller's to free. */
VIPPS_DEPRECATED("the string is the caller's: use vipps_shipping_response_encode, same meaning")
VIPPS_API vipps_status vipps_shipping_response_json(const vipps_shipping_response *response, char **json_out);
VIPPS_API void vipps_shipping_response_free(vipps_shipping_response *response);

/* Express: the user id of DELETE {consent_removal_prefix}/v2/consents/{userId}, from the request
   path (percent-decoded). Delete what you hold about that customer. *user_id_out receives a new
   string: free it with vipps_string_free. An id is printable ASCII without spaces, '/', '\\'
   or ".." (safe in a file name or a log line); anything else is VIPPS_ERR_INVALID_ARGUMENT. */
VIPPS_API vipps_status vipps_consent_removal_user_id(const char *request_path, char **user_id_out);

/* Frees a string that a libvipps function returned through a `char **` out-parameter. NULL is
   allowed. */
VIPPS_API void vipps_string_free(char *string);

/* ePayment only: what eCom's details do not have. The strings belong to the payment (valid until
   vipps_payment_free). On a snapshot from an eCom client the currency is "NOK", the cancelled
   amount 0 and the event log empty. */
VIPPS_API const char *vipps_payment_currency(const vipps_payment *payment);
/* What was released without being captured (ePayment's aggregate cancelledAmount). */
VIPPS_API int64_t vipps_payment_cancelled_amount(const vipps_payment *payment);
/* ePayment's event log, oldest first (unlike the vipps_payment_log_* accessors, newest first).
   An index out of range gives NULL / 0. */
VIPPS_API size_t vipps_payment_event_count(const vipps_payment *payment);
/* CREATED, AUTHORIZED, ABORTED, EXPIRED, CANCELLED, CAPTURED, REFUNDED or TERMINATED. */
VIPPS_API const char *vipps_payment_event_name(const vipps_payment *payment, size_t index);
VIPPS_API int64_t vipps_payment_event_amount(const vipps_payment *payment, size_t index);
VIPPS_API int vipps_payment_event_success(const vipps_payment *payment, size_t index);
/* The Idempotency-Key of the request that caused the event ("" when none). */
VIPPS_API const char *vipps_payment_event_idempotency_key(const vipps_payment *payment, size_t index);
VIPPS_API const char *vipps_payment_event_timestamp(const vipps_payment *payment, size_t index);

/* The whole event log in one call, as vipps_payment_log_read reads the transaction log (both
   APIs; no events on eCom). */
typedef struct vipps_payment_event_entry {
    const char *name;
    int64_t amount;
    int success;
    const char *idempotency_key;
    const char *timestamp;
} vipps_payment_event_entry;
VIPPS_API vipps_status vipps_payment_event_read(const vipps_payment *payment, vipps_payment_event_entry *entries,
                                                size_t capacity, size_t entry_size, size_t *count_out);

/* ------------------------------------------------------------------------------------------ */
/* Webhooks                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/* Applies to: ePayment (Webhooks API). Vipps POSTs every event of a payment to the URLs the shop
   registered, signed with HMAC-SHA256 under the secret of that registration
   (docs/webhooks-client.md). Verify first, then parse, then confirm with vipps_payment_get_details
   before you ship: a webhook is a hint, the payment is the truth. */

/* Why vipps_webhook_verify refused a request. A program may switch on these; they never change
   meaning, and a newer library may add more (treat an unknown one as a refusal). */
typedef int32_t vipps_webhook_refusal;
enum {
    VIPPS_WEBHOOK_VERIFIED = 0,
    /* No x-ms-date header. */
    VIPPS_WEBHOOK_MISSING_DATE = 1,
    /* x-ms-date is not an RFC 1123 date ("Thu, 30 Mar 2023 08:38:32 GMT"), or given twice. */
    VIPPS_WEBHOOK_MALFORMED_DATE = 2,
    /* Correctly signed, but the date is further from now than the window: a replay or a clock
       that is wrong (yours or the sender's). */
    VIPPS_WEBHOOK_DATE_OUTSIDE_WINDOW = 3,
    /* No x-ms-content-sha256 header. */
    VIPPS_WEBHOOK_MISSING_CONTENT_HASH = 4,
    /* x-ms-content-sha256 is not 44 characters of base64, or given twice with different values. */
    VIPPS_WEBHOOK_MALFORMED_CONTENT_HASH = 5,
    /* The body is not the one that was hashed: changed on the way, or not the raw bytes received
       (decoded and re-encoded JSON, trimmed whitespace). */
    VIPPS_WEBHOOK_CONTENT_HASH_MISMATCH = 6,
    /* Neither Authorization nor X-Vipps-Authorization (the same value, for web servers that strip
       Authorization). */
    VIPPS_WEBHOOK_MISSING_AUTHORIZATION = 7,
    /* Not "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=<base64>". */
    VIPPS_WEBHOOK_MALFORMED_AUTHORIZATION = 8,
    /* The signature matches none of the secrets for this registered URL: a wrong secret, a wrong
       registered URL, or a forged or altered request (the date and the URL are signed). */
    VIPPS_WEBHOOK_SIGNATURE_MISMATCH = 9,
    /* The method is not POST. */
    VIPPS_WEBHOOK_METHOD_NOT_POST = 10
};

/* Verifies a webhook request, with the system clock's time. Makes no request; no client needed.
     method          the request's method ("POST").
     registered_url  the URL exactly as registered with vipps_webhook_register: its path, query
                     and host are what Vipps signed. Never rebuild it from the request's Host or
                     path, which a proxy may rewrite.
     header_names, header_values, header_count
                     the request's headers, as two arrays of header_count strings (names in any
                     case; others than x-ms-date, x-ms-content-sha256, Authorization and
                     X-Vipps-Authorization are ignored, so all of them may be passed).
     body, body_length
                     the raw body bytes as received, before any JSON decoding (NULL only with 0).
     secrets, secret_count
                     the secrets of every registration this URL has (more than one while rotating:
                     register the new one, then delete the old); at least one, none empty.
     window_seconds  how far x-ms-date may be from now: a negative value means the default, 300;
                     0 turns the check off.
     refusal_out     receives VIPPS_WEBHOOK_VERIFIED or the reason for the refusal.
   VIPPS_OK when it verifies; VIPPS_ERR_AUTHENTICATION when refused (the message says why and
   never holds a secret); VIPPS_ERR_INVALID_ARGUMENT for a NULL pointer, no secret, an empty
   secret or a registered_url that is no absolute http(s) URL (a mistake in the shop's
   configuration, which must not look like a forged webhook). */
VIPPS_API vipps_status vipps_webhook_verify(const char *method, const char *registered_url,
                                            const char *const *header_names, const char *const *header_values,
                                            size_t header_count, const void *body, size_t body_length,
                                            const char *const *secrets, size_t secret_count,
                                            int64_t window_seconds, vipps_webhook_refusal *refusal_out);
/* The same, with now_unix_seconds as the current time (for tests and for hosts with their own clock). */
VIPPS_API vipps_status vipps_webhook_verify_at(const char *method, const char *registered_url,
                                               const char *const *header_names, const char *const *header_values,
                                               size_t header_count, const void *body, size_t body_length,
                                               const char *const *secrets, size_t secret_count,
                                               int64_t window_seconds, int64_t now_unix_seconds,
                                               vipps_webhook_refusal *refusal_out);
/* A stable word for a refusal ("signature_mismatch", "date_outside_window", ...; "verified" for 0,
   "unknown" for a value this library does not know). Static storage. */
VIPPS_API const char *vipps_webhook_refusal_string(vipps_webhook_refusal refusal);

/* What a webhook reports: its payload's "name", as a value a program can switch on. */
typedef int32_t vipps_event_kind;
enum {
    /* A name this library does not know (a newer event type): read vipps_webhook_event_name. */
    VIPPS_EVENT_UNKNOWN = 0,
    VIPPS_EVENT_CREATED = 1,
    VIPPS_EVENT_ABORTED = 2,
    VIPPS_EVENT_EXPIRED = 3,
    VIPPS_EVENT_CANCELLED = 4,
    VIPPS_EVENT_CAPTURED = 5,
    VIPPS_EVENT_REFUNDED = 6,
    VIPPS_EVENT_AUTHORIZED = 7,
    VIPPS_EVENT_TERMINATED = 8
};

/* One ePayment event as a webhook delivers it. */
typedef struct vipps_webhook_event vipps_webhook_event;

/* Reads a webhook body (the raw bytes; verify it first). *out receives the event: free it with
   vipps_webhook_event_free. An unknown event name is no error (kind VIPPS_EVENT_UNKNOWN).
   VIPPS_ERR_INVALID_ARGUMENT for a body that is not a JSON object with a "name", or that holds
   \u0000. */
VIPPS_API vipps_status vipps_webhook_event_parse(const void *body, size_t body_length, vipps_webhook_event **out);
/* The accessors accept NULL and then return 0 / NULL; fields the body lacks give NULL (0 for
   the amount, 0 for success). Strings are borrowed from the event. */
VIPPS_API vipps_event_kind vipps_webhook_event_kind(const vipps_webhook_event *event);
/* The payload's name as sent: "AUTHORIZED" (a short word, not the event type). */
VIPPS_API const char *vipps_webhook_event_name(const vipps_webhook_event *event);
/* The event type a registration subscribes to, derived from the kind:
   "epayments.payment.authorized.v1"; NULL for an unknown kind. */
VIPPS_API const char *vipps_webhook_event_type(const vipps_webhook_event *event);
VIPPS_API const char *vipps_webhook_event_msn(const vipps_webhook_event *event);
VIPPS_API const char *vipps_webhook_event_reference(const vipps_webhook_event *event);
VIPPS_API const char *vipps_webhook_event_psp_reference(const vipps_webhook_event *event);
/* In the currency's minor unit (øre). */
VIPPS_API int64_t vipps_webhook_event_amount(const vipps_webhook_event *event);
VIPPS_API const char *vipps_webhook_event_currency(const vipps_webhook_event *event);
/* The Idempotency-Key of the request that caused the event (NULL when none). */
VIPPS_API const char *vipps_webhook_event_idempotency_key(const vipps_webhook_event *event);
/* 1 if the event succeeded. */
VIPPS_API int vipps_webhook_event_success(const vipps_webhook_event *event);
VIPPS_API const char *vipps_webhook_event_timestamp(const vipps_webhook_event *event);
/* The body as received. */
VIPPS_API const char *vipps_webhook_event_json(const vipps_webhook_event *event);
VIPPS_API void vipps_webhook_event_free(vipps_webhook_event *event);

/* Registrations. Applies to: ePayment (Webhooks API); the client's merchant serial number names
   the sales unit. Vipps sends only events that happen after a registration is made. */

/* Registers url for the event types in events[0..event_count-1] ("epayments.payment.captured.v1"
   ...). *id_out and *secret_out receive new strings (free both with vipps_string_free). The secret
   is handed out only here, once: store it as you store your client secret. The library never logs
   it, and it is in no error. Not repeated after a lost answer (a second registration would have a
   secret nobody knows): VIPPS_ERR_OUTCOME_UNKNOWN then; list the registrations and delete the one
   for this URL before registering again. */
VIPPS_API vipps_status vipps_webhook_register(vipps_client *client, const char *url, const char *const *events,
                                              size_t event_count, char **id_out, char **secret_out);

/* The sales unit's registrations (no secrets). */
typedef struct vipps_webhook_list vipps_webhook_list;
/* *out receives the list: free it with vipps_webhook_list_free. */
VIPPS_API vipps_status vipps_webhook_get_list(vipps_client *client, vipps_webhook_list **out);
/* Accessors: NULL / 0 for a NULL list or an index out of range. Strings are borrowed from the list. */
VIPPS_API size_t vipps_webhook_list_count(const vipps_webhook_list *list);
VIPPS_API const char *vipps_webhook_list_id(const vipps_webhook_list *list, size_t index);
VIPPS_API const char *vipps_webhook_list_url(const vipps_webhook_list *list, size_t index);
VIPPS_API size_t vipps_webhook_list_event_count(const vipps_webhook_list *list, size_t index);
VIPPS_API const char *vipps_webhook_list_event(const vipps_webhook_list *list, size_t index, size_t event_index);
VIPPS_API void vipps_webhook_list_free(vipps_webhook_list *list);

/* Deletes a registration; its undelivered events are dropped. VIPPS_ERR_NOT_FOUND for an unknown id. */
VIPPS_API vipps_status vipps_webhook_delete(vipps_client *client, const char *id);

/* ------------------------------------------------------------------------------------------ */
/* Userinfo                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/* Applies to: both APIs. A payment created with a profile scope ("name email phoneNumber ...") and
   approved carries a sub; Userinfo answers the claims the user consented to, for 168 hours after
   the approval. Personal data: the library masks it in log lines unless the log callback was set
   with include_personal_data 1. */

/* The payment's sub: ePayment's profile.sub, eCom's sub in the details. Borrowed from the
   payment; NULL when the payment has none (no scope, not approved yet: read the payment again). */
VIPPS_API const char *vipps_payment_sub(const vipps_payment *payment);

typedef struct vipps_userinfo vipps_userinfo;
/* GET /vipps-userinfo-api/userinfo/{sub}. *out receives the profile: free it with
   vipps_userinfo_free. VIPPS_ERR_NOT_FOUND for an unknown sub or one older than 168 hours. */
VIPPS_API vipps_status vipps_userinfo_get(vipps_client *client, const char *sub, vipps_userinfo **out);
/* Claims: borrowed from the profile; NULL when the user did not consent to it. */
VIPPS_API const char *vipps_userinfo_sub(const vipps_userinfo *userinfo);
VIPPS_API const char *vipps_userinfo_name(const vipps_userinfo *userinfo);
VIPPS_API const char *vipps_userinfo_given_name(const vipps_userinfo *userinfo);
VIPPS_API const char *vipps_userinfo_family_name(const vipps_userinfo *userinfo);
VIPPS_API const char *vipps_userinfo_email(const vipps_userinfo *userinfo);
/* 1 verified, 0 not verified, -1 no email claim. Do not link an unverified email to an account. */
VIPPS_API int vipps_userinfo_email_verified(const vipps_userinfo *userinfo);
/* MSISDN, e.g. "4791234567". */
VIPPS_API const char *vipps_userinfo_phone_number(const vipps_userinfo *userinfo);
/* YYYY-MM-DD. */
VIPPS_API const char *vipps_userinfo_birthdate(const vipps_userinfo *userinfo);
/* The national identity number (only for merchants granted the nin scope). */
VIPPS_API const char *vipps_userinfo_nin(const vipps_userinfo *userinfo);
/* The default address. */
VIPPS_API const char *vipps_userinfo_street_address(const vipps_userinfo *userinfo);
VIPPS_API const char *vipps_userinfo_postal_code(const vipps_userinfo *userinfo);
VIPPS_API const char *vipps_userinfo_region(const vipps_userinfo *userinfo);
VIPPS_API const char *vipps_userinfo_country(const vipps_userinfo *userinfo);
VIPPS_API const char *vipps_userinfo_formatted_address(const vipps_userinfo *userinfo);
/* "home", "work" or "other". */
VIPPS_API const char *vipps_userinfo_address_type(const vipps_userinfo *userinfo);
/* The answer as Vipps sent it (other_addresses, and claims this library does not know). */
VIPPS_API const char *vipps_userinfo_json(const vipps_userinfo *userinfo);
VIPPS_API void vipps_userinfo_free(vipps_userinfo *userinfo);

/* ------------------------------------------------------------------------------------------ */
/* Test environment only                                                                      */
/* ------------------------------------------------------------------------------------------ */

/* Approves a payment as if the customer had done it in the app (POST .../integration-test/
   payments/{orderId}/approve). landing_token is vipps_initiation_token(); phone_number (8
   digits) may be NULL. Refused with VIPPS_ERR_NOT_ALLOWED for VIPPS_ENV_PRODUCTION.
   Both APIs; on ePayment (POST /epayment/v1/test/payments/{reference}/approve) landing_token may
   be "" (a PUSH_MESSAGE payment has none) and phone_number may also be a 10-15 digit MSISDN. */
VIPPS_API vipps_status vipps_payment_force_approve(vipps_client *client, const char *order_id,
                                                   const char *phone_number, const char *landing_token);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* VIPPS_H */
