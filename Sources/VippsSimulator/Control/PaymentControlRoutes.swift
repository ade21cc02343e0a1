import Hummingbird

/// Control API for one payment: its ledger (`GET /sim/v1/payments/{orderId}`) and the user's side
/// without the pages: `POST …/approve`, `…/reject`, `…/fail[?code=42]` and `…/expire`, each
/// sending the callback the real outcome would (RESERVED, CANCELLED, RESERVE_FAILED, REJECTED). Both take an optional
/// `?merchantSerialNumber=` for orderIds used by several sales units; without it the configured ones
/// are searched in order, as for a merchant request without the header.
struct PaymentControlRoutes {
    let store: PaymentStore
    let callbacks: PaymentCallbacks

    /// `group` is `/sim/v1`.
    func add(to group: RouterGroup<SimulatorRequestContext>) {
        group.get("payments/:orderId") { request, context in
            let orderId = try context.parameters.require("orderId")
            let payment = try controlError { () throws(BackendError) in
                try store.payment(orderId: orderId, merchantSerialNumber: merchantSerialNumber(request))
            }
            return try JSONResponse.make(PaymentLedgerView(payment, requests: store.requestCounts(orderId: orderId)))
        }
        group.post("payments/:orderId/reject") { request, context in
            let orderId = try context.parameters.require("orderId")
            let payment = try controlError { () throws(BackendError) in
                try store.reject(orderId: orderId, merchantSerialNumber: merchantSerialNumber(request))
            }
            callbacks.paymentUpdated(payment, outcome: .rejected)
            return try JSONResponse.make(PaymentLedgerView(payment, requests: store.requestCounts(orderId: orderId)))
        }
        group.post("payments/:orderId/approve") { request, context in
            let orderId = try context.parameters.require("orderId")
            return try respond(orderId) { () throws(BackendError) in
                try store.controlApprove(orderId: orderId, merchantSerialNumber: merchantSerialNumber(request))
            }
        }
        group.post("payments/:orderId/fail") { request, context in
            let orderId = try context.parameters.require("orderId")
            let code = request.uri.queryParameters["code"].map(String.init)
            return try respond(orderId) { () throws(BackendError) in
                try store.controlFail(orderId: orderId, merchantSerialNumber: merchantSerialNumber(request), code: code)
            }
        }
        group.post("payments/:orderId/expire") { request, context in
            let orderId = try context.parameters.require("orderId")
            return try respond(orderId) { () throws(BackendError) in
                try store.controlExpire(orderId: orderId, merchantSerialNumber: merchantSerialNumber(request))
            }
        }
    }

    /// Applies a user outcome, sends its callback, and answers with the ledger.
    private func respond(_ orderId: String, _ apply: () throws(BackendError) -> (Payment, UserOutcome)) throws
        -> Response
    {
        let (payment, outcome) = try controlError(apply)
        callbacks.paymentUpdated(payment, outcome: outcome)
        return try JSONResponse.make(PaymentLedgerView(payment, requests: store.requestCounts(orderId: orderId)))
    }

    private func merchantSerialNumber(_ request: Request) -> String? {
        request.uri.queryParameters["merchantSerialNumber"].map(String.init)
    }

    /// The store's refusals in the control API's shape: unknown order 404, wrong state 409.
    private func controlError<T>(_ body: () throws(BackendError) -> T) throws(ControlAPIError) -> T {
        do {
            return try body()
        } catch {
            throw ControlAPIError(status: error.status == .notFound ? .notFound : .conflict, message: error.message)
        }
    }
}
