import Glibc
import VippsCore

/// A NUL-terminated copy of a Swift string, owned by the object that holds it and freed with it.
/// Result objects keep their strings in these so the pointers they return stay valid.
final class OwnedCString {
    let pointer: UnsafeMutablePointer<CChar>?

    init(_ text: String) {
        pointer = strdup(text)
    }

    convenience init?(_ text: String?) {
        guard let text else { return nil }
        self.init(text)
    }

    var unsafePointer: UnsafePointer<CChar>? { pointer.map { UnsafePointer($0) } }

    deinit { free(pointer) }
}

enum CInput {
    /// Reads a required string argument: NULL and invalid UTF-8 are argument errors naming it.
    static func string(_ pointer: UnsafePointer<CChar>?, _ name: String) throws(VippsError) -> String {
        guard let pointer else { throw .invalidArgument(name, "must not be NULL") }
        guard let text = String(validatingCString: pointer) else {
            throw .invalidArgument(name, "is not valid UTF-8")
        }
        return text
    }

    /// Reads an optional string argument: NULL means "not given".
    static func optionalString(_ pointer: UnsafePointer<CChar>?, _ name: String) throws(VippsError) -> String? {
        guard let pointer else { return nil }
        return try string(pointer, name)
    }
}

/// Text with static storage for C: each literal ends in an explicit NUL.
func staticCString(_ text: StaticString) -> UnsafePointer<CChar>? {
    UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
}
