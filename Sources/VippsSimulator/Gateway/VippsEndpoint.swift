import Foundation
import Hummingbird

/// The Vipps endpoints the simulator serves, by the names the control API uses for them (faults,
/// rate limits).
enum VippsEndpoint: String, Sendable, Codable, CaseIterable {
    case token
    case initiate
    case capture
    case cancel
    case refund
    case details
    case status
    case approve
    case epaymentCreate = "epayment-create"
    case epaymentGet = "epayment-get"
    case epaymentEvents = "epayment-events"
    case epaymentCapture = "epayment-capture"
    case epaymentRefund = "epayment-refund"
    case epaymentCancel = "epayment-cancel"
    case epaymentApprove = "epayment-approve"
    case webhooksRegister = "webhooks-register"
    case webhooksList = "webhooks-list"
    case webhooksDelete = "webhooks-delete"
    case userinfo

    /// Requests allowed per minute and key (reference §10); `nil` where none is documented.
    var rateLimitPerMinute: Int? {
        switch self {
        case .initiate: 2
        case .capture, .cancel, .refund: 5
        case .details, .status: 120
        // ePayment's own limits are not simulated yet.
        case .token, .approve, .epaymentCreate, .epaymentGet, .epaymentEvents, .epaymentCapture, .epaymentRefund,
            .epaymentCancel, .epaymentApprove:
            nil
        case .webhooksRegister, .webhooksList, .webhooksDelete, .userinfo: nil
        }
    }

    /// The log operation whose requests the ledger counts (`requests` of `GET /sim/v1/payments/{orderId}`).
    var countedOperation: TransactionOperation? {
        switch self {
        case .capture: .capture
        case .refund: .refund
        case .cancel: .cancel
        default: nil
        }
    }
}

/// Which Vipps endpoint a request is for, and for which orderId, worked out from the method and path
/// before routing: faults and request counts act in front of the routes (like a flaky network or
/// gateway would), so they cannot wait for the router's parameters.
struct RequestTarget: Sendable, Equatable {
    let endpoint: VippsEndpoint
    /// From the path; for initiate and ePayment create, from the body; `nil` for the token endpoint.
    let orderId: String?

    /// `nil` for the control API, unknown paths and wrong methods.
    static func identify(method: HTTPRequest.Method, path: String) -> RequestTarget? {
        // The router ignores a trailing slash (Postman's `/ecomm/v2/payments/`), so this does too.
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch (method, parts.count) {
        case (.post, 2) where parts.map { $0.lowercased() } == ["accesstoken", "get"]:
            return RequestTarget(endpoint: .token, orderId: nil)
        case (.post, 3) where parts == ["ecomm", "v2", "payments"]:
            return RequestTarget(endpoint: .initiate, orderId: nil)
        case (_, 5) where parts[0...2] == ["ecomm", "v2", "payments"]:
            let endpoint: VippsEndpoint? =
                switch (method, parts[4]) {
                case (.post, "capture"): .capture
                case (.post, "refund"): .refund
                case (.put, "cancel"): .cancel
                case (.get, "details"): .details
                case (.get, "status"): .status
                default: nil
                }
            return endpoint.map { RequestTarget(endpoint: $0, orderId: parts[3]) }
        case (.post, 6) where parts[0...3] == ["ecomm", "v2", "integration-test", "payments"] && parts[5] == "approve":
            return RequestTarget(endpoint: .approve, orderId: parts[4])
        case (.post, 3) where parts == ["epayment", "v1", "payments"]:
            return RequestTarget(endpoint: .epaymentCreate, orderId: nil)
        case (.get, 4) where parts[0...2] == ["epayment", "v1", "payments"]:
            return RequestTarget(endpoint: .epaymentGet, orderId: parts[3])
        case (_, 5) where parts[0...2] == ["epayment", "v1", "payments"]:
            let endpoint: VippsEndpoint? =
                switch (method, parts[4]) {
                case (.get, "events"): .epaymentEvents
                case (.post, "capture"): .epaymentCapture
                case (.post, "refund"): .epaymentRefund
                case (.post, "cancel"): .epaymentCancel
                default: nil
                }
            return endpoint.map { RequestTarget(endpoint: $0, orderId: parts[3]) }
        case (.post, 6) where parts[0...3] == ["epayment", "v1", "test", "payments"] && parts[5] == "approve":
            return RequestTarget(endpoint: .epaymentApprove, orderId: parts[4])
        case (.post, 3) where parts == ["webhooks", "v1", "webhooks"]:
            return RequestTarget(endpoint: .webhooksRegister, orderId: nil)
        case (.get, 3) where parts == ["webhooks", "v1", "webhooks"]:
            return RequestTarget(endpoint: .webhooksList, orderId: nil)
        case (.delete, 4) where parts[0...2] == ["webhooks", "v1", "webhooks"]:
            return RequestTarget(endpoint: .webhooksDelete, orderId: nil)
        case (.get, 3) where parts[0...1] == ["vipps-userinfo-api", "userinfo"]:
            return RequestTarget(endpoint: .userinfo, orderId: nil)
        default:
            return nil
        }
    }

    /// The orderId of an initiate request, read from its body (`transaction.orderId`) without consuming
    /// it for the route. `nil` when the body is not what initiate expects; the route reports that.
    static func initiateOrderId(of request: inout Request, maximumSize: Int) async -> String? {
        guard let object = await bodyObject(of: &request, maximumSize: maximumSize),
            let transaction = object["transaction"] as? [String: Any]
        else { return nil }
        return transaction["orderId"] as? String
    }

    /// The `reference` of an ePayment create, read like `initiateOrderId`.
    static func createReference(of request: inout Request, maximumSize: Int) async -> String? {
        await bodyObject(of: &request, maximumSize: maximumSize)?["reference"] as? String
    }

    private static func bodyObject(of request: inout Request, maximumSize: Int) async -> [String: Any]? {
        guard let buffer = try? await request.collectBody(upTo: maximumSize) else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any]
    }
}
