import Foundation
import Testing

@testable import VippsSimulator

/// The signature against Vipps' published example and vectors derived from the documented
/// algorithm (recomputed with Python's hmac and openssl, see docs/webhooks-and-userinfo.md).
@Suite struct WebhookSignatureTests {
    static let prefix = "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature="

    @Test func vippsPublishedExample() throws {
        let signature = try #require(
            WebhookSignature(
                secret: "A0+AeKBRG2KRGvnNwJpQlb6IJFk48CKXCIcrLoHncVJKDILsQSxS6NWCccwWm6r6FhGKhiHTBsG2wo/xU6FY/A==",
                url: "https://webhook.site/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63",
                date: "Thu, 30 Mar 2023 08:38:32 GMT",
                body: Array(#"{"some-unique-content":"ee6e441b-cc4a-46f8-895d-a5af79bcc233/hello-world"}"#.utf8)))
        #expect(signature.contentHash == "lNlsp1XA03N34HrQsVzPgJKtC+r7l/RBF4V3JQUWMj4=")
        #expect(signature.authorization == Self.prefix + "agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=")
        // Keyed with the base64-decoded secret it would be this: the secret is text.
        #expect(!signature.authorization.hasSuffix("T3+NXHMmhNVEjW5PeJ4Gql70nf0MOXCAY9CoZDxuVQw="))
    }

    static let body =
        #"{"msn":"123456","reference":"24ab7cd6ef658155992","pspReference":"1234567891","name":"AUTHORIZED","amount":{"currency":"NOK","value":35000},"timestamp":"2023-08-14T12:48:46.260Z","idempotencyKey":"49ca711a9487112e1def","success":true}"#

    @Test(arguments: [
        ("https://example.com/mystore_website_backend", "6W4eP6rQcjGZrIfJYIIjxD+mA82E/TpQUEx+jSw598A="),
        (
            "https://example.com/wc-api/wc_gateway_vipps/?callback=webhook",
            "/YO3dNLSy4Oe8yp0uaDsHIQTTFa4LwhqxHhQ0qCTeVg="
        ),
        ("https://example.com:8443/hooks/vipps", "ou/rrJHcKnkhqJfA+8c4LDgZuegMPdMwYwS+Y7FSO0Q="),
        ("https://example.com", "l0CcCx72CqFosD3w7EGG5t96CeZ9+A5jr3iRs00/xfU="),
    ])
    func pathQueryAndHostRules(url: String, expected: String) throws {
        #expect(Self.body.utf8.count == 234)
        let signature = try #require(
            WebhookSignature(
                secret: "090a478d-37ff-4e77-970e-d457aeb26a3a", url: url, date: "Mon, 14 Aug 2023 12:48:47 GMT",
                body: Array(Self.body.utf8)))
        #expect(signature.contentHash == "xAu8dSNB1b0yS6LXhuUPZ8A95godMJtzdAqoHAaPjHQ=")
        #expect(signature.authorization == Self.prefix + expected)
    }

    @Test func aTrailingNewlineIsPartOfTheBody() throws {
        let signature = try #require(
            WebhookSignature(
                secret: "090a478d-37ff-4e77-970e-d457aeb26a3a", url: "https://example.com/mystore_website_backend",
                date: "Mon, 14 Aug 2023 12:48:47 GMT", body: Array((Self.body + "\n").utf8)))
        #expect(signature.contentHash == "Lf+yEvDe9PJLBWY3L3dORU+fgeeVfPKp0kq0wrQR7SE=")
        #expect(signature.authorization == Self.prefix + "wVGorS5IVVD4qW0+RtXJJhapuVRuUFNE6OJRu3UahhM=")
    }

    @Test func defaultPortsAreLeftOutOfTheHost() throws {
        #expect(WebhookSignature.pathAndQueryAndHost(of: "https://Shop.Test:443/a?b=c")?.host == "shop.test")
        #expect(WebhookSignature.pathAndQueryAndHost(of: "http://127.0.0.1:80/hook")?.host == "127.0.0.1")
        #expect(WebhookSignature.pathAndQueryAndHost(of: "http://127.0.0.1:8080/hook")?.host == "127.0.0.1:8080")
        #expect(WebhookSignature.pathAndQueryAndHost(of: "https://shop.test/a?b=c")?.pathAndQuery == "/a?b=c")
        #expect(WebhookSignature.pathAndQueryAndHost(of: "not a url") == nil)
    }

    @Test func httpDateIsRFC1123InGMT() {
        #expect(
            WebhookSignature.httpDate(Date(timeIntervalSince1970: 1_680_165_512)) == "Thu, 30 Mar 2023 08:38:32 GMT")
        #expect(WebhookSignature.httpDate(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 GMT")
    }
}
