import Glibc
import VippsHTTP

/// How often and how long a call keeps trying. Only failures that are safe to repeat are
/// retried (see `VippsClient.perform`); the policy decides when and whether time is left.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts per call, the first included (1 = never retry).
    public var maxAttempts: Int
    public var initialBackoffMilliseconds: Int64
    public var maxBackoffMilliseconds: Int64
    /// The budget of one call, every attempt and wait included.
    public var callDeadlineMilliseconds: Int64

    public init(
        maxAttempts: Int = 4, initialBackoffMilliseconds: Int64 = 250, maxBackoffMilliseconds: Int64 = 5_000,
        callDeadlineMilliseconds: Int64 = 60_000
    ) {
        self.maxAttempts = maxAttempts
        self.initialBackoffMilliseconds = initialBackoffMilliseconds
        self.maxBackoffMilliseconds = maxBackoffMilliseconds
        self.callDeadlineMilliseconds = callDeadlineMilliseconds
    }

    public func check() throws(VippsError) {
        guard (1...20).contains(maxAttempts) else { throw .invalidArgument("max_attempts", "must be 1 to 20") }
        guard initialBackoffMilliseconds >= 0, initialBackoffMilliseconds <= 60_000 else {
            throw .invalidArgument("initial_backoff_ms", "must be 0 to 60000")
        }
        guard maxBackoffMilliseconds >= initialBackoffMilliseconds, maxBackoffMilliseconds <= 300_000 else {
            throw .invalidArgument("max_backoff_ms", "must be at least initial_backoff_ms and at most 300000")
        }
        guard callDeadlineMilliseconds > 0, callDeadlineMilliseconds <= 3_600_000 else {
            throw .invalidArgument("call_deadline_ms", "must be 1 to 3600000")
        }
    }

    /// Exponential backoff with "equal jitter": half the step fixed, half random, so that many
    /// clients failing together do not retry in lockstep.
    func backoff(afterAttempt attempt: Int) -> Int64 {
        let exponent = min(max(attempt - 1, 0), 20)
        let step = min(
            maxBackoffMilliseconds,
            initialBackoffMilliseconds.multipliedReportingOverflow(by: 1 << exponent).partialValue)
        let half = max(step / 2, 0)
        return half + (half > 0 ? Int64.random(in: 0...half) : 0)
    }
}

/// Blocks the calling thread (the library has no event loop and starts no threads).
func sleepMilliseconds(_ milliseconds: Int64) {
    guard milliseconds > 0 else { return }
    var request = timespec(tv_sec: Int(milliseconds / 1_000), tv_nsec: Int((milliseconds % 1_000) * 1_000_000))
    var remaining = timespec()
    while nanosleep(&request, &remaining) != 0 && errno == EINTR {
        request = remaining
    }
}
