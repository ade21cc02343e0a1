import CVipps
import VippsCore
import VippsHTTP

/// A `vipps_client`: the core client plus the per-handle last error (sqlite3_errmsg style).
final class ClientHandle: Sendable {
    let client: VippsClient
    private let lastError = ProcessLock<VippsError?>(nil)

    init(client: VippsClient) { self.client = client }

    func recordOutcome(_ error: VippsError?) { lastError.withLock { $0 = error } }
    func latestError() -> VippsError? { lastError.withLock { $0 } }
}

func clientHandle(_ pointer: OpaquePointer?) throws(VippsError) -> ClientHandle {
    guard let handle = Handles.lookup(pointer, ClientHandle.self, kind: .client) else {
        throw .invalidArgument("client", pointer == nil ? "must not be NULL" : "is not a live vipps_client")
    }
    return handle
}

/// Runs a client operation, recording its outcome on the client as well as on the thread.
/// `out`, the operation's result parameter, is cleared first: the header promises it is NULL
/// after every failure, an unusable client handle included.
func clientCall(
    _ pointer: OpaquePointer?, out: UnsafeMutablePointer<OpaquePointer?>? = nil,
    _ body: (VippsClient) throws(VippsError) -> Void
) -> vipps_status {
    out?.pointee = nil
    let handle: ClientHandle
    do {
        handle = try clientHandle(pointer)
    } catch {
        return abiCall { () throws(VippsError) in throw error }
    }
    return abiCall(client: handle) { () throws(VippsError) in try body(handle.client) }
}

@c @implementation
public func vipps_client_new(_ config: OpaquePointer?, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> vipps_status {
    abiCall { () throws(VippsError) in
        let out = try clearOut(out)
        guard let handle = Handles.lookup(config, ConfigHandle.self, kind: .config) else {
            throw .invalidArgument("config", config == nil ? "must not be NULL" : "is not a live vipps_config")
        }
        let client = try VippsClient(handle.configuration)
        out.pointee = Handles.export(ClientHandle(client: client), as: .client)
    }
}

@c @implementation
public func vipps_client_free(_ client: OpaquePointer?) {
    Handles.release(client, kind: .client)
}

@c @implementation
public func vipps_client_last_error(_ client: OpaquePointer?, _ out: UnsafeMutablePointer<OpaquePointer?>?)
    -> vipps_status
{
    // Deliberately not through clientCall: reading the last error must not overwrite it.
    abiCall { () throws(VippsError) in
        let out = try clearOut(out)
        let handle = try clientHandle(client)
        if let error = handle.latestError() {
            out.pointee = Handles.export(ErrorHandle(error), as: .ownedError)
        }
    }
}
