import ArgumentParser
import Glibc
import VippsCore

/// Options every subcommand takes: where the configuration is and how to print.
struct CommonOptions: ParsableArguments {
    @Option(help: "A file of NAME=value lines (VIPPS_CLIENT_ID=..., see `vipps --help`).")
    var config: String?

    @Flag(help: "Print Vipps' JSON answer (or a JSON error) instead of text, for scripts.")
    var json = false

    @Option(help: "The payment API: ecom (the default) or epayment; also VIPPS_API. May come before the subcommand.")
    var api: String?

    /// Runs `body` with a client; prints the failure and exits with its category's code.
    func run(_ body: (VippsClient) throws(VippsError) -> Void) throws {
        do throws(VippsError) {
            let client = try VippsClient(try ConfigurationSource.load(file: config, api: api))
            try body(client)
        } catch {
            Output.failure(error, json: json)
            throw ExitCode(ExitStatus.code(for: error.category))
        }
    }
}

/// The configuration from a file and the environment (the environment wins).
enum ConfigurationSource {
    static func load(file: String?, api: String? = nil) throws(VippsError) -> ClientConfiguration {
        var values: [String: String] = [:]
        if let file { values = try read(file) }
        for name in [
            "VIPPS_ENVIRONMENT", "VIPPS_BASE_URL", "VIPPS_CA_FILE", "VIPPS_CLIENT_ID", "VIPPS_CLIENT_SECRET",
            "VIPPS_SUBSCRIPTION_KEY", "VIPPS_MSN", "VIPPS_API",
        ] {
            if let value = getenv(name) { values[name] = String(cString: value) }
        }
        var configuration = ClientConfiguration()
        configuration.systemInfo = SystemInfo(systemName: "vipps-cli", systemVersion: LibraryVersion.string)
        switch values["VIPPS_ENVIRONMENT"]?.lowercased() {
        case nil, "test": configuration.environment = .test
        case "production": configuration.environment = .production
        case let other?: throw .invalidArgument("VIPPS_ENVIRONMENT", "must be test or production, not \(other)")
        }
        if let url = values["VIPPS_BASE_URL"] {
            guard configuration.environment != .production else {
                throw .invalidArgument("VIPPS_BASE_URL", "cannot be combined with VIPPS_ENVIRONMENT=production")
            }
            configuration.environment = .custom(baseURL: url)
        }
        configuration.caFile = values["VIPPS_CA_FILE"]
        configuration.clientId = values["VIPPS_CLIENT_ID"]
        configuration.clientSecret = values["VIPPS_CLIENT_SECRET"]
        configuration.subscriptionKey = values["VIPPS_SUBSCRIPTION_KEY"]
        configuration.merchantSerialNumber = values["VIPPS_MSN"]
        // The command line wins over the environment and the file.
        switch (api ?? values["VIPPS_API"])?.lowercased() {
        case nil, "ecom": configuration.api = .ecom
        case "epayment": configuration.api = .ePayment
        case let other?:
            throw .invalidArgument(api == nil ? "VIPPS_API" : "--api", "must be ecom or epayment, not \(other)")
        }
        return configuration
    }

    private static func read(_ path: String) throws(VippsError) -> [String: String] {
        guard let file = fopen(path, "r") else {
            throw .invalidArgument("--config", "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var values: [String: String] = [:]
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line).trimmed()
            if text.isEmpty || text.hasPrefix("#") { continue }
            guard let equals = text.firstIndex(of: "=") else {
                throw .invalidArgument("--config", "\(path): expected NAME=value, got a line without '='")
            }
            values[String(text[..<equals]).trimmed()] = String(text[text.index(after: equals)...]).trimmed()
        }
        return values
    }
}

private extension String {
    /// Without surrounding spaces, tabs and line ends.
    func trimmed() -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
