import Testing
import VippsHTTP

@testable import VippsCore

/// The scrubber behind "secrets never appear in messages or log lines"; the
/// end-to-end check is bindings/c/tests/test_secret_hygiene.c.
@Suite struct SecretScrubberTests {
    @Test func everyErrorFieldIsScrubbed() {
        let scrubber = SecretScrubber(["client-secret-1", "sub-key-1"])
        scrubber.rememberToken("eyJtoken.value")
        let error = scrubber.scrub(
            VippsError(
                .rejected, "sub-key-1 / eyJtoken.value", errorGroup: "client-secret-1",
                errorCode: "eyJtoken.value", contextId: "x sub-key-1 y"))
        for text in [error.message, error.errorGroup, error.errorCode, error.contextId] {
            #expect(
                text?.contains("sub-key-1") == false && text?.contains("client-secret-1") == false
                    && text?.contains("eyJtoken") == false)
        }
        #expect(error.contextId == "x [redacted] y")
    }

    @Test func anAuthTokenIsScrubbedOnlyWhileItsCallRuns() throws {
        let scrubber = SecretScrubber([])
        let inside = try scrubber.whileInFlight("shop-auth-token") { () throws(VippsError) in
            scrubber.scrub("echo shop-auth-token")
        }
        #expect(inside == "echo [redacted]")
        #expect(scrubber.scrub("echo shop-auth-token") == "echo shop-auth-token")
    }

    @Test func shortValuesAndJSONEscapedFormsAreHandled() {
        let scrubber = SecretScrubber(["abc", #"se"cret"#])
        #expect(scrubber.scrub("abc") == "abc")  // too short to search for without garbling text
        #expect(scrubber.scrub(#"{"note":"se\"cret"}"#) == #"{"note":"[redacted]"}"#)
    }

    @Test func aSecretFollowedByACombiningMarkIsStillFound() {
        // A Character-wise search would see "abcd" + U+0301 as a different last character.
        let scrubber = SecretScrubber(["abcd"])
        #expect(scrubber.scrub("x abcd\u{301} y abcd") == "x [redacted]\u{301} y [redacted]")
        #expect(scrubber.scrub("blåbær abcdabcd") == "blåbær [redacted][redacted]")
    }

    @Test func aSecretCutByTruncationLeavesNoPart() {
        let token = String(repeating: "T0k3n", count: 60)
        let scrubber = SecretScrubber([])
        scrubber.rememberToken(token)
        let message = String(repeating: "x", count: 480) + " " + token
        let body = Array(#"[{"errorGroup":"Payment","errorCode":"99","errorMessage":"\#(message)"}]"#.utf8)
        let response = HTTPResponse(status: 400, reason: "Bad Request", headers: [], body: body)
        let error = ErrorResponse.error(from: response, scrub: scrubber.scrub)
        #expect(!error.message.contains("T0k3nT0k3n"))
    }

    @Test func logLinesPassTheScrubber() {
        let lines = LockedLines()
        let scrubber = SecretScrubber(["client-secret-1"])
        let sink = LogSink(minimumLevel: .debug) { _, line in lines.append(line) }.scrubbing(with: scrubber)
        sink.log(.warning, "retrying: client-secret-1 echoed")
        #expect(lines.all == ["retrying: [redacted] echoed"])
    }
}

private final class LockedLines: @unchecked Sendable {
    private var lines: [String] = []
    func append(_ line: String) { lines.append(line) }
    var all: [String] { lines }
}
