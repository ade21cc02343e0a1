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
              VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET, VIPPS_SUBSCRIPTION_KEY, VIPPS_MSN

            Amounts are øre: 49900 is 499.00 NOK.

            Exit status: 0 done; 2 invalid input; 3 order not found; 4 refused by Vipps; 5 credentials refused; 6 network, timeout or TLS; 7 outcome unknown (read the details before acting); 8 Vipps server error or rate limit; 9 unexpected answer or internal error; 64 command-line usage error.
            """,
        subcommands: [Details.self, Initiate.self, Capture.self, Refund.self, Cancel.self, Wait.self, Approve.self]
    )
}
