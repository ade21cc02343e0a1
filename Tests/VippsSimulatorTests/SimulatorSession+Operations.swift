import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import VippsSimulator

/// Capture, refund, cancel, status and the control API, as a merchant's client and a test harness call them.
extension SimulatorSession {
    /// The capture/refund body. `amount: nil` leaves the field out; `.some(nil)`-style nulls are made
    /// with `rawBody` instead.
    static func actionBody(amount: Int?, text: String = "Socks on the way", msn: String = SimulatorHarness.msn)
        -> String
    {
        var transaction: [String: Any] = ["transactionText": text]
        transaction["amount"] = amount
        return json(["merchantInfo": ["merchantSerialNumber": msn], "transaction": transaction])
    }

    static func cancelBody(release: Bool? = nil, text: String = "No socks for you", msn: String = SimulatorHarness.msn)
        -> String
    {
        var body: [String: Any] = [
            "merchantInfo": ["merchantSerialNumber": msn], "transaction": ["transactionText": text],
        ]
        body["shouldReleaseRemainingFunds"] = release
        return json(body)
    }

    static func json(_ object: Any) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    func capture(
        _ orderId: String,
        token: String,
        amount: Int?,
        requestID: String? = UUID().uuidString,
        text: String = "Socks on the way",
        rawBody: String? = nil,
        msn: String? = nil
    ) async throws -> Reply {
        try await send(
            .post,
            "/ecomm/v2/payments/\(orderId)/capture",
            headers: Self.apiHeaders(token: token, msn: msn, requestID: requestID),
            body: rawBody ?? Self.actionBody(amount: amount, text: text)
        )
    }

    func refund(
        _ orderId: String,
        token: String,
        amount: Int?,
        requestID: String? = UUID().uuidString,
        text: String = "Refund of Vipps socks",
        rawBody: String? = nil
    ) async throws -> Reply {
        try await send(
            .post,
            "/ecomm/v2/payments/\(orderId)/refund",
            headers: Self.apiHeaders(token: token, requestID: requestID),
            body: rawBody ?? Self.actionBody(amount: amount, text: text)
        )
    }

    func cancel(
        _ orderId: String, token: String, release: Bool? = nil, requestID: String? = nil, rawBody: String? = nil
    ) async throws -> Reply {
        try await send(
            .put,
            "/ecomm/v2/payments/\(orderId)/cancel",
            headers: Self.apiHeaders(token: token, requestID: requestID),
            body: rawBody ?? Self.cancelBody(release: release)
        )
    }

    func status(_ orderId: String, token: String) async throws -> Reply {
        try await send(.get, "/ecomm/v2/payments/\(orderId)/status", headers: Self.apiHeaders(token: token))
    }

    /// Initiates and force-approves a payment: RESERVE (or SALE with direct capture).
    func reservedPayment(orderId: String, token: String, amount: Int = 20000) async throws {
        let landingToken = try await initiatePayment(orderId: orderId, token: token, amount: amount)
        let approval = try await approve(orderId, token: token, landingToken: landingToken)
        #expect(approval.status == .ok, "\(approval.text)")
    }

    // MARK: Control API

    func ledger(_ orderId: String) async throws -> [String: Any] {
        let reply = try await send(.get, "/sim/v1/payments/\(orderId)")
        #expect(reply.status == .ok, "\(reply.text)")
        return try reply.object()
    }

    /// The log operations of a payment, oldest first.
    func operations(_ orderId: String) async throws -> [String] {
        let log = try #require(try await ledger(orderId)["log"] as? [[String: Any]])
        return log.compactMap { $0["operation"] as? String }
    }

    @discardableResult
    func addFaults(_ json: String) async throws -> Reply {
        let reply = try await send(.post, "/sim/v1/faults", body: json)
        #expect(reply.status == .ok, "\(reply.text)")
        return reply
    }

    func setRateLimits(_ enabled: Bool) async throws {
        let reply = try await send(.post, "/sim/v1/settings", body: #"{"rateLimits":\#(enabled)}"#)
        #expect(reply.status == .ok, "\(reply.text)")
    }
}

extension Reply {
    /// `transactionSummary` as [captured, remainingToCapture, refunded, remainingToRefund], the order of
    /// the examples in docs/ecom-v2.md#amounts.
    func summary(sourceLocation: SourceLocation = #_sourceLocation) throws -> [Int] {
        let summary = try #require(
            try object()["transactionSummary"] as? [String: Any], "\(text)", sourceLocation: sourceLocation)
        #expect(summary.count == 4, "only the four amounts: \(summary)", sourceLocation: sourceLocation)
        return ["capturedAmount", "remainingAmountToCapture", "refundedAmount", "remainingAmountToRefund"].map {
            summary[$0] as? Int ?? -1
        }
    }

    /// `transactionInfo` (capture, cancel) or `transaction` (refund).
    func info(_ key: String = "transactionInfo", sourceLocation: SourceLocation = #_sourceLocation) throws -> [String:
        Any]
    {
        try #require(try object()[key] as? [String: Any], "\(text)", sourceLocation: sourceLocation)
    }
}
