import CVipps
import Glibc

/// The C ABI itself, as a C host (PHP, Python, C) calls it: the input is a little program of
/// calls on config, client, params, callback and shipping handles, with arguments the input
/// chooses: NULL, stale (freed) handles, handles of the wrong kind, random addresses, invalid
/// UTF-8, 64 KiB strings, and the edges of every int64/int32 range. Checked after every call:
/// the status is a documented one, the thread's last error agrees with it, out-parameters are
/// NULL after a failure, and every returned string is readable up to its NUL (ASan checks it).
///
/// String arguments live in malloc'd buffers of their exact size, freed as soon as the call
/// returns (the header allows that), so a library that kept a caller's pointer would be caught.
/// Network: every client is pointed at http(s)://127.0.0.1:1 (nothing listens there) with one
/// attempt and short timeouts, so calls that would reach Vipps fail fast and deterministically.
let abiTarget = FuzzTarget(
    name: "abi",
    summary: "VippsABI: programs of C ABI calls with hostile handles, strings and amounts"
) { data in
    var driver = ABIDriver(FuzzInput(data))
    driver.run()
}

/// VIPPS_FUZZ_TRACE=1 prints each call and its status (for writing seeds; slows fuzzing).
private let traceCalls = getenv("VIPPS_FUZZ_TRACE") != nil

/// Returned to the log callback unchanged, or the library mixed up the host's context pointer.
nonisolated(unsafe) private let logUserData = UnsafeMutableRawPointer(bitPattern: 0x5EED_F00D)

nonisolated(unsafe) private let hostLog: vipps_log_fn = { userData, level, message in
    check((1...4).contains(level), "log level \(level) out of range")
    check(userData == nil || userData == logUserData, "the log callback got another user_data")
    check(message != nil, "a NULL log message")
    if let message { _ = strlen(message) }
}

/// A self-signed CA certificate (P-256, made once with `openssl req -x509`), written to a
/// temporary file on first use and removed at exit.
private let testCAPEM = """
    -----BEGIN CERTIFICATE-----
    MIIBkDCCATegAwIBAgIUWdgW4p8SLHz8sfAfvFcQSyc+iyAwCgYIKoZIzj0EAwIw
    HTEbMBkGA1UEAwwSdmlwcHMtZnV6eiB0ZXN0IENBMCAXDTI2MTEyNTE4MjQxMloY
    DzIxMjYxMTAxMTgyNDEyWjAdMRswGQYDVQQDDBJ2aXBwcy1mdXp6IHRlc3QgQ0Ew
    WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAS0LajT/z3TDbXb65u90h7jMwtu69dW
    PVcgfEIkL+V4bFQmPL5fC1zOxAJIYDviJYPjtR6dxE0LCzu0IxteTB1/o1MwUTAd
    BgNVHQ4EFgQUKnGpYtdF/EphgjrB7IPI8FvTOrIwHwYDVR0jBBgwFoAUKnGpYtdF
    /EphgjrB7IPI8FvTOrIwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNHADBE
    AiAYdI8wtJ8l30QJSz7vyizehzi5M0PQzs3ipBAq+iRKbQIgT5LtuHPQMH/+TuzY
    oLzFU8ZSiekE79aRZ/D9MKNyQ1A=
    -----END CERTIFICATE-----

    """

private let testCAFile: String = {
    var template = Array("/tmp/vipps-fuzz-ca-XXXXXX".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
        guard let base = buffer.baseAddress else { return -1 }
        return mkstemp(base)
    }
    let path = String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    guard descriptor >= 0 else { return "/nonexistent-vipps-fuzz/ca.pem" }
    _ = testCAPEM.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count - 1) }
    close(descriptor)
    createdCAFile = path
    atexit { if let path = createdCAFile { unlink(path) } }
    return path
}()

nonisolated(unsafe) private var createdCAFile: String?

/// Answers as Vipps gives them, for the loopback server (ecom-v2 reference).
private let knownBodies: [[UInt8]] = [
    #"{"orderId":"order-1","transactionSummary":{"capturedAmount":0,"remainingAmountToCapture":1000,"refundedAmount":0,"remainingAmountToRefund":0},"transactionLogHistory":[{"amount":1000,"operation":"RESERVE","operationSuccess":true,"transactionId":"1","timeStamp":"2026-01-01T00:00:00Z","requestId":""},{"amount":1000,"operation":"INITIATE","operationSuccess":true}]}"#,
    #"{"orderId":"order-1","transactionLogHistory":[{"amount":100,"operation":"CANCEL","operationSuccess":true},{"amount":100,"operation":"CAPTURE","operationSuccess":true,"requestId":"k"}]}"#,
    #"{"orderId":"order-1","transactionInfo":{"amount":100,"status":"Captured","transactionId":"5","timeStamp":"x","transactionText":"t"},"transactionSummary":{"capturedAmount":100,"remainingAmountToCapture":0,"refundedAmount":0,"remainingAmountToRefund":100}}"#,
    #"{"orderId":"order-1","transaction":{"amount":50,"status":"Refund"},"transactionSummary":{"refundedAmount":"50"}}"#,
    #"{"orderId":"order-1","url":"https://api.vipps.no/dwo-api-application/v1/deeplink/vippsgateway?v=2&token=eyJ0"}"#,
    #"[{"errorGroup":"Merchant","errorCode":"35","errorMessage":"The orderId does not exist","contextId":"c-1"}]"#,
    #"[{"errorGroup":"VippsError","errorCode":"94","errorMessage":"Order locked","contextId":"c-2"}]"#,
    #"{"error":"invalid_client","error_description":"AADSTS7000215","correlation_id":"c"}"#,
    #"{"responseInfo":{"responseCode":401,"responseMessage":"Unauthorized"},"result":{"message":"denied"}}"#,
].map { Array($0.utf8) }

private let documentedStatuses: Set<vipps_status> = [0, 1, 2, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24, 99]

/// Values that pass (or nearly pass) the library's validation, so that programs get past the
/// first check of each setter; bad encodings of UTF-8 among them.
private let knownValues: [[UInt8]] =
    [
        "order-1", "ORDER-2026-000001", "100", "123456", "12345", "12345678", "client-id", "secret-0123456789",
        "subscription-key", "https://shop.example/vipps", "http://127.0.0.1:1", "https://127.0.0.1:1",
        "https://[::1]:8443/base/", "myshop://done", "name email", "address phoneNumber", "libvipps", "0.1.0",
        "Bearer token", "token-abc", "/v2/consents/abc%20def", "/shop/v2/consents/u1?x=1", "Posten", "id-1",
        "Pay for øre 🇳🇴", "vipps-0123456789abcdef0123456789abcdef",
        // ePayment, Webhooks and Userinfo inputs.
        "NOK", "DKK", "EUR", "WEB_REDIRECT", "NATIVE_REDIRECT", "PUSH_MESSAGE", "QR", "4791234567", "4512345678",
        "2026-12-24T18:00:00Z", "2026-12-24T19:00:00+01:00", "IMAGE/PNG", "IMAGE/SVG+XML", "TEXT/TARGETURL",
        "https://qr.vipps.no/28/2/01/031/4791234567?v=1", "epayments.payment.captured.v1", "POST",
        "https://shop.example/webhooks/vipps?x=1", "x-ms-date", "x-ms-content-sha256", "authorization", "host",
        "Thu, 03 Dec 2026 12:00:00 GMT", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
        "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=AAAA",
        "c06f9d5c-5c5a-4a2b-9b7a-3f4e0c1a2b3c",
        #"{"msn":"123456","reference":"order-1","pspReference":"p1","name":"CAPTURED","amount":{"currency":"NOK","value":100},"timestamp":"2026-12-03T12:00:00Z","idempotencyKey":"k","success":true}"#,
        #"{"orderId":"o1","transactionInfo":{"status":"RESERVED","amount":100,"transactionId":"t","timeStamp":"x"}}"#,
        #"{"orderId":"o1","transactionInfo":{"status":"RESERVE","amount":"100"},"shippingDetails":{"shippingCost":"99.00","address":{"addressLine1":"a"}},"userDetails":{"firstName":"F"}}"#,
        #"{"addressId":1,"addressLine1":"a","city":"Oslo","postCode":"0150","country":"NO","addressType":"H"}"#,
    ].map { Array($0.utf8) } + [
        [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xFF], [0x6F, 0x80],
    ]

struct ABIDriver {
    enum Pool: CaseIterable {
        case config, client, params, callback, shippingRequest, shippingResponse, ownedError, borrowedError, result
    }

    private var input: FuzzInput
    private var pools: [Pool: [OpaquePointer]] = [:]
    private var temporaries: [UnsafeMutablePointer<CChar>] = []
    private var networkCalls = 0
    /// The address id each shipping response was created with.
    private var addressIds: [OpaquePointer: Int64] = [:]

    /// The number after `key` in JSON text (up to the next "," or "}").
    private static func numberText(after key: String, in json: String) -> String? {
        guard let range = json.ranges(of: key).first else { return nil }
        return String(json[range.upperBound...].prefix(while: { $0 != "," && $0 != "}" }))
    }

    init(_ input: FuzzInput) { self.input = input }

    mutating func run() {
        LoopbackServer.queue.withLock { $0.removeAll() }
        defer { LoopbackServer.queue.withLock { $0.removeAll() } }
        var steps = 0
        while !input.isAtEnd && steps < 256 {
            steps += 1
            step()
            for pointer in temporaries { free(pointer) }
            temporaries.removeAll()
        }
        // Free everything, the already freed and the borrowed included: a double free or the
        // free of a thread's last error must be a harmless no-op.
        for pointer in pools[.callback] ?? [] { vipps_callback_free(pointer) }
        for pointer in pools[.shippingRequest] ?? [] { vipps_shipping_request_free(pointer) }
        for pointer in pools[.shippingResponse] ?? [] { vipps_shipping_response_free(pointer) }
        for pointer in pools[.params] ?? [] { vipps_initiate_params_free(pointer) }
        for pointer in pools[.client] ?? [] { vipps_client_free(pointer) }
        for pointer in pools[.config] ?? [] { vipps_config_free(pointer) }
        for pointer in (pools[.ownedError] ?? []) + (pools[.borrowedError] ?? []) { vipps_error_free(pointer) }
        for pointer in pools[.result] ?? [] {
            vipps_payment_free(pointer)
            vipps_transaction_free(pointer)
            vipps_initiation_free(pointer)
            vipps_webhook_event_free(pointer)
            vipps_webhook_list_free(pointer)
            vipps_userinfo_free(pointer)
        }
    }

    // MARK: - Arguments

    private mutating func remember(_ pointer: OpaquePointer?, in pool: Pool) {
        guard let pointer, (pools[pool]?.count ?? 0) < 32 else { return }
        pools[pool, default: []].append(pointer)
    }

    /// A handle argument: usually one of `pool` (live or already freed), sometimes NULL, a
    /// handle of another kind, or a random address (the library must only look it up).
    private mutating func handle(_ pool: Pool) -> OpaquePointer? {
        let selector = input.byte()
        switch selector % 8 {
        case 0: return nil
        case 1: return OpaquePointer(bitPattern: UInt(input.uint64()))
        case 2:
            let all = pools.values.flatMap { $0 }
            return all.isEmpty ? nil : all[Int(input.byte()) % all.count]
        default:
            let candidates = pools[pool] ?? []
            return candidates.isEmpty ? nil : candidates[Int(selector / 8) % candidates.count]
        }
    }

    /// A string argument: NULL, empty, raw bytes (any encoding), 1-64 KiB, or a known value
    /// with or without trailing garbage.
    private mutating func string() -> UnsafePointer<CChar>? {
        let selector = input.byte()
        let bytes: [UInt8]
        switch selector % 8 {
        case 0: return nil
        case 1: bytes = []
        case 2, 3: bytes = input.take(Int(input.byte()))
        case 4:
            let fill = input.byte()
            bytes = Array(repeating: fill == 0 ? UInt8(ascii: "a") : fill, count: (Int(input.byte()) % 64 + 1) * 1024)
        case 5, 6: bytes = knownValues[Int(input.byte()) % knownValues.count]
        default: bytes = knownValues[Int(input.byte()) % knownValues.count] + input.take(Int(input.byte() % 16))
        }
        return temporary(bytes)
    }

    /// A malloc'd, NUL-terminated copy of exactly the needed size, freed after the call.
    private mutating func temporary(_ bytes: [UInt8]) -> UnsafePointer<CChar>? {
        guard let raw = malloc(bytes.count + 1) else { return nil }
        let pointer = raw.bindMemory(to: CChar.self, capacity: bytes.count + 1)
        for (index, byte) in bytes.enumerated() { pointer[index] = CChar(bitPattern: byte) }
        pointer[bytes.count] = 0
        temporaries.append(pointer)
        return UnsafePointer(pointer)
    }

    /// A file name for vipps_config_set_ca_file that can never be a real file (a fuzzer-made
    /// "/dev/zero" would block the run): NULL or something under a directory that does not exist.
    private mutating func caPath() -> UnsafePointer<CChar>? {
        guard input.bool() else { return nil }
        return temporary(Array("/nonexistent-vipps-fuzz/".utf8) + input.take(Int(input.byte() % 32)))
    }

    // MARK: - Checks

    /// Checks a returned status against the thread's last error and the out-parameter.
    private mutating func checked(
        _ status: vipps_status, out: OpaquePointer?? = .none, outMayBeNull: Bool = false,
        _ call: StaticString
    ) {
        check(documentedStatuses.contains(status), "\(call) returned the undocumented status \(status)")
        let last = vipps_error_last()
        if traceCalls {
            let message = status == 0 ? "" : vipps_error_message(last).flatMap { String(validatingCString: $0) } ?? ""
            print("abi: \(call) -> \(status) \(message.prefix(160))")
        }
        if status == 0 {
            check(last == nil, "\(call) succeeded but left a last error")
            if case .some(let value) = out, !outMayBeNull { check(value != nil, "\(call) succeeded without a result") }
        } else {
            check(last != nil, "\(call) failed without a last error")
            check(vipps_error_status(last) == status, "\(call): the last error's status differs from the returned one")
            readError(last)
            remember(last, in: .borrowedError)
            if case .some(let value) = out { check(value == nil, "\(call) failed but set its out-parameter") }
        }
        check(vipps_status_string(status) != nil, "no status string")
    }

    private func read(_ text: UnsafePointer<CChar>?) { if let text { _ = strlen(text) } }

    private func readError(_ error: OpaquePointer?) {
        _ = vipps_error_status(error)
        if error != nil, vipps_error_status(error) != 0 {
            check(vipps_error_message(error) != nil, "an error without a message")
        }
        read(vipps_error_message(error))
        _ = vipps_error_http_status(error)
        read(vipps_error_group(error))
        read(vipps_error_code(error))
        read(vipps_error_context_id(error))
        _ = vipps_error_is_retryable(error)
        _ = vipps_error_outcome_unknown(error)
        read(vipps_error_request_id(error))
        read(vipps_error_field(error))
        if vipps_error_field(error) != nil {
            check(
                vipps_error_status(error) == vipps_status(VIPPS_ERR_INVALID_ARGUMENT),
                "vipps_error_field names a field of an error that is not INVALID_ARGUMENT")
        }
    }

    /// An out-parameter, or NULL now and then (which must be refused, not written through).
    private mutating func withOut(
        _ body: (UnsafeMutablePointer<OpaquePointer?>?) -> vipps_status,
        _ call: StaticString, outMayBeNull: Bool = false
    ) -> OpaquePointer? {
        if input.byte() % 16 == 0 {
            checked(body(nil), call)
            return nil
        }
        var result: OpaquePointer? = OpaquePointer(bitPattern: 0xBAD)  // must be overwritten
        let status = body(&result)
        // The header: out-parameters are set to NULL on entry, so that a failed call never
        // leaves a stale pointer behind.
        check(result != OpaquePointer(bitPattern: 0xBAD), "\(call) left its out-parameter untouched")
        checked(status, out: .some(result), outMayBeNull: outMayBeNull, call)
        return result
    }

    // MARK: - Calls

    private mutating func step() {
        let opcode = input.byte()
        switch opcode % 41 {
        case 0:
            remember(withOut({ vipps_config_new($0) }, "vipps_config_new"), in: .config)
        case 1:
            vipps_config_free(handle(.config))
        case 2:
            checked(vipps_config_set_environment(handle(.config), input.int32()), "vipps_config_set_environment")
        case 3:
            checked(vipps_config_set_base_url(handle(.config), string()), "vipps_config_set_base_url")
        case 4:
            let config = handle(.config)
            switch input.byte() % 4 {
            case 0: checked(vipps_config_set_client_id(config, string()), "vipps_config_set_client_id")
            case 1: checked(vipps_config_set_client_secret(config, string()), "vipps_config_set_client_secret")
            case 2: checked(vipps_config_set_subscription_key(config, string()), "vipps_config_set_subscription_key")
            default:
                checked(
                    vipps_config_set_merchant_serial_number(config, string()), "vipps_config_set_merchant_serial_number"
                )
            }
        case 5:
            let config = handle(.config)
            let (a, b, c, d) = (string(), string(), string(), string())
            checked(vipps_config_set_system_info(config, a, b, c, d), "vipps_config_set_system_info")
        case 6:
            let config = handle(.config)
            let (a, b, c) = (input.int64(), input.int64(), input.int64())
            checked(vipps_config_set_timeouts(config, a, b, c), "vipps_config_set_timeouts")
            // The one-value setters get the same values, so the inputs keep their layout.
            checked(vipps_config_set_connect_timeout(config, a), "vipps_config_set_connect_timeout")
            checked(vipps_config_set_read_timeout(config, b), "vipps_config_set_read_timeout")
            checked(vipps_config_set_total_timeout(config, c), "vipps_config_set_total_timeout")
        case 7:
            checked(vipps_config_set_ca_file(handle(.config), caPath()), "vipps_config_set_ca_file")
        case 8:
            let config = handle(.config)
            let (a, b, c, d) = (input.int32(), input.int64(), input.int64(), input.int64())
            checked(vipps_config_set_retry_policy(config, a, b, c, d), "vipps_config_set_retry_policy")
            checked(vipps_config_set_max_attempts(config, a), "vipps_config_set_max_attempts")
            checked(vipps_config_set_initial_backoff(config, b), "vipps_config_set_initial_backoff")
            checked(vipps_config_set_max_backoff(config, c), "vipps_config_set_max_backoff")
            checked(vipps_config_set_call_deadline(config, d), "vipps_config_set_call_deadline")
        case 9:
            let config = handle(.config)
            let (a, b) = (input.int64(), input.int64())
            checked(vipps_config_set_poll_intervals(config, a, b), "vipps_config_set_poll_intervals")
            checked(vipps_config_set_poll_initial_delay(config, a), "vipps_config_set_poll_initial_delay")
            checked(vipps_config_set_poll_interval(config, b), "vipps_config_set_poll_interval")
        case 10:
            let config = handle(.config)
            let callback: vipps_log_fn? = input.byte() % 4 == 0 ? nil : hostLog
            let userData = input.bool() ? logUserData : nil
            let (level, personal) = (input.int32(), input.int32())
            checked(
                vipps_config_set_log_callback(config, callback, userData, level, personal),
                "vipps_config_set_log_callback")
        case 11:
            newClient()
        case 12:
            vipps_client_free(handle(.client))
        case 13:
            let client = handle(.client)
            remember(
                withOut({ vipps_client_last_error(client, $0) }, "vipps_client_last_error", outMayBeNull: true),
                in: .ownedError)
        case 14:
            let error: OpaquePointer?
            switch input.byte() % 3 {
            case 0: error = vipps_error_last()
            case 1: error = handle(.ownedError)
            default: error = handle(.borrowedError)
            }
            readError(error)
        case 15:
            vipps_error_free(input.bool() ? handle(.ownedError) : handle(.borrowedError))
        case 16:
            remember(withOut({ vipps_initiate_params_new($0) }, "vipps_initiate_params_new"), in: .params)
        case 17:
            vipps_initiate_params_free(handle(.params))
        case 18, 19, 20:
            setParam()
        case 21, 22:
            networkCall()
        case 23:
            readResults()
        case 24:
            checked(vipps_callback_verify(string(), string()), "vipps_callback_verify")
        case 25, 26:
            let body = string()
            remember(withOut({ vipps_callback_parse(body, $0) }, "vipps_callback_parse"), in: .callback)
        case 27:
            readCallback(handle(.callback))
        case 28:
            vipps_callback_free(handle(.callback))
        case 29:
            let body = string()
            let request = withOut({ vipps_shipping_request_parse(body, $0) }, "vipps_shipping_request_parse")
            remember(request, in: .shippingRequest)
        case 30:
            let request = handle(.shippingRequest)
            _ = vipps_shipping_request_address_id(request)
            for text in [
                vipps_shipping_request_address_line1(request), vipps_shipping_request_address_line2(request),
                vipps_shipping_request_city(request), vipps_shipping_request_post_code(request),
                vipps_shipping_request_country(request), vipps_shipping_request_address_type(request),
            ] {
                read(text)
            }
            if input.bool() { vipps_shipping_request_free(request) }
        case 31:
            let (addressId, orderId) = (input.int64(), string())
            let response = withOut(
                { vipps_shipping_response_new(addressId, orderId, $0) }, "vipps_shipping_response_new")
            remember(response, in: .shippingResponse)
            if let response { addressIds[response] = addressId }
        case 32:
            let response = handle(.shippingResponse)
            let (methodId, method, cost, isDefault, priority) = (
                string(), string(), input.int64(), input.int32(), input.int32()
            )
            checked(
                vipps_shipping_response_add_option(response, methodId, method, cost, isDefault, priority),
                "vipps_shipping_response_add_option")
        case 33:
            let response = handle(.shippingResponse)
            if input.byte() % 16 == 0 {
                checked(vipps_shipping_response_encode(response, nil), "vipps_shipping_response_encode")
            } else {
                var json: UnsafeMutablePointer<CChar>?
                let status = vipps_shipping_response_encode(response, &json)
                checked(status, "vipps_shipping_response_encode")
                check((status == 0) == (json != nil), "vipps_shipping_response_encode: result and status disagree")
                read(json)
                if let json, let response, let addressId = addressIds[response] {
                    // The header: Vipps' addressId is echoed. Exactly, or the answer names another address.
                    let echoed = Self.numberText(after: "\"addressId\":", in: String(validatingCString: json) ?? "")
                    check(echoed == String(addressId), "addressId \(addressId) echoed as \(echoed ?? "nothing")")
                }
                vipps_string_free(json)
            }
            if input.bool() { vipps_shipping_response_free(response) }
        case 34:
            let path = string()
            if input.byte() % 16 == 0 {
                checked(vipps_consent_removal_user_id(path, nil), "vipps_consent_removal_user_id")
            } else {
                var userId: UnsafeMutablePointer<CChar>?
                let status = vipps_consent_removal_user_id(path, &userId)
                checked(status, "vipps_consent_removal_user_id")
                check((status == 0) == (userId != nil), "vipps_consent_removal_user_id: result and status disagree")
                if let userId { check(strlen(userId) > 0 && strlen(userId) <= 100, "a user id out of range") }
                vipps_string_free(userId)
            }
        case 36:
            queueResponse()
        case 37:
            checked(vipps_config_set_payment_api(handle(.config), input.int32()), "vipps_config_set_payment_api")
        case 38:
            verifyWebhook()
        case 39:
            let body = input.take(Int(input.uint16() % 2048))
            let length = input.byte() % 8 == 0 ? 0 : body.count
            let nullBody = input.byte() % 16 == 0
            var event: OpaquePointer?
            let status = body.withUnsafeBytes { bytes in
                vipps_webhook_event_parse(nullBody ? nil : bytes.baseAddress, length, &event)
            }
            checked(status, out: .some(event), "vipps_webhook_event_parse")
            remember(event, in: .result)
        case 40:
            webhookOrUserinfoCall()
        default:
            read(vipps_version())
            check(vipps_version_number() == VIPPS_VERSION_NUMBER, "the library and header versions differ")
            check(vipps_status_string(input.int32()) != nil, "vipps_status_string returned NULL")
            check(vipps_state_string(input.int32()) != nil, "vipps_state_string returned NULL")
            vipps_string_free(nil)
        }
    }

    /// A client from a config, after pointing the config where nothing listens and making every
    /// call a single, quick attempt (the program chose everything else). https clients trust a
    /// one-certificate CA file or one that does not exist: loading the system store on every
    /// client would cost milliseconds and test nothing of ours.
    private mutating func newClient() {
        let config = handle(.config)
        let server = input.byte() % 3
        let https = server == 1
        let url =
            server == 2
            ? "http://127.0.0.1:\(LoopbackServer.port)" : https ? "https://127.0.0.1:1" : "http://127.0.0.1:1"
        _ = vipps_config_set_base_url(config, url)
        if https { _ = vipps_config_set_ca_file(config, input.bool() ? testCAFile : "/nonexistent-vipps-fuzz/ca.pem") }
        _ = vipps_config_set_retry_policy(config, 1, 0, 0, 1_000)
        _ = vipps_config_set_timeouts(config, 100, 100, 200)
        _ = vipps_config_set_poll_intervals(config, 0, 100)
        remember(withOut({ vipps_client_new(config, $0) }, "vipps_client_new"), in: .client)
    }

    private mutating func setParam() {
        let params = handle(.params)
        switch input.byte() % 24 {
        case 0: checked(vipps_initiate_params_set_order_id(params, string()), "vipps_initiate_params_set_order_id")
        case 1: checked(vipps_initiate_params_set_amount(params, input.int64()), "vipps_initiate_params_set_amount")
        case 2:
            checked(
                vipps_initiate_params_set_transaction_text(params, string()),
                "vipps_initiate_params_set_transaction_text")
        case 3:
            checked(
                vipps_initiate_params_set_callback_prefix(params, string()), "vipps_initiate_params_set_callback_prefix"
            )
        case 4:
            checked(vipps_initiate_params_set_fallback_url(params, string()), "vipps_initiate_params_set_fallback_url")
        case 5:
            checked(vipps_initiate_params_set_phone_number(params, string()), "vipps_initiate_params_set_phone_number")
        case 6: checked(vipps_initiate_params_set_auth_token(params, string()), "vipps_initiate_params_set_auth_token")
        case 7: checked(vipps_initiate_params_set_express(params, input.int32()), "vipps_initiate_params_set_express")
        case 8:
            checked(
                vipps_initiate_params_set_shipping_details_prefix(params, string()),
                "vipps_initiate_params_set_shipping_details_prefix")
        case 9:
            checked(
                vipps_initiate_params_set_consent_removal_prefix(params, string()),
                "vipps_initiate_params_set_consent_removal_prefix")
        case 10:
            let (methodId, method, cost, isDefault, priority) = (
                string(), string(), input.int64(), input.int32(), input.int32()
            )
            checked(
                vipps_initiate_params_add_static_shipping_option(params, methodId, method, cost, isDefault, priority),
                "vipps_initiate_params_add_static_shipping_option")
        case 11: checked(vipps_initiate_params_set_is_app(params, input.int32()), "vipps_initiate_params_set_is_app")
        case 12:
            checked(
                vipps_initiate_params_set_skip_landing_page(params, input.int32()),
                "vipps_initiate_params_set_skip_landing_page")
        case 13: checked(vipps_initiate_params_set_scope(params, string()), "vipps_initiate_params_set_scope")
        case 14: checked(vipps_initiate_params_set_currency(params, string()), "vipps_initiate_params_set_currency")
        case 15: checked(vipps_initiate_params_set_user_flow(params, string()), "vipps_initiate_params_set_user_flow")
        case 16:
            checked(
                vipps_initiate_params_set_customer_phone_number(params, string()),
                "vipps_initiate_params_set_customer_phone_number")
        case 17:
            checked(
                vipps_initiate_params_set_idempotency_key(params, string()), "vipps_initiate_params_set_idempotency_key"
            )
        case 18: checked(vipps_initiate_params_set_expires_at(params, string()), "vipps_initiate_params_set_expires_at")
        case 19:
            let (id, name) = (string(), string())
            let (total, excludingTax, tax) = (input.int64(), input.int64(), input.int64())
            let (rate, isShipping) = (input.int32(), input.int32())
            checked(
                vipps_initiate_params_add_receipt_line(params, id, name, total, excludingTax, tax, rate, isShipping),
                "vipps_initiate_params_add_receipt_line")
        case 20:
            let (tip, posId, receiptNumber) = (input.int64(), string(), string())
            checked(
                vipps_initiate_params_set_receipt_bottom_line(params, tip, posId, receiptNumber),
                "vipps_initiate_params_set_receipt_bottom_line")
        case 21:
            checked(
                vipps_initiate_params_set_customer_personal_qr(params, string()),
                "vipps_initiate_params_set_customer_personal_qr")
        case 22:
            checked(
                vipps_initiate_params_set_customer_token(params, string()), "vipps_initiate_params_set_customer_token")
        default:
            let (format, size) = (string(), input.int32())
            checked(vipps_initiate_params_set_qr_format(params, format, size), "vipps_initiate_params_set_qr_format")
        }
    }

    /// vipps_webhook_verify(_at) on fuzzed headers, body and secrets. Counts never exceed the
    /// arrays given (a C caller's promise the library cannot check); NULL arrays come with any count.
    private mutating func verifyWebhook() {
        let method = string()
        let url = string()
        var names: [UnsafePointer<CChar>?] = []
        var values: [UnsafePointer<CChar>?] = []
        for _ in 0..<Int(input.byte() % 8) {
            names.append(string())
            values.append(string())
        }
        var secrets: [UnsafePointer<CChar>?] = []
        for _ in 0..<Int(input.byte() % 4) { secrets.append(string()) }
        let body = input.take(Int(input.uint16() % 2048))
        let nullArrays = input.byte()
        let headerCount = nullArrays & 1 != 0 ? Int(input.byte()) : names.count
        let secretCount = nullArrays & 2 != 0 ? Int(input.byte()) : secrets.count
        let bodyLength = nullArrays & 4 != 0 ? Int(input.byte()) : body.count
        let (window, now, atTime) = (input.int64(), input.int64(), input.bool())
        var refusal: vipps_webhook_refusal = 0xBAD
        let status = names.withUnsafeBufferPointer { names in
            values.withUnsafeBufferPointer { values in
                secrets.withUnsafeBufferPointer { secrets in
                    body.withUnsafeBytes { bytes in
                        let (n, v) = nullArrays & 1 != 0 ? (nil, nil) : (names.baseAddress, values.baseAddress)
                        let k = nullArrays & 2 != 0 ? nil : secrets.baseAddress
                        let b = nullArrays & 4 != 0 ? nil : bytes.baseAddress
                        return atTime
                            ? vipps_webhook_verify_at(
                                method, url, n, v, headerCount, b, bodyLength, k, secretCount, window, now, &refusal)
                            : vipps_webhook_verify(
                                method, url, n, v, headerCount, b, bodyLength, k, secretCount, window, &refusal)
                    }
                }
            }
        }
        checked(status, atTime ? "vipps_webhook_verify_at" : "vipps_webhook_verify")
        check(vipps_webhook_refusal_string(refusal) != nil, "vipps_webhook_refusal_string returned NULL")
        check(
            vipps_webhook_refusal_string(input.int32()) != nil,
            "vipps_webhook_refusal_string returned NULL")
    }

    /// Registrations and Userinfo over the network (the loopback server answers, or nothing does).
    private mutating func webhookOrUserinfoCall() {
        guard networkCalls < 16 else { return }
        networkCalls += 1
        let client = handle(.client)
        switch input.byte() % 4 {
        case 0:
            let url = string()
            var events: [UnsafePointer<CChar>?] = []
            for _ in 0..<Int(input.byte() % 4) { events.append(string()) }
            var id: UnsafeMutablePointer<CChar>?
            var secret: UnsafeMutablePointer<CChar>?
            let status = events.withUnsafeBufferPointer { events in
                vipps_webhook_register(client, url, events.baseAddress, events.count, &id, &secret)
            }
            checked(status, "vipps_webhook_register")
            check((status == 0) == (id != nil && secret != nil), "vipps_webhook_register: results and status disagree")
            read(id)
            read(secret)
            vipps_string_free(id)
            vipps_string_free(secret)
        case 1:
            remember(withOut({ vipps_webhook_get_list(client, $0) }, "vipps_webhook_get_list"), in: .result)
        case 2:
            checked(vipps_webhook_delete(client, string()), "vipps_webhook_delete")
        default:
            let sub = string()
            remember(withOut({ vipps_userinfo_get(client, sub, $0) }, "vipps_userinfo_get"), in: .result)
        }
    }

    /// Queues the loopback server's answer to a coming request: a token, a status with a known
    /// Vipps body, a status with fuzzed bytes as the body, or fuzzed bytes as the whole answer.
    private mutating func queueResponse() {
        let statuses = [200, 200, 201, 204, 400, 401, 402, 403, 404, 409, 429, 500, 502, 503]
        var status = statuses[Int(input.byte()) % statuses.count]
        let body: [UInt8]
        switch input.byte() % 4 {
        case 0:
            status = 200
            body = Array(#"{"access_token":"fuzz-token-1","expires_in":"3600","token_type":"Bearer"}"#.utf8)
        case 1:
            body = knownBodies[Int(input.byte()) % knownBodies.count]
        case 2:
            body = input.take(Int(input.uint16() % 2048))
        default:
            let raw = input.take(Int(input.uint16() % 4096))
            LoopbackServer.queue.withLock { if $0.count < 16 { $0.append(raw) } }
            return
        }
        let close = input.bool() ? "Connection: close\r\n" : ""
        let head =
            "HTTP/1.1 \(status) Fuzz\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\(close)\r\n"
        LoopbackServer.queue.withLock { if $0.count < 16 { $0.append(Array(head.utf8) + body) } }
    }

    /// Calls that would reach Vipps: validation runs in full, then the connection is refused or
    /// the loopback server answers what the program queued.
    private mutating func networkCall() {
        guard networkCalls < 16 else { return }
        networkCalls += 1
        let client = handle(.client)
        switch input.byte() % 8 {
        case 0:
            let params = handle(.params)
            remember(withOut({ vipps_payment_initiate(client, params, $0) }, "vipps_payment_initiate"), in: .result)
        case 1:
            let orderId = string()
            remember(
                withOut({ vipps_payment_get_details(client, orderId, $0) }, "vipps_payment_get_details"), in: .result)
        case 2:
            let orderId = string()
            // Valid timeouts are cut to a few milliseconds: the wait itself is not under test.
            let requested = input.int64()
            let timeout = (1...3_600_000).contains(requested) ? min(requested, 5) : requested
            remember(withOut({ vipps_payment_wait(client, orderId, timeout, $0) }, "vipps_payment_wait"), in: .result)
        case 3:
            let orderId = string()
            remember(
                withOut({ vipps_payment_get_status(client, orderId, $0) }, "vipps_payment_get_status"), in: .result)
        case 4:
            let (orderId, amount, text, key) = (string(), input.int64(), string(), string())
            remember(
                withOut({ vipps_payment_capture(client, orderId, amount, text, key, $0) }, "vipps_payment_capture"),
                in: .result)
        case 5:
            let (orderId, amount, text, key) = (string(), input.int64(), string(), string())
            remember(
                withOut({ vipps_payment_refund(client, orderId, amount, text, key, $0) }, "vipps_payment_refund"),
                in: .result)
        case 6:
            let (orderId, text, release) = (string(), string(), input.int32())
            remember(
                withOut({ vipps_payment_cancel(client, orderId, text, release, $0) }, "vipps_payment_cancel"),
                in: .result)
        default:
            let (orderId, phone, token) = (string(), string(), string())
            checked(vipps_payment_force_approve(client, orderId, phone, token), "vipps_payment_force_approve")
        }
    }

    /// The accessors of payments, transactions and initiations, on whatever handle comes up.
    private mutating func readResults() {
        let result = handle(.result)
        let index = input.bool() ? Int(input.byte() % 4) : Int(bitPattern: UInt(input.uint64()))
        read(vipps_payment_order_id(result))
        _ = vipps_state_string(vipps_payment_state(result))
        _ =
            vipps_payment_amount(result) &+ vipps_payment_captured_amount(result)
            &+ vipps_payment_refunded_amount(result)
        _ = vipps_payment_remaining_to_capture(result) &+ vipps_payment_remaining_to_refund(result)
        read(vipps_payment_json(result))
        _ = vipps_payment_log_count(result)
        read(vipps_payment_log_operation(result, index))
        _ = vipps_payment_log_amount(result, index)
        _ = vipps_payment_log_success(result, index)
        read(vipps_payment_log_transaction_id(result, index))
        read(vipps_payment_log_transaction_text(result, index))
        read(vipps_payment_log_timestamp(result, index))
        read(vipps_payment_log_request_id(result, index))
        let amount = input.int64()
        let captureStatus = vipps_payment_check_capture(result, amount)
        checked(captureStatus, "vipps_payment_check_capture")
        var info = vipps_payment_info()
        info.size = MemoryLayout<vipps_payment_info>.size
        let readStatus = vipps_payment_read(result, &info)
        checked(readStatus, "vipps_payment_read")
        if readStatus == 0 {
            check(
                info.amount == vipps_payment_amount(result) && info.state == vipps_payment_state(result)
                    && info.remaining_to_capture == vipps_payment_remaining_to_capture(result)
                    && info.order_id == vipps_payment_order_id(result),
                "vipps_payment_read disagrees with the accessors")
            for text in [
                info.shipping_method_id, info.shipping_method, info.address_line1, info.address_line2, info.city,
                info.post_code, info.country, info.first_name, info.last_name, info.email, info.phone_number,
                info.user_id,
            ] {
                read(text)
            }
            // The rule on copied values decides as the snapshot's own check does.
            let copied = vipps_check_capture_amount(info.state, info.remaining_to_capture, amount)
            checked(copied, "vipps_check_capture_amount")
            check(copied == captureStatus, "vipps_check_capture_amount and vipps_payment_check_capture disagree")
        }
        for text in [
            vipps_transaction_order_id(result), vipps_transaction_status(result), vipps_transaction_id(result),
            vipps_transaction_text(result), vipps_transaction_timestamp(result),
            vipps_transaction_request_id(result), vipps_transaction_json(result),
        ] {
            read(text)
        }
        _ = vipps_transaction_amount(result) &+ vipps_transaction_captured_amount(result)
        _ = vipps_transaction_remaining_to_capture(result) &+ vipps_transaction_refunded_amount(result)
        _ = vipps_transaction_remaining_to_refund(result)
        for text in [
            vipps_initiation_order_id(result), vipps_initiation_url(result), vipps_initiation_token(result),
            vipps_initiation_json(result), vipps_initiation_idempotency_key(result),
        ] {
            read(text)
        }
        readEPaymentResults(result, index)
    }

    /// What only ePayment, Webhooks and Userinfo have, on whatever handle comes up.
    private mutating func readEPaymentResults(_ result: OpaquePointer?, _ index: Int) {
        read(vipps_payment_currency(result))
        _ = vipps_payment_cancelled_amount(result)
        read(vipps_payment_sub(result))
        let events = vipps_payment_event_count(result)
        read(vipps_payment_event_name(result, index))
        _ = vipps_payment_event_amount(result, index) &+ Int64(vipps_payment_event_success(result, index))
        read(vipps_payment_event_idempotency_key(result, index))
        read(vipps_payment_event_timestamp(result, index))
        var entries = [vipps_payment_event_entry](repeating: vipps_payment_event_entry(), count: 4)
        var count = 0
        let capacity = input.bool() ? entries.count : 0
        let readStatus = entries.withUnsafeMutableBufferPointer { buffer in
            vipps_payment_event_read(
                result, input.byte() % 16 == 0 ? nil : buffer.baseAddress, capacity,
                MemoryLayout<vipps_payment_event_entry>.size, &count)
        }
        checked(readStatus, "vipps_payment_event_read")
        if readStatus == 0 { check(count == events, "vipps_payment_event_read counts other events than the accessors") }

        _ = vipps_webhook_event_kind(result)
        for text in [
            vipps_webhook_event_name(result), vipps_webhook_event_type(result), vipps_webhook_event_msn(result),
            vipps_webhook_event_reference(result), vipps_webhook_event_psp_reference(result),
            vipps_webhook_event_currency(result), vipps_webhook_event_idempotency_key(result),
            vipps_webhook_event_timestamp(result), vipps_webhook_event_json(result),
        ] {
            read(text)
        }
        _ = vipps_webhook_event_amount(result) &+ Int64(vipps_webhook_event_success(result))

        let registrations = vipps_webhook_list_count(result)
        let position = registrations > 0 && input.bool() ? index % registrations : index
        read(vipps_webhook_list_id(result, position))
        read(vipps_webhook_list_url(result, position))
        read(vipps_webhook_list_event(result, position, Int(input.byte() % 4)))
        _ = vipps_webhook_list_event_count(result, position)

        for text in [
            vipps_userinfo_sub(result), vipps_userinfo_name(result), vipps_userinfo_given_name(result),
            vipps_userinfo_family_name(result), vipps_userinfo_email(result), vipps_userinfo_phone_number(result),
            vipps_userinfo_birthdate(result), vipps_userinfo_nin(result), vipps_userinfo_street_address(result),
            vipps_userinfo_postal_code(result), vipps_userinfo_region(result), vipps_userinfo_country(result),
            vipps_userinfo_formatted_address(result), vipps_userinfo_address_type(result), vipps_userinfo_json(result),
        ] {
            read(text)
        }
        _ = vipps_userinfo_email_verified(result)
    }

    private mutating func readCallback(_ callback: OpaquePointer?) {
        for text in [
            vipps_callback_order_id(callback), vipps_callback_merchant_serial_number(callback),
            vipps_callback_status(callback), vipps_callback_transaction_id(callback),
            vipps_callback_timestamp(callback), vipps_callback_shipping_method_id(callback),
            vipps_callback_shipping_method(callback), vipps_callback_address_line1(callback),
            vipps_callback_address_line2(callback), vipps_callback_city(callback),
            vipps_callback_post_code(callback), vipps_callback_country(callback),
            vipps_callback_first_name(callback), vipps_callback_last_name(callback),
            vipps_callback_email(callback), vipps_callback_phone_number(callback),
            vipps_callback_user_id(callback), vipps_callback_error_group(callback),
            vipps_callback_error_code(callback), vipps_callback_error_message(callback),
            vipps_callback_json(callback),
        ] {
            read(text)
        }
        _ = vipps_state_string(vipps_callback_state(callback))
        _ = vipps_callback_amount(callback) &+ vipps_callback_shipping_cost(callback)
        _ = vipps_callback_is_express(callback)
        if input.bool() { vipps_callback_free(callback) }
    }
}
