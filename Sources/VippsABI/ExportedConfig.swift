import CVipps
import VippsCore

/// A `vipps_config`: the settings a client is created from.
final class ConfigHandle {
    var configuration = ClientConfiguration()
}

/// The live `vipps_config` behind a pointer, or the invalid-argument error every setter reports.
func configHandle(_ pointer: OpaquePointer?) throws(VippsError) -> ConfigHandle {
    guard let handle = Handles.lookup(pointer, ConfigHandle.self, kind: .config) else {
        throw .invalidArgument("config", pointer == nil ? "must not be NULL" : "is not a live vipps_config")
    }
    return handle
}

@c @implementation
public func vipps_config_new(_ out: UnsafeMutablePointer<OpaquePointer?>?) -> vipps_status {
    abiCall { () throws(VippsError) in
        let out = try clearOut(out)
        out.pointee = Handles.export(ConfigHandle(), as: .config)
    }
}

@c @implementation
public func vipps_config_free(_ config: OpaquePointer?) {
    Handles.release(config, kind: .config)
}

@c @implementation
public func vipps_config_set_environment(_ config: OpaquePointer?, _ environment: vipps_environment) -> vipps_status {
    abiCall { () throws(VippsError) in
        let handle = try configHandle(config)
        // Choosing an environment after a base URL would drop the URL without a word; a base URL
        // after production would send real credentials wherever it points.
        let hadBaseURL = handle.configuration.environment.isCustom
        switch environment {
        case vipps_environment(VIPPS_ENV_TEST) where hadBaseURL,
            vipps_environment(VIPPS_ENV_PRODUCTION) where hadBaseURL:
            throw .invalidArgument("environment", "cannot be combined with a base URL (set one or the other)")
        case vipps_environment(VIPPS_ENV_TEST): handle.configuration.environment = .test
        case vipps_environment(VIPPS_ENV_PRODUCTION): handle.configuration.environment = .production
        case vipps_environment(VIPPS_ENV_CUSTOM):
            throw .invalidArgument("environment", "VIPPS_ENV_CUSTOM is selected by vipps_config_set_base_url")
        default:
            throw .invalidArgument("environment", "must be VIPPS_ENV_TEST or VIPPS_ENV_PRODUCTION")
        }
    }
}

@c @implementation
public func vipps_config_set_base_url(_ config: OpaquePointer?, _ baseURL: UnsafePointer<CChar>?) -> vipps_status {
    abiCall { () throws(VippsError) in
        let handle = try configHandle(config)
        let url = try CInput.string(baseURL, "base_url")
        if handle.configuration.environment == .production {
            throw .invalidArgument("base_url", "cannot be combined with VIPPS_ENV_PRODUCTION")
        }
        _ = try VippsEnvironment.custom(baseURL: url).validatedEndpoint()
        handle.configuration.environment = .custom(baseURL: url)
    }
}

@c @implementation
public func vipps_config_set_client_id(_ config: OpaquePointer?, _ value: UnsafePointer<CChar>?) -> vipps_status {
    abiCall { () throws(VippsError) in
        try configHandle(config).configuration.clientId = try CInput.string(value, "client_id")
    }
}

@c @implementation
public func vipps_config_set_client_secret(_ config: OpaquePointer?, _ value: UnsafePointer<CChar>?) -> vipps_status {
    abiCall { () throws(VippsError) in
        try configHandle(config).configuration.clientSecret = try CInput.string(value, "client_secret")
    }
}

@c @implementation
public func vipps_config_set_subscription_key(_ config: OpaquePointer?, _ value: UnsafePointer<CChar>?) -> vipps_status
{
    abiCall { () throws(VippsError) in
        try configHandle(config).configuration.subscriptionKey = try CInput.string(value, "subscription_key")
    }
}

@c @implementation
public func vipps_config_set_merchant_serial_number(_ config: OpaquePointer?, _ value: UnsafePointer<CChar>?)
    -> vipps_status
{
    abiCall { () throws(VippsError) in
        let handle = try configHandle(config)
        let msn = try CInput.string(value, "merchant_serial_number")
        try ClientConfiguration.checkMerchantSerialNumber(msn)
        handle.configuration.merchantSerialNumber = msn
    }
}

@c @implementation
public func vipps_config_set_payment_api(_ config: OpaquePointer?, _ api: vipps_payment_api) -> vipps_status {
    abiCall { () throws(VippsError) in
        let handle = try configHandle(config)
        guard let chosen = PaymentAPI(rawValue: api) else {
            throw .invalidArgument("api", "must be VIPPS_PAYMENT_API_ECOM or VIPPS_PAYMENT_API_EPAYMENT")
        }
        handle.configuration.api = chosen
    }
}

@c @implementation
public func vipps_config_set_system_info(
    _ config: OpaquePointer?, _ systemName: UnsafePointer<CChar>?,
    _ systemVersion: UnsafePointer<CChar>?, _ pluginName: UnsafePointer<CChar>?,
    _ pluginVersion: UnsafePointer<CChar>?
) -> vipps_status {
    abiCall { () throws(VippsError) in
        let handle = try configHandle(config)
        var info = handle.configuration.systemInfo
        if let value = try CInput.optionalString(systemName, "system_name") { info.systemName = value }
        if let value = try CInput.optionalString(systemVersion, "system_version") { info.systemVersion = value }
        if let value = try CInput.optionalString(pluginName, "plugin_name") { info.pluginName = value }
        if let value = try CInput.optionalString(pluginVersion, "plugin_version") { info.pluginVersion = value }
        try info.validate()
        handle.configuration.systemInfo = info
    }
}

@c @implementation
public func vipps_config_set_timeouts(
    _ config: OpaquePointer?, _ connectMilliseconds: Int64,
    _ readMilliseconds: Int64, _ totalMilliseconds: Int64
) -> vipps_status {
    abiCall { () throws(VippsError) in
        let handle = try configHandle(config)
        var updated = handle.configuration
        updated.connectTimeoutMilliseconds = connectMilliseconds
        updated.readTimeoutMilliseconds = readMilliseconds
        updated.totalTimeoutMilliseconds = totalMilliseconds
        try updated.checkTimeouts()
        handle.configuration = updated
    }
}

/// Changes one setting: the others, valid already, are left as they are.
private func updateConfiguration(
    _ config: OpaquePointer?, _ change: (inout ClientConfiguration) throws(VippsError) -> Void
) -> vipps_status {
    abiCall { () throws(VippsError) in
        let handle = try configHandle(config)
        var updated = handle.configuration
        try change(&updated)
        handle.configuration = updated
    }
}

@c @implementation
public func vipps_config_set_connect_timeout(_ config: OpaquePointer?, _ milliseconds: Int64) -> vipps_status {
    updateConfiguration(config) { (configuration) throws(VippsError) in
        configuration.connectTimeoutMilliseconds = milliseconds
        try configuration.checkTimeouts()
    }
}

@c @implementation
public func vipps_config_set_read_timeout(_ config: OpaquePointer?, _ milliseconds: Int64) -> vipps_status {
    updateConfiguration(config) { (configuration) throws(VippsError) in
        configuration.readTimeoutMilliseconds = milliseconds
        try configuration.checkTimeouts()
    }
}

@c @implementation
public func vipps_config_set_total_timeout(_ config: OpaquePointer?, _ milliseconds: Int64) -> vipps_status {
    updateConfiguration(config) { (configuration) throws(VippsError) in
        configuration.totalTimeoutMilliseconds = milliseconds
        try configuration.checkTimeouts()
    }
}

/// Sets one retry setting after checking it by itself. How two of them relate (max_backoff_ms at
/// least initial_backoff_ms) is left to vipps_client_new, so that the one-value setters can be
/// called in any order: the probe's other values accept every value in range.
private func setRetrySetting<Value>(
    _ config: OpaquePointer?, _ setting: WritableKeyPath<RetryPolicy, Value>, _ value: Value
) -> vipps_status {
    updateConfiguration(config) { (configuration) throws(VippsError) in
        var probe = RetryPolicy(
            maxAttempts: 1, initialBackoffMilliseconds: 0, maxBackoffMilliseconds: 300_000, callDeadlineMilliseconds: 1)
        probe[keyPath: setting] = value
        try probe.check()
        configuration.retryPolicy[keyPath: setting] = value
    }
}

@c @implementation
public func vipps_config_set_max_attempts(_ config: OpaquePointer?, _ maxAttempts: Int32) -> vipps_status {
    setRetrySetting(config, \.maxAttempts, Int(maxAttempts))
}

@c @implementation
public func vipps_config_set_initial_backoff(_ config: OpaquePointer?, _ milliseconds: Int64) -> vipps_status {
    setRetrySetting(config, \.initialBackoffMilliseconds, milliseconds)
}

@c @implementation
public func vipps_config_set_max_backoff(_ config: OpaquePointer?, _ milliseconds: Int64) -> vipps_status {
    setRetrySetting(config, \.maxBackoffMilliseconds, milliseconds)
}

@c @implementation
public func vipps_config_set_call_deadline(_ config: OpaquePointer?, _ milliseconds: Int64) -> vipps_status {
    setRetrySetting(config, \.callDeadlineMilliseconds, milliseconds)
}

@c @implementation
public func vipps_config_set_poll_initial_delay(_ config: OpaquePointer?, _ milliseconds: Int64) -> vipps_status {
    updateConfiguration(config) { (configuration) throws(VippsError) in
        configuration.pollInitialDelayMilliseconds = milliseconds
        try configuration.checkPolling()
    }
}

@c @implementation
public func vipps_config_set_poll_interval(_ config: OpaquePointer?, _ milliseconds: Int64) -> vipps_status {
    updateConfiguration(config) { (configuration) throws(VippsError) in
        configuration.pollIntervalMilliseconds = milliseconds
        try configuration.checkPolling()
    }
}

@c @implementation
public func vipps_config_set_ca_file(_ config: OpaquePointer?, _ path: UnsafePointer<CChar>?) -> vipps_status {
    abiCall { () throws(VippsError) in
        let handle = try configHandle(config)
        handle.configuration.caFile = try CInput.optionalString(path, "ca_file")
    }
}

@c @implementation
public func vipps_config_set_retry_policy(
    _ config: OpaquePointer?, _ maxAttempts: Int32, _ initialBackoffMilliseconds: Int64,
    _ maxBackoffMilliseconds: Int64, _ callDeadlineMilliseconds: Int64
) -> vipps_status {
    abiCall { () throws(VippsError) in
        let handle = try configHandle(config)
        let policy = RetryPolicy(
            maxAttempts: Int(maxAttempts), initialBackoffMilliseconds: initialBackoffMilliseconds,
            maxBackoffMilliseconds: maxBackoffMilliseconds,
            callDeadlineMilliseconds: callDeadlineMilliseconds)
        try policy.check()
        handle.configuration.retryPolicy = policy
    }
}

@c @implementation
public func vipps_config_set_poll_intervals(
    _ config: OpaquePointer?, _ initialDelayMilliseconds: Int64,
    _ intervalMilliseconds: Int64
) -> vipps_status {
    abiCall { () throws(VippsError) in
        let handle = try configHandle(config)
        var updated = handle.configuration
        updated.pollInitialDelayMilliseconds = initialDelayMilliseconds
        updated.pollIntervalMilliseconds = intervalMilliseconds
        try updated.checkPolling()
        handle.configuration = updated
    }
}

/// The host's log function and its context pointer, called on the thread that logs.
/// @unchecked Sendable: the pointer is the host's; the header tells the host it may be used
/// from every thread that calls libvipps.
private struct HostLogTarget: @unchecked Sendable {
    let callback: vipps_log_fn
    let userData: UnsafeMutableRawPointer?
}

@c @implementation
public func vipps_config_set_log_callback(
    _ config: OpaquePointer?, _ callback: vipps_log_fn?,
    _ userData: UnsafeMutableRawPointer?, _ level: Int32,
    _ includePersonalData: Int32
) -> vipps_status {
    abiCall { () throws(VippsError) in
        let handle = try configHandle(config)
        guard let callback else {
            handle.configuration.logSink = nil
            return
        }
        guard let minimum = LogLevel(rawValue: level) else {
            throw .invalidArgument("level", "must be VIPPS_LOG_ERROR .. VIPPS_LOG_DEBUG")
        }
        let target = HostLogTarget(callback: callback, userData: userData)
        handle.configuration.logSink = LogSink(minimumLevel: minimum, includePersonalData: includePersonalData != 0) {
            level, message in
            message.withCString { target.callback(target.userData, level.rawValue, $0) }
        }
    }
}
