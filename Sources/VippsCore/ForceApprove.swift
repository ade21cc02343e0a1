extension VippsClient {
    /// POST /ecomm/v2/integration-test/payments/{orderId}/approve: approves a payment as if the
    /// customer had done it in the app. Exists only in the test environment (and in vipps-sim);
    /// refused here for production so that no code path can try it with real money.
    public func forceApprove(orderId: String, phoneNumber: String?, landingToken: String) throws(VippsError) {
        if api == .ePayment {
            return try ePaymentForceApprove(
                reference: orderId, customer: try phoneNumber.map(Self.ePaymentCustomer),
                landingToken: landingToken.isEmpty ? nil : landingToken)
        }
        guard environment.allowsTestOperations else {
            throw VippsError(.notAllowed, "force approve exists only in the test environment, not in production")
        }
        try Validation.orderId(orderId)
        if let phoneNumber { try Validation.phoneNumber(phoneNumber) }
        guard !landingToken.isEmpty, landingToken.utf8.count <= 8192,
            landingToken.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else {
            throw .invalidArgument("token", "must be the token from the landing page URL")
        }
        var body: JSONObject = ["token": .string(landingToken)]
        body["customerPhoneNumber"] = phoneNumber.map(JSONValue.string)
        _ = try perform(
            .post, "/ecomm/v2/integration-test/payments/\(Self.pathSegment(orderId))/approve",
            body: JSONValue.object(body).utf8Bytes,
            kind: .forceApprove, operation: "force approve \(orderId)")
    }
}
