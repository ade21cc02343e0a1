import Hummingbird

/// `GET /sim/v1/users` lists the configured test users; `POST /sim/v1/users` adds or replaces one
/// (a whole `TestUser`, keyed by its MSISDN). Users are configuration: a reset keeps them.
struct TestUserControlRoutes {
    let users: TestUsers

    private struct Listing: Encodable {
        let users: [TestUser]
    }

    /// `group` is `/sim/v1`.
    func add(to group: RouterGroup<SimulatorRequestContext>) {
        group.get("users") { _, _ in try JSONResponse.make(Listing(users: users.all())) }
        group.post("users") { request, context in
            let user = try await request.decodeControlBody(TestUser.self, context: context)
            guard (10...15).contains(user.phoneNumber.count), user.phoneNumber.allSatisfy({ $0.isASCII && $0.isNumber })
            else { throw ControlAPIError.badRequest("phoneNumber must be an MSISDN: 10 to 15 digits.") }
            guard user.nin.count == 11, user.nin.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw ControlAPIError.badRequest("nin must be 11 digits.")
            }
            guard user.country.count == 2 else { throw ControlAPIError.badRequest("country must be two letters.") }
            users.set(user)
            return try JSONResponse.make(Listing(users: users.all()))
        }
    }
}
