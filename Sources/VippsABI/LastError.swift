import CVipps
import Glibc
import VippsCore

/// A `vipps_error` as C sees it: the error plus C copies of its strings.
final class ErrorHandle {
    let error: VippsError
    let message: OwnedCString
    let group: OwnedCString?
    let code: OwnedCString?
    let contextId: OwnedCString?
    let requestId: OwnedCString?
    let field: OwnedCString?

    init(_ error: VippsError) {
        self.error = error
        message = OwnedCString(error.message)
        group = OwnedCString(error.errorGroup)
        code = OwnedCString(error.errorCode)
        contextId = OwnedCString(error.contextId)
        requestId = OwnedCString(error.requestId)
        field = OwnedCString(error.field)
    }
}

/// The thread-local "last error" (libgit2's giterr_last): each thread sees the outcome of its
/// own most recent call, even when threads share a client. Stored in a pthread key whose
/// destructor frees the error when the thread exits.
enum LastError {
    private static let key: pthread_key_t? = {
        var key = pthread_key_t()
        let created = pthread_key_create(&key) { value in
            guard let value else { return }
            let handle = OpaquePointer(value)
            Handles.release(handle, kind: .borrowedError)
        }
        return created == 0 ? key : nil
    }()

    /// Replaces this thread's last error (nil after a success).
    static func set(_ error: VippsError?) {
        guard let key else { return }
        if let old = pthread_getspecific(key) {
            pthread_setspecific(key, nil)
            Handles.release(OpaquePointer(old), kind: .borrowedError)
        }
        guard let error else { return }
        guard let handle = Handles.export(ErrorHandle(error), as: .borrowedError) else { return }
        pthread_setspecific(key, UnsafeRawPointer(handle))
    }

    static func current() -> OpaquePointer? {
        guard let key, let value = pthread_getspecific(key) else { return nil }
        return OpaquePointer(value)
    }
}

/// Runs the body of an exported function: on success clears the thread's last error and returns
/// VIPPS_OK; on failure records the error (also on the client, when there is one) and returns
/// its status. Every exported function that returns a status goes through here.
func abiCall(client: ClientHandle? = nil, _ body: () throws(VippsError) -> Void) -> vipps_status {
    do {
        try body()
        LastError.set(nil)
        client?.recordOutcome(nil)
        return vipps_status(VIPPS_OK)
    } catch {
        LastError.set(error)
        client?.recordOutcome(error)
        return error.category.rawValue
    }
}

/// Sets an out-parameter to NULL on entry, as the header promises, and checks it is not NULL.
func clearOut(_ out: UnsafeMutablePointer<OpaquePointer?>?) throws(VippsError) -> UnsafeMutablePointer<OpaquePointer?> {
    guard let out else { throw .invalidArgument("out", "must not be NULL") }
    out.pointee = nil
    return out
}
