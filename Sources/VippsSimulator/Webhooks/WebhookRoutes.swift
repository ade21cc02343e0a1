import Foundation
import Hummingbird

/// The Webhooks API under `/webhooks/v1`: register, list, delete (docs/webhooks-and-userinfo.md,
/// "Webhooks API"). Behind the gateway's key and token checks; the sales unit is the
/// `Merchant-Serial-Number` header, or the default one when it is absent. Errors are problems in
/// the `ProblemDetails` shape.
struct WebhookRoutes {
    let dispatcher: WebhookDispatcher
    let store: PaymentStore
    let tokens: AccessTokens
    let subscriptionKey: String

    private struct RegisterResponse: Encodable {
        let id: String
        let secret: String
    }

    private struct Listed: Encodable {
        let id: String
        let url: String
        let events: [String]
    }

    private struct QueryResponse: Encodable {
        let webhooks: [Listed]
    }

    func add(to router: Router<SimulatorRequestContext>) {
        let group = router.group("webhooks/v1")
            .add(middleware: WebhooksGatewayMiddleware(subscriptionKey: subscriptionKey, tokens: tokens, store: store))
        group.post("webhooks") { request, context in
            let msn = try merchantSerialNumber(context)
            let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
            let (url, events) = try WebhookRegistrationValidator(settings: dispatcher.settings).validate(data)
            let limit = dispatcher.settings.maximumPerEventType
            for event in Set(events) where dispatcher.count(merchantSerialNumber: msn, eventType: event) >= limit {
                throw EPaymentProblem(fields: [
                    .init(name: "events", reason: "At most \(limit) webhooks can be registered for \(event).")
                ])
            }
            let registration = dispatcher.register(merchantSerialNumber: msn, url: url, events: events)
            return try JSONResponse.make(
                status: .created, RegisterResponse(id: registration.id, secret: registration.secret))
        }
        group.get("webhooks") { _, context in
            let listed = dispatcher.registrations(merchantSerialNumber: try merchantSerialNumber(context)).map {
                Listed(id: $0.id, url: $0.url, events: $0.events)
            }
            return try JSONResponse.make(QueryResponse(webhooks: listed))
        }
        group.delete("webhooks/{id}") { _, context in
            let id = try context.parameters.require("id")
            guard UUID(uuidString: id) != nil else {
                throw EPaymentProblem(fields: [.init(name: "id", reason: "The id must be a UUID.")])
            }
            guard dispatcher.delete(id: id.lowercased(), merchantSerialNumber: try merchantSerialNumber(context)) else {
                throw EPaymentProblem(status: .notFound, title: "Not Found", detail: "No webhook with id \(id).")
            }
            return Response(status: .noContent)
        }
    }

    private func merchantSerialNumber(_ context: SimulatorRequestContext) throws -> String {
        guard let msn = context.merchantSerialNumber ?? store.merchantSerialNumbers.first else {
            throw EPaymentProblem.field("Merchant-Serial-Number", "The header Merchant-Serial-Number is required.")
        }
        return msn
    }
}

/// The gateway's checks, then the optional sales unit, which must be one these credentials act for.
struct WebhooksGatewayMiddleware: RouterMiddleware {
    typealias Context = SimulatorRequestContext

    let subscriptionKey: String
    let tokens: AccessTokens
    let store: PaymentStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        try VippsAuthenticationMiddleware.checkAccess(request, subscriptionKey: subscriptionKey, tokens: tokens)
        var context = context
        if let msn = request.headers[.merchantSerialNumber], !msn.isEmpty {
            guard store.isKnownMerchant(msn) else {
                throw EPaymentProblem(
                    status: .forbidden, title: "Forbidden", detail: "These credentials may not act for MSN \(msn).")
            }
            context.merchantSerialNumber = msn
        }
        return try await next(request, context)
    }
}

/// `RegisterRequest`: exactly `url` and `events`. The URL rule is loopback-friendly unless the
/// strict setting asks for Vipps' own.
struct WebhookRegistrationValidator {
    let settings: WebhookSettings

    func validate(_ data: Data) throws(EPaymentProblem) -> (url: String, events: [String]) {
        guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw .field("body", "The request body must be a JSON object.")
        }
        var problems: [EPaymentProblem.Detail] = []
        for name in object.keys.sorted() where name != "url" && name != "events" {
            problems.append(.init(name: name, reason: "The property is not allowed."))
        }
        var url = ""
        if case .string(let value)? = object["url"], !value.isEmpty {
            url = value
            if let reason = urlProblem(value) { problems.append(.init(name: "url", reason: reason)) }
        } else {
            problems.append(.init(name: "url", reason: "The property is required and cannot be null or empty."))
        }
        var events: [String] = []
        if case .array(let values)? = object["events"], !values.isEmpty {
            for value in values {
                guard case .string(let event) = value, WebhookEventType.all.contains(event) else {
                    problems.append(
                        .init(name: "events", reason: "Unknown event type: \(EPaymentRequest.canonical(value))."))
                    continue
                }
                if !events.contains(event) { events.append(event) }
            }
        } else {
            problems.append(.init(name: "events", reason: "The property is required and cannot be null or empty."))
        }
        guard problems.isEmpty else { throw EPaymentProblem(fields: problems) }
        return (url, events)
    }

    private func urlProblem(_ value: String) -> String? {
        guard value.count <= 2048, let components = URLComponents(string: value),
            let scheme = components.scheme?.lowercased(), let host = components.host, !host.isEmpty
        else { return "The URL must be absolute." }
        if components.fragment != nil { return "The URL must not have a fragment." }
        if settings.strictURLs {
            guard scheme == "https" else { return "The URL must use HTTPS." }
            guard [nil, 80, 443, 8080].contains(components.port) else {
                return "The URL must use port 80, 443 or 8080."
            }
            return nil
        }
        switch scheme {
        case "https": return nil
        case "http":
            return LoopbackHost.contains(host) ? nil : "The URL must use HTTPS (http:// only on loopback)."
        default: return "The URL must use HTTPS."
        }
    }
}
