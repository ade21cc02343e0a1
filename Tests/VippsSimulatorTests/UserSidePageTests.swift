import Foundation
import Hummingbird
import Testing

@testable import VippsSimulator

@Suite("The user's side: landing page and phone page (docs/ecom-v2.md#user-flows)")
struct UserSidePageTests {
    static let phone = "91234567"

    @Test("landing page: merchant, amount, escaped text, phone form pre-filled from mobileNumber")
    func landingPage() async throws {
        try await SimulatorHarness().run { session in
            let token = try await session.fetchToken()
            let landing = try await session.initiateForShop(
                "http://127.0.0.1:9",
                orderId: "order-1",
                token: token,
                amount: 34950,
                edits: [
                    JSONEdit("transaction.transactionText", .string(#"<script>alert("x")</script> & socks"#)),
                    JSONEdit("customerInfo.mobileNumber", .string(Self.phone)),
                ]
            )
            let page = try await session.send(.get, landing)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains("123456"))
            #expect(page.text.contains("kr 349,50"))
            #expect(page.text.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; socks"))
            #expect(!page.text.contains("<script>"))
            #expect(page.text.contains(#"name="phoneNumber" value="91234567""#))
            #expect(page.text.contains(#"<form method="post""#))

            #expect(try await session.send(.get, "\(LandingURL.path)?v=2&token=nope").status == .notFound)
            #expect(try await session.send(.get, LandingURL.path).status == .notFound)
        }
    }

    @Test("push, approve on the phone, redirect to fallBack; RESERVED callback")
    func approveFlow() async throws {
        let shop = ShopReceiver()
        try await shop.run { shopURL in
            try await SimulatorHarness().run { session in
                let token = try await session.fetchToken()
                let landing = try await session.initiateForShop(shopURL, orderId: "order-1", token: token)

                let bad = try await session.postForm(landing, [("phoneNumber", "123")])
                #expect(bad.status == .badRequest)
                #expect(bad.text.contains("8 digits"))

                let pushed = try await session.postForm(landing, [("phoneNumber", "912 34 567")])
                #expect(pushed.status == .seeOther)
                #expect(pushed.headers[.location] == landing)
                let waiting = try await session.send(.get, landing)
                #expect(waiting.status == .ok)
                #expect(waiting.text.contains("Open the Vipps app on <strong>91234567</strong>"))
                #expect(waiting.text.contains(#"<meta http-equiv="refresh" content="1">"#))
                #expect(waiting.text.contains(#"href="/sim/v1/phone/91234567""#))

                let phonePage = try await session.send(.get, "/sim/v1/phone/91234567")
                #expect(phonePage.status == .ok)
                #expect(phonePage.text.contains("order-1"))
                #expect(phonePage.text.contains(#"action="/sim/v1/phone/91234567/approve""#))
                #expect(phonePage.text.contains(#"action="/sim/v1/phone/91234567/reject""#))
                #expect(try await session.send(.get, "/sim/v1/phone/98765432").text.contains("No payment requests."))

                // Another phone cannot approve it.
                #expect(
                    try await session.postForm(
                        "/sim/v1/phone/98765432/approve", [("merchantSerialNumber", "123456"), ("orderId", "order-1")]
                    ).status == .conflict)

                let approved = try await session.postForm(
                    "/sim/v1/phone/91234567/approve", [("merchantSerialNumber", "123456"), ("orderId", "order-1")])
                #expect(approved.status == .seeOther)
                #expect(approved.headers[.location]?.hasPrefix("/sim/v1/phone/91234567?message=") == true)
                #expect(try await session.operations("order-1") == ["INITIATE", "RESERVE"])
                #expect(!(try await session.send(.get, "/sim/v1/phone/91234567").text.contains("order-1\"")))

                let done = try await session.send(.get, landing)
                #expect(done.status == .seeOther)
                #expect(done.headers[.location] == "http://127.0.0.1:8080/vipps/fallback/order-1")

                // Approving twice is refused; the callback went once.
                #expect(
                    try await session.postForm(
                        "/sim/v1/phone/91234567/approve", [("merchantSerialNumber", "123456"), ("orderId", "order-1")]
                    ).status == .conflict)
                _ = try await session.callbacks()
                #expect(shop.received.count == 1)
                let info = try #require(try shop.received.first?.object()["transactionInfo"] as? [String: Any])
                #expect(info["status"] as? String == "RESERVED")
            }
        }
    }

    @Test("reject on the phone: CANCEL, CANCELLED callback, landing page redirects")
    func rejectFlow() async throws {
        let shop = ShopReceiver()
        try await shop.run { shopURL in
            try await SimulatorHarness().run { session in
                let token = try await session.fetchToken()
                let landing = try await session.initiateForShop(shopURL, orderId: "order-1", token: token)
                _ = try await session.postForm(landing, [("phoneNumber", Self.phone)])
                let rejected = try await session.postForm(
                    "/sim/v1/phone/91234567/reject", [("merchantSerialNumber", "123456"), ("orderId", "order-1")])
                #expect(rejected.status == .seeOther)
                #expect(try await session.operations("order-1") == ["INITIATE", "CANCEL"])
                #expect(try await session.send(.get, landing).status == .seeOther)
                _ = try await session.callbacks()
                let info = try #require(try shop.received.first?.object()["transactionInfo"] as? [String: Any])
                #expect(info["status"] as? String == "CANCELLED")
            }
        }
    }

    @Test("skipLandingPage pushes to mobileNumber at once")
    func skipLandingPage() async throws {
        try await SimulatorHarness().run { session in
            _ = try await session.send(
                .post, "/sim/v1/settings", body: #"{"merchants":{"123456":{"maySkipLandingPage":true}}}"#)
            let token = try await session.fetchToken()
            _ = try await session.initiateForShop(
                "http://127.0.0.1:9",
                orderId: "order-1",
                token: token,
                edits: [
                    JSONEdit("transaction.skipLandingPage", .bool(true)),
                    JSONEdit("customerInfo.mobileNumber", .string(Self.phone)),
                ]
            )
            #expect(try await session.send(.get, "/sim/v1/phone/91234567").text.contains("order-1"))
        }
    }

    @Test("the landing link expires after 5 minutes unless the push went out")
    func landingExpiry() async throws {
        let harness = SimulatorHarness()
        try await harness.run { session in
            let token = try await session.fetchToken()
            let first = try await session.initiateForShop("http://127.0.0.1:9", orderId: "order-1", token: token)
            let second = try await session.initiateForShop("http://127.0.0.1:9", orderId: "order-2", token: token)
            _ = try await session.postForm(second, [("phoneNumber", Self.phone)])
            harness.clock.advance(by: 299)
            #expect(try await session.send(.get, first).status == .ok)
            harness.clock.advance(by: 1)
            let expired = try await session.send(.get, first)
            #expect(expired.status == .gone)
            #expect(expired.text.contains("expired"))
            #expect(try await session.postForm(first, [("phoneNumber", Self.phone)]).status == .gone)
            // Pushed: still waiting for the user.
            #expect(try await session.send(.get, second).status == .ok)
        }
    }

    @Test("form bodies: + is a space, percent escapes decode")
    func formParsing() {
        let form = FormBody.parse("a=1+2&b=%3Cx%3E&c&a=3")
        #expect(form["a"] == "3")
        #expect(form["b"] == "<x>")
        #expect(form["c"] == "")
        #expect(FormBody.parse("q=x+y")["q"] == "x y")
    }
}
