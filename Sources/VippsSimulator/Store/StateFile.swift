import Foundation
import Synchronization

/// The `--state-file`: the store's state as JSON (`StoredState`), so that a restart keeps payments.
///
/// Saving replaces the file atomically — a temporary file in the same directory, written, fsynced and
/// renamed over it — so a crash leaves either the old state or the new one, never half of each. The
/// file is private to its user (mode 0600): it holds the shops' callback `authToken`s.
final class StateFile: Sendable {
    let url: URL
    /// The generation last written. Its lock also serializes writers: requests save their snapshots
    /// concurrently, outside the store's lock, and one that took its snapshot earlier must never
    /// replace the file a later one already wrote.
    private let lastWritten = Mutex<UInt64?>(nil)

    init(url: URL) {
        self.url = url
    }

    /// The stored state; nil when there is no file yet (a first start). Anything else that goes
    /// wrong — unreadable, not JSON, another version, inconsistent — is an error.
    func load() throws(StateFileError) -> StoredState? {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { return nil }
            throw failure("cannot open: \(String(cString: strerror(code)))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw failure("cannot read: \(error.localizedDescription)")
        }
        // The version first: a newer format may not decode as this one, and "version 2" says why.
        guard case .object(let fields)? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw failure("not a JSON object (corrupt or truncated?)")
        }
        guard case .integer(let version)? = fields["version"] else { throw failure("no \"version\"") }
        guard StoredState.readableVersions.contains(Int(clamping: version)) else {
            throw failure(
                "version \(version) is not supported (this vipps-sim reads versions \(StoredState.readableVersions.lowerBound) to \(StoredState.readableVersions.upperBound))"
            )
        }
        do {
            return try Self.decoder.decode(StoredState.self, from: data)
        } catch {
            throw failure(StateFileError.reason(for: error))
        }
    }

    /// Writes `state` unless a newer generation has been written already. Blocks other writers, never
    /// the store.
    func save(_ state: StoredState, generation: UInt64) throws(StateFileError) {
        let data: Data
        do {
            // Encoded before queueing for the file, so that concurrent saves encode in parallel.
            data = try Self.encoder.encode(state)
        } catch {
            throw failure("cannot encode: \(error)")
        }
        try lastWritten.withLock { lastWritten throws(StateFileError) in
            if let lastWritten, lastWritten >= generation { return }
            try replace(with: data)
            lastWritten = generation
        }
    }

    private func replace(with data: Data) throws(StateFileError) {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        // 0600 from the first byte on, whatever the umask; O_EXCL so that nothing else's file is reused.
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw failure("cannot create \(temporary.path): \(String(cString: strerror(errno)))")
        }
        var renamed = false
        defer { if !renamed { unlink(temporary.path) } }
        do {
            defer { close(descriptor) }
            var bytes = data[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
                guard written > 0 else { throw failure("cannot write: \(String(cString: strerror(errno)))") }
                bytes = bytes.dropFirst(written)
            }
            guard fsync(descriptor) == 0 else { throw failure("cannot sync: \(String(cString: strerror(errno)))") }
        }
        guard rename(temporary.path, url.path) == 0 else {
            throw failure("cannot replace: \(String(cString: strerror(errno)))")
        }
        renamed = true
        // The rename itself is only durable once the directory is synced; a failure here loses nothing
        // but durability against a power cut, so it is not an error.
        let directoryDescriptor = open(directory.path, O_RDONLY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    private func failure(_ reason: String) -> StateFileError {
        StateFileError(path: url.path, reason: reason)
    }

    /// Timestamps as seconds since 1970 with their fraction: precise to far below a microsecond (and
    /// exact for whole seconds), unlike ISO 8601 strings, which stop at milliseconds.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()
}

/// Why the state file could not be read or written. Loading never falls back to an empty state: a
/// simulator that silently forgot a shop's orders would look like a bug in the shop.
struct StateFileError: Error, CustomStringConvertible, Sendable {
    let path: String
    let reason: String

    var description: String { "state file \(path): \(reason)" }

    /// A short reason for a decoding failure: where in the file, and what was wrong.
    static func reason(for error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            "not valid JSON or not a state file (\(Self.describe(context)))"
        case DecodingError.keyNotFound(let key, let context):
            "missing \"\(key.stringValue)\" at \(Self.path(context.codingPath))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "unexpected value at \(Self.path(context.codingPath)): \(context.debugDescription)"
        default:
            "\(error)"
        }
    }

    private static func describe(_ context: DecodingError.Context) -> String {
        context.codingPath.isEmpty
            ? context.debugDescription : "at \(path(context.codingPath)): \(context.debugDescription)"
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.isEmpty
            ? "the top level" : codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
