import Glibc

/// This process's id without a system call. glibc does not cache getpid(), and the connection
/// pool asks on every checkout and checkin (to drop connections inherited across a fork): two
/// system calls per request. The id is read once and read again in the child of every fork(),
/// by a fork handler that runs while the child still has only the forking thread.
enum CurrentProcess {
    nonisolated(unsafe) private static var cached: pid_t = 0
    /// The handler first, then the id: a fork in between refreshes the child's copy anyway.
    private static let installed: Bool = {
        let installed = pthread_atfork(nil, nil, { CurrentProcess.refresh() }) == 0
        cached = getpid()
        return installed
    }()

    static var id: pid_t {
        // Without the handler (pthread_atfork failed) the cache could go stale: ask the kernel.
        guard installed else { return getpid() }
        return cached
    }

    private static func refresh() {
        cached = getpid()
    }
}
