import Foundation
import Hummingbird

/// `GET /sim/v1/clock` and `POST /sim/v1/clock/advance {"seconds":N}`: the simulated time every
/// timestamp, token expiry, payment timeout and time limit is measured on.
struct ClockControlRoutes {
    let store: PaymentStore
    let expiry: PaymentExpiry

    private var clock: any SimulatorClock { store.clock }

    private struct ClockView: Encodable {
        let now: String
        /// Whether `advance` works (a clock given by an embedding program might not move).
        let adjustable: Bool
    }

    private struct Advance: Decodable {
        let seconds: Double
    }

    /// `group` is `/sim/v1`.
    func add(to group: RouterGroup<SimulatorRequestContext>) {
        group.get("clock") { _, _ in try JSONResponse.make(view()) }
        group.post("clock/advance") { request, context in
            let body = try await request.decodeControlBody(Advance.self, context: context)
            guard let clock = clock as? any AdjustableClock else {
                throw ControlAPIError.conflict("This simulator's clock cannot be moved.")
            }
            // Forward only: going back could make a log run backwards in time.
            guard body.seconds >= 0, body.seconds.isFinite else {
                throw ControlAPIError.badRequest("seconds must be a number ≥ 0.")
            }
            clock.advance(by: body.seconds)
            // The offset is part of the state file: after a restart, time must not run backwards.
            store.clockDidMove()
            // Payments that ran out during the jump end now, with their callbacks.
            expiry.expireOverduePayments()
            return try JSONResponse.make(view())
        }
    }

    private func view() -> ClockView {
        ClockView(now: Timestamp.string(from: clock.now()), adjustable: clock is any AdjustableClock)
    }
}
