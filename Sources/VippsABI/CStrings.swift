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

/// Many NUL-terminated strings in one allocation, freed together with the table. A result with
/// a dozen strings (a payment and its log) costs one allocation instead of one per string: on a
/// details call, per-string copies were a tenth of the library's CPU time.
final class CStringTable {
    private let storage: UnsafeMutableBufferPointer<CChar>
    private let offsets: [Int]

    init(_ texts: [String]) {
        var offsets: [Int] = []
        offsets.reserveCapacity(texts.count)
        var total = 0
        for text in texts {
            offsets.append(total)
            total += text.utf8.count + 1
        }
        let storage = UnsafeMutableBufferPointer<CChar>.allocate(capacity: max(total, 1))
        for (text, offset) in zip(texts, offsets) {
            var text = text
            text.withUTF8 { bytes in  // contiguous bytes: one copy, not a loop over the UTF-8 view
                UnsafeMutableRawBufferPointer(
                    UnsafeMutableBufferPointer(rebasing: storage[offset..<(offset + bytes.count)])
                )
                .copyMemory(from: UnsafeRawBufferPointer(bytes))
                storage[offset + bytes.count] = 0  // an embedded NUL ends the C string early, as strdup would
            }
        }
        self.storage = storage
        self.offsets = offsets
    }

    /// The string at `index` (as given to init), valid while this table lives.
    func string(_ index: Int) -> CStringRef {
        guard index >= 0 && index < offsets.count, let base = storage.baseAddress else {
            return CStringRef(unsafePointer: nil)
        }
        return CStringRef(unsafePointer: UnsafePointer(base + offsets[index]))
    }

    deinit { storage.deallocate() }
}

/// A C string inside a CStringTable; valid as long as the table, which its owner keeps.
struct CStringRef {
    let unsafePointer: UnsafePointer<CChar>?
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
