import Foundation
import Hummingbird
import Testing

@testable import VippsSimulator

/// ePayment beyond the first part: QR images, long-living payments with receipts, customer tokens,
/// eCom's view of ePayment payments, rate limits and test amounts.
@Suite("ePayment flows")
struct EPaymentFlowTests {
    static let receipt = #"""
        "receipt":{"orderLines":[{"name":"socks","id":"1","totalAmount":49900,"totalAmountExcludingTax":39920,
        "totalTaxAmount":9980,"taxPercentage":25}],"bottomLine":{"currency":"NOK"}}
        """#.replacingOccurrences(of: "\n", with: "")

    @Test("QR: the redirectUrl serves an SVG by default and a PNG of the asked size; TEXT/TARGETURL is the landing URL")
    func qrImages() async throws {
        try await SimulatorHarness().run { session in
            let client = try await EPaymentClient.make(session)
            let svgCreate = try await client.create(
                EPaymentClient.createBody(reference: "qr-order-1", userFlow: "QR", returnUrl: nil))
            let svgURL = try #require(try svgCreate.object()["redirectUrl"] as? String)
            #expect(svgURL.contains("/qr/v1?token="))
            let path = try #require(svgURL.range(of: "/qr/v1").map { String(svgURL[$0.lowerBound...]) })
            let svg = try await session.send(.get, path)
            #expect(svg.status == .ok)
            #expect(svg.headers[.contentType] == "image/svg+xml")
            #expect(svg.text.contains("<svg") && svg.text.contains("<path"))

            let png = try await client.create(
                EPaymentClient.createBody(
                    reference: "qr-order-2", userFlow: "QR", returnUrl: nil,
                    extra: #""qrFormat":{"format":"IMAGE/PNG","size":200}"#))
            let pngURL = try #require(try png.object()["redirectUrl"] as? String)
            let pngPath = try #require(pngURL.range(of: "/qr/v1").map { String(pngURL[$0.lowerBound...]) })
            let image = try await session.send(.get, pngPath)
            #expect(image.headers[.contentType] == "image/png")

            let text = try await client.create(
                EPaymentClient.createBody(
                    reference: "qr-order-3", userFlow: "QR", returnUrl: nil,
                    extra: #""qrFormat":{"format":"TEXT/TARGETURL"}"#))
            #expect((try text.object()["redirectUrl"] as? String)?.contains(LandingURL.path) == true)

            try await client.create(
                EPaymentClient.createBody(
                    reference: "qr-order-4", userFlow: "QR", returnUrl: nil,
                    extra: #""qrFormat":{"format":"IMAGE/PNG","size":50}"#)
            ).expectProblem(.badRequest, field: "qrFormat.size")
            try await client.create(
                EPaymentClient.createBody(reference: "qr-order-5", extra: #""qrFormat":{"format":"IMAGE/PNG"}"#)
            ).expectProblem(.badRequest, field: "qrFormat")
            #expect(try await session.send(.get, "/qr/v1?token=nothing").status == .notFound)

            // A fault reaches the QR image by its endpoint name.
            _ = try await session.addFaults(#"{"endpoint":"epayment-qr","kind":"error-before","status":503}"#)
            #expect(try await session.send(.get, path).status == .serviceUnavailable)
            #expect(try await session.send(.get, path).status == .ok)
        }
    }

    @Test("the PNG encoder writes a valid file: signature, IHDR of the size, chunk CRCs, zlib Adler-32")
    func pngEncoding() throws {
        let code = try #require(QRCode("https://127.0.0.1:8443/x?token=abc"))
        #expect(code.width >= 21 && (code.width - 17) % 4 == 0)
        let png = code.png(pixels: 120)
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let bytes = [UInt8](png)
        var offset = 8
        var types: [String] = []
        while offset + 12 <= bytes.count {
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let typed = bytes[offset + 4..<offset + 8 + length]
            let crc = bytes[offset + 8 + length..<offset + 12 + length].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(PNGImage.crc32(typed) == crc)
            types.append(String(decoding: typed.prefix(4), as: UTF8.self))
            if types.last == "IHDR" {
                #expect(Array(typed.dropFirst(4).prefix(8)) == [0, 0, 0, 120, 0, 0, 0, 120])
            }
            offset += 12 + length
        }
        #expect(types == ["IHDR", "IDAT", "IEND"])
        #expect(offset == bytes.count)
        // The known check value of Adler-32.
        #expect(PNGImage.adler32(Data("Wikipedia".utf8)) == 0x11E6_0398)
    }

    @Test("expiresAt: only PUSH_MESSAGE and QR, needs a receipt, 10 minutes to 60 days; the payment lives until then")
    func longLiving() async throws {
        // The access token must outlive the two hours the clock jumps.
        let harness = SimulatorHarness(tokenLifetime: 86_400)
        try await harness.run { session in
            let client = try await EPaymentClient.make(session)
            func at(_ seconds: TimeInterval) -> String {
                Timestamp.string(from: harness.clock.now().addingTimeInterval(seconds))
            }
            let qr = { (reference: String, extra: String) in
                EPaymentClient.createBody(reference: reference, userFlow: "QR", returnUrl: nil, extra: extra)
            }
            try await client.create(qr("ll-order-1", #""expiresAt":"\#(at(3600))""#)).expectProblem(
                .badRequest, code: 6130)
            try await client.create(qr("ll-order-1", #""expiresAt":"\#(at(300))",\#(Self.receipt)"#))
                .expectProblem(.badRequest, code: 6120)
            try await client.create(qr("ll-order-1", #""expiresAt":"\#(at(61 * 86_400))",\#(Self.receipt)"#))
                .expectProblem(.badRequest, code: 6110)
            try await client.create(qr("ll-order-1", #""expiresAt":"tomorrow",\#(Self.receipt)"#))
                .expectProblem(.badRequest, field: "expiresAt")
            try await client.create(
                EPaymentClient.createBody(
                    reference: "ll-order-1", extra: #""expiresAt":"\#(at(3600))",\#(Self.receipt)"#)
            ).expectProblem(.badRequest, field: "expiresAt")
            let badReceipt = Self.receipt.replacingOccurrences(of: #""taxPercentage":25"#, with: #""taxRate":20000"#)
            try await client.create(qr("ll-order-1", badReceipt)).expectProblem(
                .badRequest, field: "receipt.orderLines[0].taxRate")
            try await client.create(qr("ll-order-1", #""receiptUrl":"http://shop.test/receipt",\#(Self.receipt)"#))
                .expectProblem(.badRequest, code: 4090)

            #expect(
                try await client.create(qr("ll-order-1", #""expiresAt":"\#(at(7200))",\#(Self.receipt)"#)).status
                    == .created)
            #expect(try await client.create(qr("ll-order-2", Self.receipt)).status == .created)
            harness.clock.advance(by: 3600)
            #expect(try await client.snapshot("ll-order-1").state == "CREATED")
            #expect(try await client.snapshot("ll-order-2").state == "EXPIRED")
            harness.clock.advance(by: 3600)
            #expect(try await client.snapshot("ll-order-1").state == "EXPIRED")
            #expect(try await client.eventNames("ll-order-1") == ["CREATED", "EXPIRED"])
        }
    }

    @Test("a receipt's bad members are each named by their path; a good receipt has none")
    func receiptForm() throws {
        func problems(_ json: String) throws -> Set<String> {
            Set(ReceiptValidator.problems(try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))).map(\.name))
        }
        #expect(
            try problems(
                #"{"orderLines":[{"name":"a","id":"1","totalAmount":1,"totalAmountExcludingTax":1,"totalTaxAmount":0,"#
                    + #""taxPercentage":101,"unitInfo":{"quantity":"1.123456789","quantityUnit":"BOX"}}],"#
                    + #""bottomLine":{"currency":"SEK","barcode":{"format":"QR"}}}"#)
                == [
                    "receipt.orderLines[0].taxPercentage", "receipt.orderLines[0].unitInfo.quantity",
                    "receipt.orderLines[0].unitInfo.quantityUnit", "receipt.bottomLine.currency",
                    "receipt.bottomLine.barcode.format", "receipt.bottomLine.barcode.data",
                ])
        #expect(try problems(#"{"orderLines":[],"bottomLine":{"currency":"NOK"}}"#) == ["receipt.orderLines"])
        #expect(
            try problems(#"{"orderLines":[{}]}"#).isSuperset(of: ["receipt.bottomLine", "receipt.orderLines[0].id"]))
        #expect(
            try problems(
                #"{"orderLines":[{"name":"a","id":"1","totalAmount":1,"totalAmountExcludingTax":1,"totalTaxAmount":0,"#
                    + #""taxRate":2500,"unitInfo":{"quantity":"2.5","quantityUnit":"KG"},"isShipping":true}],"#
                    + #""bottomLine":{"currency":"NOK","barcode":{"format":"EAN-13","data":"123"}}}"#
            ).isEmpty)
        #expect(
            ReceiptValidator.isQuantity("12.50") && !ReceiptValidator.isQuantity("1.")
                && !ReceiptValidator.isQuantity(".5"))
    }

    @Test("eCom's endpoints do not know ePayment-created payments (Merchant 35) and change nothing on them")
    func eComViewOfEPayment() async throws {
        try await SimulatorHarness().run { session in
            let client = try await EPaymentClient.make(session)
            try await client.createPayment("epay-order-1")
            #expect(try await client.approve("epay-order-1").status == .ok)
            try await session.details("epay-order-1", token: client.token).expectBackendError(
                .notFound, group: "Merchant", code: "35")
            try await session.status("epay-order-1", token: client.token).expectBackendError(
                .notFound, group: "Merchant", code: "35")
            try await session.capture("epay-order-1", token: client.token, amount: 100).expectBackendError(
                .notFound, group: "Merchant", code: "35")
            try await session.refund("epay-order-1", token: client.token, amount: 100).expectBackendError(
                .notFound, group: "Merchant", code: "35")
            try await session.cancel("epay-order-1", token: client.token).expectBackendError(
                .notFound, group: "Merchant", code: "35")
            try await session.approve("epay-order-1", token: client.token, landingToken: "t").expectBackendError(
                .notFound, group: "Merchant", code: "35")
            // The refused eCom calls changed nothing.
            #expect(try await client.snapshot("epay-order-1") == ("AUTHORIZED", [49900, 0, 0, 0]))
        }
    }

    @Test("rate limits: ePayment modifications 5 per minute per payment, reads 120; 429 as a problem with Retry-After")
    func rateLimits() async throws {
        let harness = SimulatorHarness(rateLimits: true)
        try await harness.run { session in
            let client = try await EPaymentClient.make(session)
            try await client.createPayment("rl-order-1")
            #expect(try await client.approve("rl-order-1").status == .ok)
            for index in 0..<5 {
                #expect(try await client.modify("rl-order-1", "capture", value: 100, key: "c-\(index)").status == .ok)
            }
            let refused = try await client.modify("rl-order-1", "capture", value: 100, key: "c-5")
            try refused.expectProblem(.tooManyRequests)
            #expect(refused.headers[.retryAfter] == "60")
            #expect(try await client.modify("rl-order-1", "refund", value: 100, key: "r-1").status == .ok)
            for _ in 0..<120 { _ = try await client.get("rl-order-1") }
            try await client.get("rl-order-1").expectProblem(.tooManyRequests)
            harness.clock.advance(by: 60)
            #expect(try await client.modify("rl-order-1", "capture", value: 100, key: "c-5").status == .ok)
            #expect(try await client.get("rl-order-1").status == .ok)
        }
    }

    @Test("a create whose reference is a JSON number is found by faults under its digits")
    func numericReferenceFault() async throws {
        try await SimulatorHarness().run { session in
            let client = try await EPaymentClient.make(session)
            _ = try await session.addFaults(
                #"{"endpoint":"epayment-create","orderId":"123456789012","kind":"error-before","status":503}"#)
            let body = EPaymentClient.createBody(reference: "x").replacingOccurrences(
                of: #""reference":"x""#, with: #""reference":123456789012"#)
            try await client.create(body).expectProblem(.serviceUnavailable, code: 3010)
            #expect(try await client.create(body).status == .created)
        }
    }

    @Test("customer tokens: issued by the control API, PUSH_MESSAGE reaches that customer; unknown tokens are 4050")
    func customerTokens() async throws {
        try await SimulatorHarness().run { session in
            let client = try await EPaymentClient.make(session)
            _ = try await session.send(
                .post, "/sim/v1/settings",
                body: #"{"merchants":{"\#(SimulatorHarness.msn)":{"maySkipLandingPage":true}}}"#)
            let issued = try await session.send(
                .post, "/sim/v1/customer-tokens", body: #"{"phoneNumber":"4798765432"}"#)
            #expect(issued.status == .created)
            let token = try #require(try issued.object()["customerToken"] as? String)
            let body = EPaymentClient.createBody(
                reference: "token-order-1", userFlow: "PUSH_MESSAGE", phone: nil,
                extra: #""customer":{"customerToken":"\#(token)"}"#)
            #expect(try await client.create(body).status == .created)
            let phonePage = try await session.send(.get, "/sim/v1/phone/98765432")
            #expect(phonePage.text.contains("token-order-1"))
            let unknown = body.replacingOccurrences(of: token, with: "never-issued").replacingOccurrences(
                of: "token-order-1", with: "token-order-2")
            try await client.create(unknown).expectProblem(.badRequest, code: 4050)
            #expect(
                try await session.send(.post, "/sim/v1/customer-tokens", body: #"{"phoneNumber":"123"}"#).status
                    == .badRequest)
        }
    }
}
