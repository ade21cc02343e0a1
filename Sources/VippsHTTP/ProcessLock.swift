import Glibc

/// State shared between threads, guarded by a pthread mutex that survives a `fork()` in the host.
///
/// Why not `Synchronization.Mutex`: on Linux it is a priority-inheritance futex that records its
/// owner's thread id. A child forked while another thread held it inherits it locked by a thread
/// that does not exist there: the child's next lock hangs, or the runtime aborts the process. Here
/// fork handlers take every lock before the fork (so no state is copied half-changed) and release
/// them again in the parent and in the child.
///
/// The rule that makes this safe: no lock is held across I/O, across a call into the host, or
/// while taking another lock, so the fork handlers never wait long and never deadlock.
package final class ProcessLock<State>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    private var state: State

    package init(_ initial: State) {
        state = initial
        mutex = .allocate(capacity: 1)
        condition = .allocate(capacity: 1)
        ForkHandlers.initialise(mutex, condition)
        ForkHandlers.register(mutex, condition)
    }

    deinit {
        ForkHandlers.unregister(mutex)
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    package func withLock<Result, Failure: Error>(_ body: (inout State) throws(Failure) -> Result) throws(Failure)
        -> Result
    {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&state)
    }

    /// Runs `body` under the lock, waking every thread in `wait(until:for:)`.
    package func withLockWakingWaiters<Result>(_ body: (inout State) -> Result) -> Result {
        pthread_mutex_lock(mutex)
        defer {
            pthread_cond_broadcast(condition)
            pthread_mutex_unlock(mutex)
        }
        return body(&state)
    }

    /// Waits, with the lock released while waiting, until `ready` gives a value or `deadline`
    /// passes (then nil). `ready` runs under the lock.
    package func wait<Result>(until deadline: MonotonicInstant, for ready: (inout State) -> Result?) -> Result? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while true {
            if let result = ready(&state) { return result }
            let remaining = MonotonicInstant.now().nanoseconds(until: deadline)
            guard remaining > 0 else { return nil }
            // The condition can only wait on CLOCK_MONOTONIC, deadlines are on CLOCK_BOOTTIME:
            // the wait is expressed as "now on the condition's clock plus what remains".
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let slice = min(remaining, 1_000_000_000)  // re-check at least once a second
            var total = UInt64(clamping: now.tv_nsec) &+ slice
            var until = now
            until.tv_sec = now.tv_sec &+ Int(clamping: total / 1_000_000_000)
            total %= 1_000_000_000
            until.tv_nsec = Int(clamping: total)
            _ = pthread_cond_timedwait(condition, mutex, &until)
        }
    }
}

/// The fork handlers and the list of live locks they take. Its own mutex guards the list.
private enum ForkHandlers {
    private struct Entry {
        let mutex: UnsafeMutablePointer<pthread_mutex_t>
        let condition: UnsafeMutablePointer<pthread_cond_t>
    }

    nonisolated(unsafe) private static var entries: [UnsafeMutableRawPointer: Entry] = [:]
    nonisolated(unsafe) private static let listLock: UnsafeMutablePointer<pthread_mutex_t> = {
        let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        return lock
    }()
    private static let installed: Bool = {
        pthread_atfork(
            { ForkHandlers.beforeFork() },
            { ForkHandlers.afterForkInParent() },
            { ForkHandlers.afterForkInChild() }) == 0
    }()

    static func initialise(
        _ mutex: UnsafeMutablePointer<pthread_mutex_t>, _ condition: UnsafeMutablePointer<pthread_cond_t>
    ) {
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    static func register(
        _ mutex: UnsafeMutablePointer<pthread_mutex_t>, _ condition: UnsafeMutablePointer<pthread_cond_t>
    ) {
        _ = installed
        pthread_mutex_lock(listLock)
        entries[UnsafeMutableRawPointer(mutex)] = Entry(mutex: mutex, condition: condition)
        pthread_mutex_unlock(listLock)
    }

    static func unregister(_ mutex: UnsafeMutablePointer<pthread_mutex_t>) {
        pthread_mutex_lock(listLock)
        entries[UnsafeMutableRawPointer(mutex)] = nil
        pthread_mutex_unlock(listLock)
    }

    private static func beforeFork() {
        pthread_mutex_lock(listLock)
        for entry in entries.values { pthread_mutex_lock(entry.mutex) }
    }

    private static func afterForkInParent() {
        for entry in entries.values { pthread_mutex_unlock(entry.mutex) }
        pthread_mutex_unlock(listLock)
    }

    /// The child has one thread, the one that forked, which holds every lock: fresh locks and
    /// conditions (the waiters of the old ones stayed in the parent).
    private static func afterForkInChild() {
        pthread_mutex_init(listLock, nil)
        for entry in entries.values { initialise(entry.mutex, entry.condition) }
    }
}
