import ArgumentParser
import VippsCore

/// `vipps`: manage Vipps payments from a terminal or a script, on the same core as libvipps.
@main
struct VippsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vipps",
        abstract: "Look up and manage Vipps eCom payments (details, capture, refund, cancel, ...).",
        discussion: """
            Configuration comes from environment variables, or from a file given with --config holding NAME=value lines with the same names (the environment wins):
              VIPPS_ENVIRONMENT   test (the default) or production
              VIPPS_BASE_URL      another base URL instead, e.g. a vipps-sim
              VIPPS_CA_FILE       PEM file of CAs to trust instead of the system store
              VIPPS_API           ecom (the default) or epayment; --api before or after the subcommand wins
              VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET, VIPPS_SUBSCRIPTION_KEY, VIPPS_MSN

            Amounts are øre: 49900 is 499.00 NOK.

            Exit status: 0 done; 2 invalid input; 3 order not found; 4 refused by Vipps; 5 credentials refused; 6 network, timeout or TLS; 7 outcome unknown (read the details before acting); 8 Vipps server error or rate limit; 9 unexpected answer or internal error; 64 command-line usage error.
            """,
        subcommands: [
            Details.self, Initiate.self, Capture.self, Refund.self, Cancel.self, Wait.self, Approve.self, Webhooks.self,
        ]
    )

    /// `--api` may also come before the subcommand: ArgumentParser reads a subcommand's options
    /// only after its name, so it is moved there.
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let names = Set(configuration.subcommands.map { $0._commandName })
        if let subcommand = arguments.firstIndex(where: names.contains),
            let option = arguments[..<subcommand].firstIndex(where: { $0 == "--api" || $0.hasPrefix("--api=") })
        {
            let count = arguments[option] == "--api" && option + 1 < subcommand ? 2 : 1
            // `webhooks` is a group: its options belong after `list`, `register` or `delete`.
            let target =
                arguments[subcommand] == "webhooks" && subcommand + 1 < arguments.count ? subcommand + 1 : subcommand
            let moved = Array(arguments[option..<(option + count)])
            arguments.removeSubrange(option..<(option + count))
            arguments.insert(contentsOf: moved, at: target - count + 1)
        }
        main(arguments)
    }
}
