import Foundation
import Hummingbird

/// `POST /accesstoken/get`: the Access Token API (reference §2.1). An empty-bodied POST whose headers
/// carry the credentials; the subscription key is checked first, as the gateway sits in front.
struct AccessTokenRoutes {
    let credentials: SimulatorCredentials
    let tokenLifetime: TimeInterval
    let store: PaymentStore

    func add(to router: Router<SimulatorRequestContext>) {
        // Any casing of the path reaches this route: see `AccessTokenPath`.
        router.post(RouterPath(AccessTokenPath.canonical)) { request, _ in try issueToken(request) }
    }

    private func issueToken(_ request: Request) throws -> Response {
        try SubscriptionKeyCheck.check(request, expected: credentials.subscriptionKey)
        guard request.headers[.clientID] == credentials.clientID else {
            throw TokenServiceError.unknownClient(at: store.clock.now())
        }
        guard request.headers[.clientSecret] == credentials.clientSecret else {
            throw TokenServiceError.invalidClientSecret(at: store.clock.now())
        }
        return try JSONResponse.make(AccessTokenResponse(store.issueAccessToken(lifetime: tokenLifetime)))
    }
}
