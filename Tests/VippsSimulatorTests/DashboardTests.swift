import Foundation
import HTTPTypes
import Hummingbird
import Testing

@testable import VippsSimulator

/// The dashboard's page and form actions, in process (its browser test is system-tests/dashboard).
@Suite struct DashboardTests {
    @Test func showsPaymentsEscapedAndNeverASecret() async throws {
        try await SimulatorHarness().run { session in
            let client = try await EPaymentClient.make(session)
            let registered = try await client.registerWebhook(
                url: "https://shop.example/hooks", events: ["epayments.payment.created.v1"])
            let secret = try #require(try registered.object()["secret"] as? String)
            let token = try await session.fetchToken()
            _ = try await session.initiatePayment(
                orderId: "dash-escape-1", token: token,
                edits: [JSONEdit("transaction.transactionText", .string("<script>alert(1)</script>"))])
            try await client.createPayment("dash-epayment-1")

            let page = try await session.send(.get, "/sim/")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains(#"<meta http-equiv="refresh" content="2">"#))
            #expect(page.text.contains("dash-escape-1") && page.text.contains("dash-epayment-1"))
            #expect(page.text.contains("https://shop.example/hooks"))
            #expect(!page.text.contains(secret))
            #expect(!page.text.contains("<script>"))
            let still = try await session.send(.get, "/sim?refresh=0")
            #expect(still.status == .ok && !still.text.contains("http-equiv=\"refresh\""))
            #expect(still.text.contains(#"action="/sim/dashboard/clock?refresh=0""#))
        }
    }

    @Test func formsMoveTheClockAndSetFaults() async throws {
        let harness = SimulatorHarness()
        try await harness.run { session in
            let start = harness.clock.now()
            let moved = try await session.postForm("/sim/dashboard/clock?refresh=0", [("seconds", "600")])
            #expect(moved.status == .seeOther)
            #expect(moved.headers[.location]?.hasPrefix("/sim/?refresh=0&message=Clock") == true)
            #expect(harness.clock.now().timeIntervalSince(start) == 600)

            _ = try await session.postForm("/sim/dashboard/webhook-faults", [("kind", "drop")])
            _ = try await session.postForm("/sim/dashboard/webhook-faults", [("kind", "out-of-order-on")])
            let faults = try await session.send(.get, "/sim/v1/webhooks").object()["faults"] as? [String: Any]
            #expect(faults?["drop"] as? Int == 1 && faults?["outOfOrder"] as? Bool == true)

            let added = try await session.postForm(
                "/sim/dashboard/faults", [("endpoint", "capture"), ("kind", "error-before"), ("count", "2")])
            #expect(added.headers[.location]?.contains("Fault%20added") == true)
            let report = try await session.send(.get, "/sim/v1/faults").object()
            #expect((report["faults"] as? [[String: Any]])?.first?["remaining"] as? Int == 2)

            let refused = try await session.postForm("/sim/dashboard/faults", [("endpoint", "nowhere"), ("kind", "x")])
            #expect(refused.headers[.location]?.contains("Unknown%20endpoint") == true)
            let notANumber = try await session.postForm(
                "/sim/dashboard/webhook-faults", [("kind", "delay"), ("delaySeconds", "nan")])
            #expect(notANumber.headers[.location]?.contains("The%20delay%20must") == true)
            let negative = try await session.postForm("/sim/dashboard/clock", [("seconds", "-5")])
            #expect(negative.headers[.location]?.contains("message=Move") == true)
            #expect(harness.clock.now().timeIntervalSince(start) == 600)
        }
    }
}
