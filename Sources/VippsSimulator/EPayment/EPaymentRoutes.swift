import Foundation
import Hummingbird

/// The ePayment v1 API under `/epayment/v1`, behind the same gateway as eCom (subscription key and
/// access token) plus the `Merchant-Serial-Number` header every ePayment call must send. It works on
/// the store's payments, the same ones eCom creates and changes.
struct EPaymentRoutes {
    let store: PaymentStore
    let tokens: AccessTokens
    let subscriptionKey: String
    let publicBaseURL: PublicBaseURL
    let rateLimiter: RateLimiter
    let customerTokens: CustomerTokens

    func add(to router: Router<SimulatorRequestContext>) {
        let group = router.group("epayment/v1")
            .add(middleware: EPaymentGatewayMiddleware(subscriptionKey: subscriptionKey, tokens: tokens, store: store))
        CreatePaymentRoutes(
            store: store, publicBaseURL: publicBaseURL, rateLimiter: rateLimiter, customerTokens: customerTokens
        )
        .add(to: group)
        PaymentReadRoutes(store: store, rateLimiter: rateLimiter).add(to: group)
        ModificationRoutes(store: store, rateLimiter: rateLimiter, inProgress: PaymentsInProgress()).add(to: group)
        QRImageRoutes(store: store, publicBaseURL: publicBaseURL).add(to: router)
        CustomerTokenControlRoutes(tokens: customerTokens).add(to: router)
    }
}

/// The gateway's checks, then the sales unit: ePayment requires `Merchant-Serial-Number` on every
/// call, and it must be one of the sales units these credentials act for.
struct EPaymentGatewayMiddleware: RouterMiddleware {
    typealias Context = SimulatorRequestContext

    let subscriptionKey: String
    let tokens: AccessTokens
    let store: PaymentStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        try VippsAuthenticationMiddleware.checkAccess(request, subscriptionKey: subscriptionKey, tokens: tokens)
        let name = "Merchant-Serial-Number"
        guard let msn = request.headers[.merchantSerialNumber], !msn.isEmpty else {
            throw EPaymentProblem.field(name, "The header Merchant-Serial-Number is required.")
        }
        guard (4...6).contains(msn.count), msn.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw EPaymentProblem.field(
                name, "The header Merchant-Serial-Number must match the regular expression '^[0-9]{4,6}$'.")
        }
        guard store.isKnownMerchant(msn) else {
            throw EPaymentProblem(
                status: .forbidden, title: "Forbidden", detail: "These credentials may not act for MSN \(msn).")
        }
        for header in [
            "Vipps-System-Name", "Vipps-System-Version", "Vipps-System-Plugin-Name", "Vipps-System-Plugin-Version",
        ] {
            if let field = HTTPFields.Element.Name(header), let value = request.headers[field], value.count > 30 {
                throw EPaymentProblem.field(header, "The header \(header) may have at most 30 characters.")
            }
        }
        var context = context
        context.merchantSerialNumber = msn
        return try await next(request, context)
    }
}

/// What the ePayment routes share: the request's sales unit, key and body.
enum EPaymentRequest {
    static let maximumKeyLength = 50

    /// Set by `EPaymentGatewayMiddleware`, which runs before every ePayment route.
    static func merchantSerialNumber(_ context: SimulatorRequestContext) throws(EPaymentProblem) -> String {
        guard let msn = context.merchantSerialNumber else {
            throw EPaymentProblem.field("Merchant-Serial-Number", "The header Merchant-Serial-Number is required.")
        }
        return msn
    }

    static func idempotencyKey(_ request: Request) throws(EPaymentProblem) -> String {
        guard let key = request.headers[.idempotencyKey], !key.isEmpty else {
            throw EPaymentProblem.field("Idempotency-Key", "The header Idempotency-Key is required.")
        }
        guard key.count <= maximumKeyLength else {
            throw EPaymentProblem.field(
                "Idempotency-Key", "The header Idempotency-Key may have at most \(maximumKeyLength) characters.")
        }
        return key
    }

    /// The reference of the path. Paths accept 1–64 characters, not create's 8–64, so that eCom
    /// payments with short order ids stay reachable.
    static func reference(_ context: SimulatorRequestContext) throws -> String {
        let reference = try context.parameters.require("reference")
        guard (1...64).contains(reference.count), reference.allSatisfy(isReferenceCharacter) else {
            throw EPaymentProblem.field(
                "reference", "The reference must match the regular expression '^[a-zA-Z0-9-]{1,64}$'.")
        }
        return reference
    }

    static func isReferenceCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-")
    }

    /// The JSON object of the body and its canonical form (sorted members, no whitespace), which
    /// idempotency compares. An empty body counts as `{}` where `allowsEmpty`.
    static func body(_ request: Request, context: SimulatorRequestContext, allowsEmpty: Bool) async throws -> (
        object: [String: JSONValue], canonical: String
    ) {
        let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        if allowsEmpty, data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return ([:], "{}")
        }
        guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw EPaymentProblem.field("body", "The request body must be a JSON object.")
        }
        return (object, canonical(.object(object)))
    }

    static func canonical(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
