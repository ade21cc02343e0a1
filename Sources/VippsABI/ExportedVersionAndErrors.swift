import CVipps
import VippsCore

// Version, status strings and the vipps_error accessors.

@c @implementation
public func vipps_version() -> UnsafePointer<CChar>? {
    staticCString(LibraryVersion.cString)
}

@c @implementation
public func vipps_version_number() -> Int32 {
    Int32(LibraryVersion.number)
}

@c @implementation
public func vipps_status_string(_ status: vipps_status) -> UnsafePointer<CChar>? {
    switch status {
    case vipps_status(VIPPS_OK): return staticCString("ok\0")
    case vipps_status(VIPPS_ERR_INVALID_ARGUMENT): return staticCString("invalid argument\0")
    case vipps_status(VIPPS_ERR_NOT_ALLOWED): return staticCString("not allowed\0")
    case vipps_status(VIPPS_ERR_NETWORK): return staticCString("network error\0")
    case vipps_status(VIPPS_ERR_TIMEOUT): return staticCString("timeout\0")
    case vipps_status(VIPPS_ERR_TLS): return staticCString("TLS error\0")
    case vipps_status(VIPPS_ERR_PROTOCOL): return staticCString("protocol error\0")
    case vipps_status(VIPPS_ERR_OUTCOME_UNKNOWN): return staticCString("outcome unknown\0")
    case vipps_status(VIPPS_ERR_AUTHENTICATION): return staticCString("authentication failed\0")
    case vipps_status(VIPPS_ERR_NOT_FOUND): return staticCString("not found\0")
    case vipps_status(VIPPS_ERR_REJECTED): return staticCString("rejected by Vipps\0")
    case vipps_status(VIPPS_ERR_RATE_LIMITED): return staticCString("rate limited\0")
    case vipps_status(VIPPS_ERR_SERVER): return staticCString("Vipps server error\0")
    case vipps_status(VIPPS_ERR_INTERNAL): return staticCString("internal error\0")
    default: return staticCString("unknown status\0")
    }
}

@c @implementation
public func vipps_error_last() -> OpaquePointer? {
    LastError.current()
}

private func errorHandle(_ pointer: OpaquePointer?) -> ErrorHandle? {
    Handles.lookup(pointer, ErrorHandle.self, kinds: [.ownedError, .borrowedError])
}

@c @implementation
public func vipps_error_status(_ error: OpaquePointer?) -> vipps_status {
    errorHandle(error)?.error.category.rawValue ?? vipps_status(VIPPS_OK)
}

@c @implementation
public func vipps_error_message(_ error: OpaquePointer?) -> UnsafePointer<CChar>? {
    errorHandle(error)?.message.unsafePointer
}

@c @implementation
public func vipps_error_http_status(_ error: OpaquePointer?) -> Int32 {
    Int32(clamping: errorHandle(error)?.error.httpStatus ?? 0)
}

@c @implementation
public func vipps_error_group(_ error: OpaquePointer?) -> UnsafePointer<CChar>? {
    errorHandle(error)?.group?.unsafePointer
}

@c @implementation
public func vipps_error_code(_ error: OpaquePointer?) -> UnsafePointer<CChar>? {
    errorHandle(error)?.code?.unsafePointer
}

@c @implementation
public func vipps_error_context_id(_ error: OpaquePointer?) -> UnsafePointer<CChar>? {
    errorHandle(error)?.contextId?.unsafePointer
}

@c @implementation
public func vipps_error_is_retryable(_ error: OpaquePointer?) -> Int32 {
    errorHandle(error)?.error.isRetryable == true ? 1 : 0
}

@c @implementation
public func vipps_error_outcome_unknown(_ error: OpaquePointer?) -> Int32 {
    errorHandle(error)?.error.outcomeUnknown == true ? 1 : 0
}

@c @implementation
public func vipps_error_free(_ error: OpaquePointer?) {
    // Only copies are freed; the thread-local error (a "borrowed" handle) is ignored.
    Handles.release(error, kind: .ownedError)
}

@c @implementation
public func vipps_error_field(_ error: OpaquePointer?) -> UnsafePointer<CChar>? {
    errorHandle(error)?.field?.unsafePointer
}

@c @implementation
public func vipps_error_request_id(_ error: OpaquePointer?) -> UnsafePointer<CChar>? {
    errorHandle(error)?.requestId?.unsafePointer
}
