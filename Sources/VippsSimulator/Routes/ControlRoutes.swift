import Hummingbird

/// The simulator's own control API under `/sim/v1`, for test harnesses on the same machine. It has no
/// Vipps authentication: the simulator is a loopback tool that guards nothing of value.
struct ControlRoutes {
    let store: PaymentStore

    private struct Health: Encodable {
        let status = "ok"
        let version = SimulatorVersion.current
    }

    private struct PaymentList: Encodable {
        let payments: [SimulatedPaymentView]
    }

    private struct Done: Encodable {
        let status = "ok"
    }

    func add(to router: Router<SimulatorRequestContext>) {
        let group = router.group("sim/v1")
        group.get("health") { _, _ in try JSONResponse.make(Health()) }
        group.get("payments") { _, _ in
            try JSONResponse.make(PaymentList(payments: store.allPayments().map(SimulatedPaymentView.init)))
        }
        group.post("reset") { _, _ in
            store.reset()
            return try JSONResponse.make(Done())
        }
    }
}
