import CVipps
import Synchronization

/// Every object handed to C is registered here with its kind, so that a wrong, stale or
/// double-freed pointer gets an error status instead of crashing the host: the library never
/// dereferences a pointer it did not hand out and has not yet taken back.
enum HandleKind: Sendable {
    case config, client, initiateParams, initiation, payment, transaction, callback, shippingRequest
    case shippingResponse, ownedError, borrowedError
}

private let liveHandles = Mutex<[UInt: HandleKind]>([:])

enum Handles {
    /// Retains `object` and returns its address for C.
    static func export<T: AnyObject>(_ object: T, as kind: HandleKind) -> OpaquePointer {
        let pointer = Unmanaged.passRetained(object).toOpaque()
        liveHandles.withLock { $0[UInt(bitPattern: pointer)] = kind }
        return OpaquePointer(pointer)
    }

    /// The object behind a pointer from C, or nil when the pointer is NULL, unknown or of
    /// another kind.
    static func lookup<T: AnyObject>(_ pointer: OpaquePointer?, _ type: T.Type, kinds: Set<HandleKind>) -> T? {
        guard let pointer else { return nil }
        let raw = UnsafeRawPointer(pointer)
        let known = liveHandles.withLock { $0[UInt(bitPattern: raw)] }
        guard let known, kinds.contains(known) else { return nil }
        return Unmanaged<T>.fromOpaque(raw).takeUnretainedValue() as T?
    }

    /// Unregisters and releases a handle; false when the pointer was not a live handle of `kind`.
    @discardableResult
    static func release(_ pointer: OpaquePointer?, kind: HandleKind) -> Bool {
        guard let pointer else { return false }
        let raw = UnsafeRawPointer(pointer)
        let removed = liveHandles.withLock { handles -> Bool in
            guard handles[UInt(bitPattern: raw)] == kind else { return false }
            handles[UInt(bitPattern: raw)] = nil
            return true
        }
        if removed { Unmanaged<AnyObject>.fromOpaque(raw).release() }
        return removed
    }
}
