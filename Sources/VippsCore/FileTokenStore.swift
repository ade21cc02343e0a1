import Glibc

/// The built-in shared token store for the processes of one host: a directory with two files per
/// key (docs/token-sharing.md#file-store). `<key>.token` holds the expiry and the token and is
/// only ever replaced whole (written beside it, then renamed), so a reader needs no lock.
/// `<key>.lock` is what `flock` locks, around the file operations only (never across the fetch),
/// and holds the expiry of the current claim. Files are created 0600, the directory 0700.
public struct FileTokenStore: SharedTokenStore {
    public let directory: String

    /// Uses `directory`, creating it (0700) if it does not exist.
    public init(directory: String) throws(VippsError) {
        guard !directory.isEmpty, !directory.utf8.contains(0) else {
            throw .invalidArgument("directory", "must be a non-empty path")
        }
        if mkdir(directory, 0o700) != 0, errno != EEXIST {
            throw .invalidArgument("directory", "cannot be created (errno \(errno))")
        }
        var info = stat()
        guard stat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw .invalidArgument("directory", "is not a directory")
        }
        guard access(directory, W_OK | X_OK) == 0 else {
            throw .invalidArgument("directory", "is not writable")
        }
        self.directory = directory
    }

    public func load(key: String) -> SharedTokenLoad {
        guard let entry = readEntry(key) else { return errno == ENOENT ? .missing : .failed }
        return entry
    }

    public func store(key: String, token: String, validForMilliseconds: Int64) -> Bool {
        let expiry = wallClockMilliseconds() &+ max(0, validForMilliseconds)
        return withLock(key) { lock in
            let temporary = path(key, ".token.\(getpid()).tmp")
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard fd >= 0 else { return false }
            let written = Self.writeAll(fd, Array("\(expiry)\n\(token)\n".utf8))
            close(fd)
            guard written, rename(temporary, path(key, ".token")) == 0 else {
                unlink(temporary)
                return false
            }
            // The claim ends with the token it was for.
            return ftruncate(lock, 0) == 0
        } ?? false
    }

    public func claim(key: String, forMilliseconds: Int64) -> SharedTokenClaim {
        withLock(key) { lock -> SharedTokenClaim in
            let now = wallClockMilliseconds()
            // A token stored since the caller looked: use it rather than fetch another.
            if case .found = readEntry(key) { return .busy }
            if let held = Self.readNumber(lock), held > now { return .busy }
            guard ftruncate(lock, 0) == 0, Self.writeAll(lock, Array("\(now &+ forMilliseconds)\n".utf8), at: 0)
            else { return .failed }
            return .claimed
        } ?? .failed
    }

    public func remove(key: String, ifToken token: String) {
        _ = withLock(key) { _ -> Bool in
            if case .found(let stored, _) = readEntry(key), stored == token { unlink(path(key, ".token")) }
            return true
        }
    }

    private func path(_ key: String, _ suffix: String) -> String { directory + "/" + key + suffix }

    /// The token file's entry; nil with errno set when it cannot be read. An expired or
    /// malformed entry reads as missing.
    private func readEntry(_ key: String) -> SharedTokenLoad? {
        let fd = open(path(key, ".token"), O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard let bytes = Self.readAll(fd, limit: 65_536) else { return nil }
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count >= 2, let expiry = Int64(String(decoding: lines[0], as: UTF8.self)) else {
            return .missing
        }
        let remaining = expiry &- wallClockMilliseconds()
        guard remaining > 0, !lines[1].isEmpty else { return .missing }
        return .found(token: String(decoding: lines[1], as: UTF8.self), validForMilliseconds: remaining)
    }

    /// Runs `body` with the key's lock file open and locked; nil when it cannot be.
    private func withLock<T>(_ key: String, _ body: (Int32) -> T) -> T? {
        let fd = open(path(key, ".lock"), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var locked = flock(fd, LOCK_EX)
        while locked != 0 && errno == EINTR { locked = flock(fd, LOCK_EX) }
        guard locked == 0 else { return nil }
        defer { flock(fd, LOCK_UN) }
        return body(fd)
    }

    private static func readNumber(_ fd: Int32) -> Int64? {
        guard lseek(fd, 0, SEEK_SET) == 0, let bytes = readAll(fd, limit: 64) else { return nil }
        let digits = bytes.prefix { $0 != UInt8(ascii: "\n") }
        return Int64(String(decoding: digits, as: UTF8.self))
    }

    private static func readAll(_ fd: Int32, limit: Int) -> [UInt8]? {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while result.count < limit {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            result.append(contentsOf: buffer.prefix(count))
        }
        return result
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], at offset: off_t? = nil) -> Bool {
        if let offset, lseek(fd, offset, SEEK_SET) != offset { return false }
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { write(fd, $0.baseAddress?.advanced(by: sent), $0.count - sent) }
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            sent += count
        }
        return true
    }
}
