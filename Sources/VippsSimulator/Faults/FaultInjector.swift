import Synchronization

/// The faults set through the control API, and the choice of which ones strike a request.
///
/// Scheduled faults are tried in the order they were added; a request takes the first matching
/// latency fault and the first matching fault of another kind, each of which then has one hit less.
/// Random mode is consulted only for requests no scheduled fault hit, so that a test's deliberate
/// faults are never masked by chaos.
final class FaultInjector: Sendable {
    private struct State {
        var faults: [Fault] = []
        var nextId = 1
        var random: RandomFaults?
        var injected: [FaultKind: Int] = [:]
    }

    private let state = Mutex(State())

    init() {}

    /// Schedules faults and returns them with their ids.
    func add(_ specifications: [FaultSpecification.Validated]) -> [Fault] {
        state.withLock { state in
            specifications.map { specification in
                let fault = Fault(
                    id: state.nextId,
                    endpoint: specification.endpoint,
                    orderId: specification.orderId,
                    effect: specification.effect,
                    remaining: specification.count
                )
                state.nextId += 1
                state.faults.append(fault)
                return fault
            }
        }
    }

    /// Starts random mode, replacing an earlier one.
    func startRandom(_ random: RandomFaults) {
        state.withLock { $0.random = random }
    }

    /// Removes every fault, stops random mode and zeroes the counters.
    func clear() {
        state.withLock { $0 = State() }
    }

    func report() -> FaultReport {
        state.withLock { state in
            FaultReport(
                faults: state.faults,
                random: state.random,
                injected: Dictionary(
                    uniqueKeysWithValues: FaultKind.allCases.map { ($0.rawValue, state.injected[$0] ?? 0) })
            )
        }
    }

    /// The faults for one request; using them up is part of choosing them, under the lock, so that
    /// concurrent requests never share a fault's last hit.
    func plan(for target: RequestTarget) -> FaultPlan {
        state.withLock { state in
            var plan = FaultPlan()
            var index = 0
            while index < state.faults.count {
                let fault = state.faults[index]
                let isLatency = fault.effect.kind == .latency
                if fault.matches(target), isLatency ? plan.latency == nil : plan.action == nil {
                    if isLatency { plan.latency = fault.effect } else { plan.action = fault.effect }
                    state.injected[fault.effect.kind, default: 0] += 1
                    state.faults[index].remaining -= 1
                    if state.faults[index].remaining == 0 {
                        state.faults.remove(at: index)
                        continue
                    }
                }
                index += 1
            }
            if plan == .none, let effect = state.random?.roll(for: target) {
                if effect.kind == .latency { plan.latency = effect } else { plan.action = effect }
                state.injected[effect.kind, default: 0] += 1
            }
            return plan
        }
    }
}
