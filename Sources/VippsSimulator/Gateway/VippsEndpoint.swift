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
    /// The QR image of a QR payment (`GET /qr/v1?token=…`).
    case epaymentQr = "epayment-qr"
    case webhooksRegister = "webhooks-register"
    case webhooksList = "webhooks-list"
    case webhooksDelete = "webhooks-delete"
    case userinfo

    /// Requests allowed per minute and key (docs/ecom-v2.md#rate-limits; ePayment's in docs/epayment.md);
    /// `nil` where none is documented.
    var rateLimitPerMinute: Int? {
        switch self {
        case .initiate: 2
        case .capture, .cancel, .refund: 5
        case .details, .status: 120
        case .epaymentCreate, .epaymentCapture, .epaymentRefund, .epaymentCancel: 5
        case .epaymentGet, .epaymentEvents: 120
        case .token, .approve, .epaymentApprove, .epaymentQr: nil
        case .webhooksRegister, .webhooksList, .webhooksDelete, .userinfo: nil
        }
    }

    /// Whether a limit counts per sales unit (the modifications) or per subscription key (the reads).
    var rateLimitIsPerMerchant: Bool {
        switch self {
        case .details, .status, .epaymentGet, .epaymentEvents: false
        default: true
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
        case (.get, 2) where parts == ["qr", "v1"]:
            return RequestTarget(endpoint: .epaymentQr, orderId: nil)
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

    /// The `reference` of an ePayment create, read like `initiateOrderId`; a JSON number counts as
    /// its digits, as the create itself takes it.
    static func createReference(of request: inout Request, maximumSize: Int) async -> String? {
        switch await bodyObject(of: &request, maximumSize: maximumSize)?["reference"] {
        case let text as String: text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }

    private static func bodyObject(of request: inout Request, maximumSize: Int) async -> [String: Any]? {
        guard let buffer = try? await request.collectBody(upTo: maximumSize) else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any]
    }
}
