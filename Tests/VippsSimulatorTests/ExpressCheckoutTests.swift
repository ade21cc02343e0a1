import Foundation
import Hummingbird
import Testing

@testable import VippsSimulator

/// docs/ecom-v2.md#shipping-details and #consent-removal.
@Suite("Express checkout on the phone page, shipping details and consent removal")
struct ExpressCheckoutTests {
    static let phone = "91234567"
    static let order = [("merchantSerialNumber", "123456"), ("orderId", "order-1")]
    static let staticShipping = """
        [{"isDefault":"N","priority":2,"shippingCost":"99.00","shippingMethod":"Posten","shippingMethodId":"posten"},
         {"isDefault":"Y","priority":1,"shippingCost":49.5,"shippingMethod":"Pick-up <point>","shippingMethodId":"pickup"}]
        """

    static func expressEdits(shop: String, staticShipping: Bool) -> [JSONEdit] {
        [
            JSONEdit("merchantInfo.paymentType", .string("eComm Express Payment")),
            JSONEdit("merchantInfo.consentRemovalPrefix", .string(shop + "/consents")),
            JSONEdit("merchantInfo.authToken", .string("shop-secret")),
            staticShipping
                ? JSONEdit("merchantInfo.staticShippingDetails", .rawJSON(Self.staticShipping))
                : JSONEdit("merchantInfo.shippingDetailsPrefix", .string(shop + "/shipping")),
        ]
    }

    @Test(
        "static shipping: address, then option; the cost is added; RESERVE callback with shippingDetails and userDetails"
    )
    func staticShipping() async throws {
        let shop = ShopReceiver()
        let harness = SimulatorHarness()
        try await shop.run { shopURL in
            try await harness.run { session in
                let token = try await session.fetchToken()
                let landing = try await session.initiateForShop(
                    shopURL, orderId: "order-1", token: token, amount: 20000,
                    edits: Self.expressEdits(shop: shopURL, staticShipping: true))
                _ = try await session.postForm(landing, [("phoneNumber", Self.phone)])

                let step1 = try await session.send(.get, "/sim/v1/phone/91234567")
                #expect(step1.text.contains(#"name="addressId" value="3960""#))
                #expect(step1.text.contains(#"name="addressId" value="3961""#))
                #expect(!step1.text.contains("shippingMethodId"))
                // Approving without a choice is refused.
                #expect(try await session.postForm("/sim/v1/phone/91234567/approve", Self.order).status == .conflict)

                let step2 = try await session.send(
                    .get, "/sim/v1/phone/91234567?merchantSerialNumber=123456&orderId=order-1&addressId=3961")
                #expect(step2.text.contains("Robert Levins gate 5"))
                #expect(step2.text.contains(#"value="pickup" checked"#))
                #expect(step2.text.contains("Pick-up &lt;point&gt; (kr 49,50)"))
                #expect(step2.text.contains("Posten (kr 99,00)"))
                // The pick-up point (priority 1) comes first.
                let pickup = try #require(step2.text.range(of: "pickup"))
                let posten = try #require(step2.text.range(of: "posten"))
                #expect(pickup.lowerBound < posten.lowerBound)

                let approved = try await session.postForm(
                    "/sim/v1/phone/91234567/approve",
                    Self.order + [("addressId", "3961"), ("shippingMethodId", "posten")])
                #expect(approved.status == .seeOther)

                let details = try await session.details("order-1", token: token).object()
                let history = try #require(details["transactionLogHistory"] as? [[String: Any]])
                #expect(history.first?["operation"] as? String == "RESERVE")
                #expect(history.first?["amount"] as? Int == 29900)
                let shipping = try #require(details["shippingDetails"] as? [String: Any])
                #expect(shipping["shippingMethodId"] as? String == "posten")
                #expect(shipping["shippingCost"] as? Double == 99)
                #expect((shipping["address"] as? [String: Any])?["postCode"] as? String == "0154")
                let user = try #require(details["userDetails"] as? [String: Any])
                #expect(user["mobileNumber"] as? String == Self.phone)
                // /details is written by hand for speed; it must be byte for byte what JSONEncoder
                // writes, with every optional part present.
                let raw = try await session.details("order-1", token: token).text
                let payment = try harness.simulator.store.payment(orderId: "order-1", merchantSerialNumber: nil)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                #expect(raw == String(decoding: try encoder.encode(PaymentDetailsResponse(payment)), as: UTF8.self))

                _ = try await session.callbacks()
                let callback = try #require(shop.received.first { $0.path == "/vipps/v2/payments/order-1" })
                #expect(callback.authorization == "shop-secret")
                let body = try callback.object()
                let info = try #require(body["transactionInfo"] as? [String: Any])
                #expect(info["status"] as? String == "RESERVE")
                #expect(info["amount"] as? Int == 29900)
                let callbackShipping = try #require(body["shippingDetails"] as? [String: Any])
                let address = try #require(callbackShipping["address"] as? [String: Any])
                #expect(address["zipCode"] as? String == "0154")
                #expect(address["postCode"] == nil)
                #expect(callbackShipping["shippingMethod"] as? String == "Posten")
                let userDetails = try #require(body["userDetails"] as? [String: Any])
                #expect(userDetails["userId"] as? String == "simuser91234567")

                // Capture of the total with shipping works.
                #expect(try await session.capture("order-1", token: token, amount: 29900).status == .ok)
            }
        }
    }

    @Test("dynamic shipping: the shop's shippingDetails endpoint is asked, with the authToken and the address")
    func dynamicShipping() async throws {
        let answer =
            #"{"addressId":3960,"orderId":"order-1","shippingDetails":[{"isDefault":"Y","priority":"0","shippingCost":"59.00","shippingMethod":"Bring","shippingMethodId":"bring"}]}"#
        let shop = ShopReceiver(shippingAnswer: answer)
        try await shop.run { shopURL in
            try await SimulatorHarness().run { session in
                let token = try await session.fetchToken()
                let landing = try await session.initiateForShop(
                    shopURL, orderId: "order-1", token: token, amount: 10000,
                    edits: Self.expressEdits(shop: shopURL, staticShipping: false))
                _ = try await session.postForm(landing, [("phoneNumber", Self.phone)])
                let step2 = try await session.send(
                    .get, "/sim/v1/phone/91234567?merchantSerialNumber=123456&orderId=order-1&addressId=3960")
                #expect(step2.text.contains("Bring (kr 59,00)"))

                let request = try #require(shop.received.first)
                #expect(request.method == "POST")
                #expect(request.path == "/shipping/v2/payments/order-1/shippingDetails")
                #expect(request.authorization == "shop-secret")
                let body = try request.object()
                #expect(body["addressId"] as? Int == 3960)
                #expect(body["postCode"] as? String == "0191")
                #expect(body["addressLine2"] is NSNull)

                _ = try await session.postForm(
                    "/sim/v1/phone/91234567/approve",
                    Self.order + [("addressId", "3960"), ("shippingMethodId", "bring")])
                #expect(try await session.operations("order-1") == ["INITIATE", "RESERVE"])
                let log = try #require(try await session.ledger("order-1")["log"] as? [[String: Any]])
                #expect(log.last?["amount"] as? Int == 15900)

                let recorded = try await session.callbacks(atLeast: 2)
                #expect(recorded.map { $0["kind"] as? String } == ["shipping-details", "payment-update"])
            }
        }
    }

    @Test("a shop without shipping options: 'No shipping methods found', no approval possible")
    func noShippingOptions() async throws {
        let shop = ShopReceiver(status: .internalServerError)
        try await shop.run { shopURL in
            try await SimulatorHarness().run { session in
                let token = try await session.fetchToken()
                let landing = try await session.initiateForShop(
                    shopURL, orderId: "order-1", token: token,
                    edits: Self.expressEdits(shop: shopURL, staticShipping: false))
                _ = try await session.postForm(landing, [("phoneNumber", Self.phone)])
                let step2 = try await session.send(
                    .get, "/sim/v1/phone/91234567?merchantSerialNumber=123456&orderId=order-1&addressId=3960")
                #expect(step2.text.contains("No shipping methods found."))
                let refused = try await session.postForm(
                    "/sim/v1/phone/91234567/approve", Self.order + [("addressId", "3960"), ("shippingMethodId", "x")])
                #expect(refused.status == .conflict)
            }
        }
    }

    @Test("consent removal: a button after approval sends DELETE consentRemovalPrefix/v2/consents/{userId}, recorded")
    func consentRemoval() async throws {
        let shop = ShopReceiver()
        try await shop.run { shopURL in
            try await SimulatorHarness().run { session in
                let token = try await session.fetchToken()
                let landing = try await session.initiateForShop(
                    shopURL, orderId: "order-1", token: token,
                    edits: Self.expressEdits(shop: shopURL, staticShipping: true))
                _ = try await session.postForm(landing, [("phoneNumber", Self.phone)])
                #expect(!(try await session.send(.get, "/sim/v1/phone/91234567").text.contains("consent-removal")))
                _ = try await session.send(
                    .get, "/sim/v1/phone/91234567?merchantSerialNumber=123456&orderId=order-1&addressId=3960")
                _ = try await session.postForm(
                    "/sim/v1/phone/91234567/approve",
                    Self.order + [("addressId", "3960"), ("shippingMethodId", "pickup")])
                let page = try await session.send(.get, "/sim/v1/phone/91234567")
                #expect(page.text.contains(#"action="/sim/v1/phone/91234567/consent-removal""#))

                let removed = try await session.postForm("/sim/v1/phone/91234567/consent-removal", Self.order)
                #expect(removed.status == .seeOther)
                let attempts = try await session.callbacks(atLeast: 2)
                let delete = try #require(attempts.first { $0["kind"] as? String == "consent-removal" })
                #expect(delete["method"] as? String == "DELETE")
                #expect(delete["url"] as? String == "\(shopURL)/consents/v2/consents/simuser91234567")
                #expect(delete["status"] as? Int == 200)
                let received = try #require(shop.received.first { $0.method == "DELETE" })
                #expect(received.authorization == nil)

                // Another number has no consent to remove.
                #expect(
                    try await session.postForm("/sim/v1/phone/98765432/consent-removal", Self.order).status == .conflict
                )
            }
        }
    }
}
