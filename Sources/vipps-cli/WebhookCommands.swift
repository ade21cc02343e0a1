import ArgumentParser
import VippsCore

/// `vipps webhooks list|register|delete`: ePayment's Webhooks API for the sales unit of VIPPS_MSN.
struct Webhooks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks",
        abstract: "List, register and delete webhook registrations (ePayment's Webhooks API).",
        subcommands: [ListWebhooks.self, RegisterWebhook.self, DeleteWebhook.self])
}

struct ListWebhooks: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Show the registrations.")
    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.run { (client) throws(VippsError) in
            let registrations = try client.webhooks()
            if common.json {
                let items = registrations.map { registration in
                    "{\"id\":\(Output.quoted(registration.id)),\"url\":\(Output.quoted(registration.url)),"
                        + "\"events\":[\(registration.events.map(Output.quoted).joined(separator: ","))]}"
                }
                return Output.line("{\"webhooks\":[\(items.joined(separator: ","))]}")
            }
            for registration in registrations {
                Output.line("\(registration.id)  \(registration.url)  \(registration.events.joined(separator: ","))")
            }
        }
    }
}

struct RegisterWebhook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Register a URL for events and print its id and secret (shown only this once).")
    @Argument(help: "The URL Vipps will POST the events to.") var url: String
    @Option(
        name: .customLong("event"),
        help: "An event type, e.g. epayments.payment.captured.v1 (repeat for more; default: all eight payment events)."
    ) var events: [String] = []
    @OptionGroup var common: CommonOptions

    static let paymentEvents = [
        "created", "aborted", "expired", "cancelled", "captured", "refunded", "authorized", "terminated",
    ].map { "epayments.payment.\($0).v1" }

    func run() throws {
        try common.run { (client) throws(VippsError) in
            let registration = try client.registerWebhook(
                url: url, events: events.isEmpty ? Self.paymentEvents : events)
            let secret = registration.secret ?? ""
            if common.json {
                return Output.line(
                    "{\"id\":\(Output.quoted(registration.id)),\"secret\":\(Output.quoted(secret))}")
            }
            Output.line("id     \(registration.id)")
            Output.line("secret \(secret)")
            Output.line("Store the secret now: Vipps never shows it again.")
        }
    }
}

struct DeleteWebhook: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a registration.")
    @Argument(help: "The registration's id.") var id: String
    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.run { (client) throws(VippsError) in
            try client.deleteWebhook(id: id)
            if common.json { return Output.line("{\"deleted\":\(Output.quoted(id))}") }
            Output.line("deleted \(id)")
        }
    }
}
