import CVipps
import VippsCore

/// The host's token store: its four callbacks and its context pointer, called on the thread that
/// needs a token, with no library lock held. @unchecked Sendable: the pointer is the host's, and
/// the header tells the host it is used from every thread that calls libvipps.
private struct HostTokenStore: SharedTokenStore, @unchecked Sendable {
    let loadCallback: vipps_token_load_fn
    let storeCallback: vipps_token_store_fn
    let claimCallback: vipps_token_claim_fn
    let removeCallback: vipps_token_remove_fn
    let userData: UnsafeMutableRawPointer?

    /// Room for any token Vipps issues (they are a few kilobytes at most) and its NUL.
    static let bufferSize = 16_385

    func load(key: String) -> SharedTokenLoad {
        var buffer = [CChar](repeating: 0, count: Self.bufferSize)
        var validFor: Int64 = 0
        let result = key.withCString { key in
            buffer.withUnsafeMutableBufferPointer { bytes in
                loadCallback(userData, key, bytes.baseAddress, bytes.count, &validFor)
            }
        }
        switch result {
        case Int32(VIPPS_TOKEN_STORE_OK):
            // The host must have ended the string inside the buffer; else it is not a token.
            guard let end = buffer.firstIndex(of: 0), end > 0 else { return .failed }
            let token = String(decoding: buffer[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return .found(token: token, validForMilliseconds: validFor)
        case Int32(VIPPS_TOKEN_STORE_MISS):
            return .missing
        default:
            return .failed
        }
    }

    func store(key: String, token: String, validForMilliseconds: Int64) -> Bool {
        key.withCString { key in
            token.withCString { token in storeCallback(userData, key, token, validForMilliseconds) }
        } == Int32(VIPPS_TOKEN_STORE_OK)
    }

    func claim(key: String, forMilliseconds: Int64) -> SharedTokenClaim {
        switch key.withCString({ claimCallback(userData, $0, forMilliseconds) }) {
        case Int32(VIPPS_TOKEN_STORE_OK): return .claimed
        case Int32(VIPPS_TOKEN_STORE_BUSY): return .busy
        default: return .failed
        }
    }

    func remove(key: String, ifToken token: String) {
        _ = key.withCString { key in token.withCString { token in removeCallback(userData, key, token) } }
    }
}

@c @implementation
public func vipps_config_set_token_store(
    _ config: OpaquePointer?, _ load: vipps_token_load_fn?, _ store: vipps_token_store_fn?,
    _ claim: vipps_token_claim_fn?, _ remove: vipps_token_remove_fn?, _ userData: UnsafeMutableRawPointer?
) -> vipps_status {
    abiCall { () throws(VippsError) in
        let handle = try configHandle(config)
        if load == nil && store == nil && claim == nil && remove == nil {
            handle.configuration.tokenStore = nil
            return
        }
        guard let load, let store, let claim, let remove else {
            let missing =
                [("load", load == nil), ("store", store == nil), ("claim", claim == nil), ("remove", remove == nil)]
                .first { $0.1 }?.0 ?? "load"
            throw .invalidArgument(missing, "must be given with the other token store callbacks (all four or none)")
        }
        handle.configuration.tokenStore = HostTokenStore(
            loadCallback: load, storeCallback: store, claimCallback: claim, removeCallback: remove, userData: userData)
    }
}

@c @implementation
public func vipps_config_set_token_file_store(_ config: OpaquePointer?, _ directory: UnsafePointer<CChar>?)
    -> vipps_status
{
    abiCall { () throws(VippsError) in
        let handle = try configHandle(config)
        guard let directory else {
            handle.configuration.tokenStore = nil
            return
        }
        let path = try CInput.string(directory, "directory")
        handle.configuration.tokenStore = try FileTokenStore(directory: path)
    }
}
