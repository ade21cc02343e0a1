import Foundation
import Hummingbird
import Synchronization

/// The customer tokens a create's `customer.customerToken` may name. At Vipps a token comes from a
/// check-in (the customer scanned the shop's QR code); the simulator has no check-ins, so a test gets
/// one from `POST /sim/v1/customer-tokens` with the customer's number. Kept in memory only: like an
/// access token, a token is something a test asks for again after a restart.
final class CustomerTokens: Sendable {
    private let tokens = Mutex<[String: String]>([:])

    init() {}

    func issue(forPhoneNumber msisdn: String) -> String {
        let token = UUID().uuidString.lowercased()
        tokens.withLock { $0[token] = msisdn }
        return token
    }

    /// The customer's MSISDN, or 4050 for a token the simulator never issued.
    func phoneNumber(of token: String) throws(EPaymentProblem) -> String {
        guard let msisdn = tokens.withLock({ $0[token] }) else { throw .invalidCustomerToken() }
        return msisdn
    }
}

/// `POST /sim/v1/customer-tokens` `{"phoneNumber":"4791234567"}` → 201 `{"customerToken":"…"}`.
struct CustomerTokenControlRoutes {
    let tokens: CustomerTokens

    private struct Issue: Decodable { let phoneNumber: String }
    private struct Issued: Encodable { let customerToken: String }

    func add(to router: Router<SimulatorRequestContext>) {
        router.post("sim/v1/customer-tokens") { request, context in
            let body = try await request.decodeControlBody(Issue.self, context: context)
            guard CreatePaymentValidator.isMSISDN(body.phoneNumber) else {
                throw ControlAPIError.badRequest("phoneNumber must be an MSISDN: country code and number, digits only.")
            }
            return try JSONResponse.make(
                status: .created, Issued(customerToken: tokens.issue(forPhoneNumber: body.phoneNumber)))
        }
    }
}
