import Foundation
import Hummingbird
import NIOCore

/// Wraps the router with what every request gets, whichever route (or none) answers it:
/// the access token path matched case-insensitively, the request counts and injected faults of the
/// control API, the `Vipps-Sim-Version` header, a last-resort error body, and one log line.
///
/// Faults act here, in front of authentication and routing, as a flaky network or gateway would: a
/// fault strikes a request whatever its credentials, and an `*-after` fault replaces whatever the
/// route answered, refusal or success.
struct SimulatorResponder<Router: HTTPResponder>: HTTPResponder where Router.Context == SimulatorRequestContext {
    typealias Context = SimulatorRequestContext

    let router: Router
    let store: PaymentStore
    let faults: FaultInjector
    let log: @Sendable (String) -> Void

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let receivedPath = request.uri.path
        var request = AccessTokenPath.canonicalized(request)

        var plan = FaultPlan.none
        if var target = RequestTarget.identify(method: request.method, path: request.uri.path) {
            if target.endpoint == .initiate {
                let orderId = await RequestTarget.initiateOrderId(of: &request, maximumSize: context.maxUploadSize)
                target = RequestTarget(endpoint: .initiate, orderId: orderId)
            } else if target.endpoint == .epaymentCreate {
                let reference = await RequestTarget.createReference(of: &request, maximumSize: context.maxUploadSize)
                target = RequestTarget(endpoint: .epaymentCreate, orderId: reference)
            }
            if let operation = target.endpoint.countedOperation, let orderId = target.orderId {
                store.countRequest(operation, orderId: orderId)
            }
            plan = faults.plan(for: target)
        }

        if let latency = plan.latency {
            try? await Task.sleep(for: .milliseconds(latency.delayMs ?? 0))
        }
        var response: Response
        var dropped = false
        if let action = plan.action {
            // The "after" kinds apply the operation first and throw its answer away.
            if action.kind == .errorAfter || action.kind == .dropAfter {
                _ = try await route(request, context: context)
            }
            switch action.kind {
            case .errorBefore, .errorAfter, .rateLimit, .respond:
                response = try FaultResponses.response(for: action, request: request, context: context)
            case .dropBefore, .dropAfter:
                response = ConnectionDrop.response
                dropped = true
            case .latency:
                // Never the action (a plan keeps latency apart); answered normally all the same.
                response = try await route(request, context: context)
            }
        } else {
            response = try await route(request, context: context)
        }

        response.headers[.simulatorVersion] = SimulatorVersion.current
        log(
            RequestLogLine.make(
                method: request.method,
                path: receivedPath,
                status: dropped ? nil : response.status,
                duration: started.duration(to: .now),
                faults: plan.kindNames
            )
        )
        if dropped { await ConnectionDrop.close(context.channel) }
        return response
    }

    /// The router's answer, with every error turned into its response.
    private func route(_ request: Request, context: Context) async throws -> Response {
        do {
            return try await router.respond(to: request, context: context)
        } catch let error as any HTTPResponseError {
            return try error.response(from: request, context: context)
        } catch {
            // Not expected: every route throws one of the simulator's error types. Still answer in the
            // backend's format rather than dropping the connection.
            return try BackendError.internalError().response(from: request, context: context)
        }
    }
}

/// The per-request context of the simulator's routes.
struct SimulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The `Merchant-Serial-Number` header, once `VippsAuthenticationMiddleware` (or, for ePayment,
    /// `EPaymentGatewayMiddleware`) has checked it is a
    /// configured sales unit; `nil` when the merchant did not send one.
    var merchantSerialNumber: String?
    /// The request's connection, kept so that a `drop-*` fault can close it (see `ConnectionDrop`).
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// The request log line: method, path, status, duration — e.g. `POST /ecomm/v2/payments 200 3.1ms`.
/// Deliberately nothing else: no headers, no query, no body, which is where secrets travel
/// (client secret, subscription key, access token, `authToken`, landing token).
///
/// A request hit by injected faults gets them appended (`… 500 0.4ms fault=error-after`); a dropped
/// connection has status `000`, as curl reports "no response".
enum RequestLogLine {
    static func make(
        method: HTTPRequest.Method,
        path: String,
        status: HTTPResponse.Status?,
        duration: Duration,
        faults: String? = nil
    ) -> String {
        let (seconds, attoseconds) = duration.components
        let tenthsOfMilliseconds = seconds * 10_000 + attoseconds / 100_000_000_000_000
        let statusText = status.map { String($0.code) } ?? "000"
        let line =
            "\(method.rawValue) \(path) \(statusText) \(tenthsOfMilliseconds / 10).\(tenthsOfMilliseconds % 10)ms"
        return faults.map { "\(line) fault=\($0)" } ?? line
    }
}
