import Foundation
import Testing

/// The `vipps` command run as shop staff would run it, against the simulator that `make test`
/// starts (the suite is skipped without one).
private enum CLI {
    static let environment = ProcessInfo.processInfo.environment
    static var simulatorAvailable: Bool { environment["VIPPS_SIM_URL"] != nil }

    /// The built binary sits next to the test bundle.
    static var binary: String {
        let bundle = URL(
            fileURLWithPath: CommandLine.arguments.first(where: { $0.contains(".xctest") }) ?? CommandLine.arguments[0])
        return bundle.deletingLastPathComponent().appendingPathComponent("vipps-cli").path
    }

    struct Result {
        let status: Int32
        let output: String
        let error: String
    }

    static func run(_ arguments: [String], extraEnvironment: [String: String] = [:], useSimulator: Bool = true) throws
        -> Result
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var env = ["PATH": environment["PATH"] ?? "/usr/bin"]
        if useSimulator {
            env["VIPPS_BASE_URL"] = environment["VIPPS_SIM_URL"]
            env["VIPPS_CA_FILE"] = environment["VIPPS_SIM_CA"]
            env["VIPPS_CLIENT_ID"] = environment["VIPPS_SIM_CLIENT_ID"]
            env["VIPPS_CLIENT_SECRET"] = environment["VIPPS_SIM_CLIENT_SECRET"]
            env["VIPPS_SUBSCRIPTION_KEY"] = environment["VIPPS_SIM_SUBSCRIPTION_KEY"]
            env["VIPPS_MSN"] = environment["VIPPS_SIM_MSN"]
        }
        env.merge(extraEnvironment) { $1 }
        process.environment = env
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let error = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
            error: String(decoding: error, as: UTF8.self))
    }

    static func newOrderId(_ label: String) -> String { "cli-\(label)-\(UUID().uuidString.prefix(8))" }

    /// Initiates and approves a payment through the CLI; returns its order id.
    static func reservedOrder(_ label: String, amount: Int = 20_000) throws -> String {
        let orderId = newOrderId(label)
        let initiated = try run([
            "initiate", orderId, "--amount", "\(amount)", "--text", "CLI test",
            "--callback-prefix", "https://shop.example/vipps", "--fallback", "https://shop.example/done",
        ])
        #expect(initiated.status == 0, "\(initiated.error)")
        let token =
            initiated.output.components(separatedBy: "token=").last?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        // "--token=": a landing token is base64url and starts with "-" once in 64 times, which
        // would otherwise be read as an option (the test failed now and then with exit 64).
        let approved = try run(["approve", orderId, "--token=\(token)", "--phone", "91234567"])
        #expect(approved.status == 0, "\(approved.error)")
        return orderId
    }
}

@Suite(.serialized, .enabled(if: CLI.simulatorAvailable, "needs vipps-sim; run through make test"))
struct CLITests {
    @Test func theSameCommandsWorkOnEPaymentWithApiBeforeOrAfterTheSubcommand() throws {
        let orderId = CLI.newOrderId("ep")
        let initiated = try CLI.run([
            "--api", "epayment", "initiate", orderId, "--amount", "1000", "--text", "CLI test",
            "--callback-prefix", "https://shop.example/vipps", "--fallback", "https://shop.example/done",
        ])
        #expect(initiated.status == 0, "\(initiated.error)")
        let token =
            initiated.output.components(separatedBy: "token=").last?.trimmingCharacters(in: .whitespacesAndNewlines)
            ?? ""
        let approved = try CLI.run(["approve", orderId, "--token=\(token)", "--api=epayment"])
        #expect(approved.status == 0, "\(approved.error)")
        // A capture's --text has no use on ePayment: accepted and ignored.
        let captured = try CLI.run(
            ["capture", orderId, "--amount", "400", "--text", "Shipped"], extraEnvironment: ["VIPPS_API": "epayment"])
        #expect(captured.status == 0, "\(captured.error)")
        let details = try CLI.run(["details", orderId, "--api", "epayment", "--json"])
        #expect(details.status == 0 && details.output.contains("AUTHORIZED") && details.output.contains("aggregate"))
        // eCom cannot read a payment created on ePayment (Vipps' APIs are not forwards compatible).
        #expect(try CLI.run(["details", orderId]).status == 3)
        let bad = try CLI.run(["details", orderId, "--api", "ecom2"])
        #expect(bad.status == 2 && bad.error.contains("--api"))
    }

    @Test func webhooksRegisterListAndDelete() throws {
        let url = "https://shop.example/vipps/webhooks?cli=\(UUID().uuidString.prefix(8))"
        let registered = try CLI.run([
            "webhooks", "register", url, "--event", "epayments.payment.captured.v1", "--json",
        ])
        #expect(registered.status == 0, "\(registered.error)")
        let answer = try JSONSerialization.jsonObject(with: Data(registered.output.utf8)) as? [String: String]
        let id = answer?["id"] ?? ""
        #expect(id.count == 36)
        #expect((answer?["secret"] ?? "").count >= 32)
        // --api before the group still reaches the subcommand.
        let listed = try CLI.run(["--api", "epayment", "webhooks", "list"])
        #expect(listed.status == 0, "\(listed.error)")
        #expect(listed.output.contains("\(id)  \(url)  epayments.payment.captured.v1"))
        // The secret is shown once: never in the list.
        #expect(!listed.output.contains(answer?["secret"] ?? "no secret"))
        let deleted = try CLI.run(["webhooks", "delete", id])
        #expect(deleted.status == 0 && deleted.output == "deleted \(id)\n", "\(deleted.error)")
        let again = try CLI.run(["webhooks", "delete", id])
        #expect(again.status == 3, "not found: \(again.error)")
        let bad = try CLI.run(["webhooks", "register", "ftp://shop.example/hook"])
        #expect(bad.status == 2, "invalid input: \(bad.error)")
        #expect(try CLI.run(["webhooks", "list"]).output.contains(id) == false)
    }

    @Test func helpDescribesConfigurationAndExitCodes() throws {
        let help = try CLI.run(["--help"], useSimulator: false)
        #expect(help.status == 0)
        #expect(help.output.contains("VIPPS_CLIENT_ID") && help.output.contains("Exit status"))
        #expect(try CLI.run(["capture", "--help"], useSimulator: false).output.contains("--idempotency-key"))
    }

    @Test func initiateApproveAndDetails() throws {
        let orderId = try CLI.reservedOrder("details")
        let details = try CLI.run(["details", orderId])
        #expect(details.status == 0)
        #expect(details.output.contains("state      reserved"))
        #expect(details.output.contains("200.00 NOK"))
        let json = try CLI.run(["details", orderId, "--json"])
        #expect(json.output.contains("\"transactionLogHistory\""))
    }

    @Test func captureRefundAndTheirIdempotency() throws {
        let orderId = try CLI.reservedOrder("capture")
        let capture = try CLI.run([
            "capture", orderId, "--amount", "5000", "--text", "Tracking NO1",
            "--idempotency-key", "\(orderId)-c1",
        ])
        #expect(capture.status == 0, "\(capture.error)")
        #expect(capture.output.contains("Captured 50.00 NOK"))
        let again = try CLI.run([
            "capture", orderId, "--amount", "5000", "--text", "Tracking NO1",
            "--idempotency-key", "\(orderId)-c1",
        ])
        #expect(again.status == 0)
        #expect(try CLI.run(["details", orderId]).output.contains("captured   50.00 NOK"))
        let forgotten = try CLI.run(["refund", orderId, "--text", "Returned"])
        #expect(forgotten.status == 64, "a missing --amount is a usage error, never everything")
        let zero = try CLI.run(["refund", orderId, "--amount", "0", "--text", "Returned"])
        #expect(zero.status == 2 && zero.error.contains("--amount remaining"), "\(zero.error)")
        #expect(try CLI.run(["details", orderId]).output.contains("refunded   0.00 NOK"))
        let refund = try CLI.run(["refund", orderId, "--amount", "remaining", "--text", "Returned"])
        #expect(refund.status == 0, "\(refund.error)")
        #expect(try CLI.run(["details", orderId]).output.contains("state      refunded"))
    }

    @Test func cancelAndWait() throws {
        let orderId = try CLI.reservedOrder("cancel")
        let waited = try CLI.run(["wait", orderId, "--timeout", "30"])
        #expect(waited.status == 0 && waited.output.contains("reserved"))
        let cancel = try CLI.run(["cancel", orderId, "--text", "Out of stock"])
        #expect(cancel.status == 0 && cancel.output.contains("Cancelled"))
        #expect(try CLI.run(["details", orderId]).output.contains("state      voided"))
    }

    @Test func failuresExitByCategory() throws {
        let missing = try CLI.run(["details", "no-such-order", "--json"])
        #expect(missing.status == 3)
        #expect(missing.output.contains("\"status\":\"not_found\"") && missing.output.contains("\"errorCode\":\"35\""))
        #expect(missing.error.contains("contextId"))

        let refused = try CLI.run([
            "capture", try CLI.reservedOrder("refused", amount: 1_000), "--amount", "5000", "--text", "x",
        ])
        #expect(refused.status == 4)

        let invalid = try CLI.run(["capture", "bad order", "--amount", "100", "--text", "x"])
        #expect(invalid.status == 2)

        let secret = "cli-wrong-secret-value"
        let wrongKeys = try CLI.run(["details", "any-order"], extraEnvironment: ["VIPPS_CLIENT_SECRET": secret])
        #expect(wrongKeys.status == 5)
        #expect(!wrongKeys.error.contains(secret) && !wrongKeys.output.contains(secret))

        let unreachable = try CLI.run(
            ["details", "any-order"], extraEnvironment: ["VIPPS_BASE_URL": "https://127.0.0.1:1"])
        #expect(unreachable.status == 6)

        let usage = try CLI.run(["capture"], useSimulator: false)
        #expect(usage.status == 64)
    }

    @Test func configurationFile() throws {
        let orderId = try CLI.reservedOrder("config")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("vipps-cli-\(UUID().uuidString).conf")
        let env = CLI.environment
        let text = """
            # vipps-sim
            VIPPS_BASE_URL=\(env["VIPPS_SIM_URL"] ?? "")
            VIPPS_CA_FILE = \(env["VIPPS_SIM_CA"] ?? "")
            VIPPS_CLIENT_ID=\(env["VIPPS_SIM_CLIENT_ID"] ?? "")
            VIPPS_CLIENT_SECRET=\(env["VIPPS_SIM_CLIENT_SECRET"] ?? "")
            VIPPS_SUBSCRIPTION_KEY=\(env["VIPPS_SIM_SUBSCRIPTION_KEY"] ?? "")
            VIPPS_MSN=\(env["VIPPS_SIM_MSN"] ?? "")

            """
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let details = try CLI.run(["details", orderId, "--config", file.path], useSimulator: false)
        #expect(details.status == 0, "\(details.error)")
        #expect(details.output.contains("reserved"))
        let broken = try CLI.run(["details", orderId, "--config", "/nonexistent.conf"], useSimulator: false)
        #expect(broken.status == 2)
    }
}
