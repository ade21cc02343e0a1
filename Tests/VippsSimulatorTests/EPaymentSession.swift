import Foundation
import HTTPTypes
import Hummingbird
import Testing

@testable import VippsSimulator

/// The calls an ePayment merchant makes, for the tests.
struct EPaymentClient: Sendable {
    let session: SimulatorSession
    let token: String
    var msn = SimulatorHarness.msn

    static func make(_ session: SimulatorSession, msn: String = SimulatorHarness.msn) async throws -> EPaymentClient {
        EPaymentClient(session: session, token: try await session.fetchToken(), msn: msn)
    }

    func headers(key: String?) -> HTTPFields {
        var headers = SimulatorSession.apiHeaders(token: token, msn: msn)
        if let key { headers[.idempotencyKey] = key }
        return headers
    }

    static func createBody(
        reference: String,
        value: Int = 49900,
        currency: String = "NOK",
        userFlow: String = "WEB_REDIRECT",
        phone: String? = "4791234567",
        returnUrl: String? = "https://shop.test/return?reference=r",
        extra: String = ""
    ) -> String {
        var members = [
            #""amount":{"currency":"\#(currency)","value":\#(value)}"#,
            #""paymentMethod":{"type":"WALLET"}"#,
            #""reference":"\#(reference)""#,
            #""userFlow":"\#(userFlow)""#,
            #""paymentDescription":"One pair of socks""#,
        ]
        if let phone { members.append(#""customer":{"phoneNumber":"\#(phone)"}"#) }
        if let returnUrl { members.append(#""returnUrl":"\#(returnUrl)""#) }
        if !extra.isEmpty { members.append(extra) }
        return "{" + members.joined(separator: ",") + "}"
    }

    func create(_ body: String, key: String? = UUID().uuidString) async throws -> Reply {
        try await session.send(.post, "/epayment/v1/payments", headers: headers(key: key), body: body)
    }

    /// Creates a payment and returns its landing token (nil for PUSH_MESSAGE).
    @discardableResult
    func createPayment(
        _ reference: String, value: Int = 49900, userFlow: String = "WEB_REDIRECT", key: String = UUID().uuidString
    ) async throws -> String? {
        let reply = try await create(Self.createBody(reference: reference, value: value, userFlow: userFlow), key: key)
        #expect(reply.status == .created, "\(reply.text)")
        return (try reply.object()["redirectUrl"] as? String).flatMap { $0.components(separatedBy: "token=").last }
    }

    func get(_ reference: String) async throws -> Reply {
        try await session.send(.get, "/epayment/v1/payments/\(reference)", headers: headers(key: nil))
    }

    func events(_ reference: String) async throws -> [[String: Any]] {
        let reply = try await session.send(
            .get, "/epayment/v1/payments/\(reference)/events", headers: headers(key: nil))
        #expect(reply.status == .ok, "\(reply.text)")
        return try #require(try JSONSerialization.jsonObject(with: Data(reply.text.utf8)) as? [[String: Any]])
    }

    func eventNames(_ reference: String) async throws -> [String] {
        try await events(reference).compactMap { $0["name"] as? String }
    }

    func modify(
        _ reference: String, _ operation: String, value: Int? = nil, currency: String = "NOK", body: String? = nil,
        key: String? = UUID().uuidString
    ) async throws -> Reply {
        let text = body ?? value.map { #"{"modificationAmount":{"currency":"\#(currency)","value":\#($0)}}"# } ?? ""
        return try await session.send(
            .post, "/epayment/v1/payments/\(reference)/\(operation)", headers: headers(key: key), body: text)
    }

    func approve(_ reference: String, body: String = "{}") async throws -> Reply {
        try await session.send(
            .post, "/epayment/v1/test/payments/\(reference)/approve", headers: headers(key: nil), body: body)
    }

    /// State and the four aggregate values (authorized, cancelled, captured, refunded).
    func snapshot(_ reference: String) async throws -> (state: String, amounts: [Int]) {
        let object = try await get(reference).object()
        let aggregate = try #require(object["aggregate"] as? [String: [String: Any]])
        let amounts = ["authorizedAmount", "cancelledAmount", "capturedAmount", "refundedAmount"].map {
            aggregate[$0]?["value"] as? Int ?? -1
        }
        return (try #require(object["state"] as? String), amounts)
    }
}

extension Reply {
    /// An RFC 7807 problem with this status and error code (nil: a validation problem naming `field`).
    @discardableResult
    func expectProblem(
        _ status: HTTPResponse.Status, code: Int? = nil, field: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String: Any] {
        #expect(self.status == status, "\(text)", sourceLocation: sourceLocation)
        #expect(headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
        let problem = try object()
        #expect(problem["status"] as? Int == Int(status.code), sourceLocation: sourceLocation)
        #expect(problem["type"] as? String == "https://httpstatuses.io/\(status.code)", sourceLocation: sourceLocation)
        #expect((problem["title"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        #expect((problem["traceId"] as? String)?.hasPrefix("00-") == true, sourceLocation: sourceLocation)
        let details = problem["extraDetails"] as? [[String: String]] ?? []
        if let code {
            #expect(
                details.contains { $0["name"] == "ErrorCode" && $0["reason"] == String(code) }, "\(text)",
                sourceLocation: sourceLocation)
        } else {
            #expect(!details.contains { $0["name"] == "ErrorCode" }, "\(text)", sourceLocation: sourceLocation)
        }
        if let field {
            #expect(details.contains { $0["name"] == field }, "\(text)", sourceLocation: sourceLocation)
        }
        return problem
    }
}
