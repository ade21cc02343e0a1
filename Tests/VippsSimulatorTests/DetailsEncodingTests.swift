import Foundation
import Testing

@testable import VippsSimulator

/// `/details` is serialized by hand (the route shops poll); its strings must come out exactly as
/// JSONEncoder writes them. The whole body is compared in ExpressCheckoutTests.staticShipping.
@Suite struct DetailsEncodingTests {
    @Test(arguments: [
        "plain", "quote \" and \\ backslash", "https://shop.example/a/b", "blåbær 😀",
        "tab\tnew\nline\rreturn", "\u{08}\u{0C}\u{01}\u{1F}\u{7F}", "",
    ])
    func stringsAreEscapedAsJSONEncoderDoes(_ text: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var quoted = ""
        PaymentDetailsResponse.appendQuoted(text, to: &quoted)
        #expect(quoted == String(decoding: try encoder.encode(text), as: UTF8.self))
    }
}
