import ArgumentParser
import VippsCore

struct Details: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show a payment: state, amounts and its history.")
    @Argument(help: "The order id.") var orderId: String
    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.run { (client) throws(VippsError) in
            Output.details(try client.paymentDetails(orderId: orderId), json: common.json)
        }
    }
}

struct Initiate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a payment and print the page to send the customer to.")
    @Argument(help: "A new order id (a-z, A-Z, 0-9, '-'; at most 50).") var orderId: String
    @Option(help: "Amount in øre (49900 = 499.00 NOK), at least 100.") var amount: Int64
    @Option(help: "Text shown to the customer (at most 100 characters).") var text: String
    @Option(help: "Where Vipps sends the payment's outcome (…/v2/payments/{orderId} is appended).") var callbackPrefix:
        String
    @Option(help: "Where the customer returns afterwards.") var fallback: String
    @Option(help: "The customer's 8-digit phone number, to pre-fill the landing page.") var phone: String?
    @Option(help: "A secret Vipps sends back as Authorization on callbacks.") var authToken: String?
    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.run { (client) throws(VippsError) in
            var request = InitiatePaymentRequest()
            try request.setOrderId(orderId)
            try request.setAmount(amount)
            try request.setTransactionText(text)
            try request.setCallbackPrefix(callbackPrefix)
            try request.setFallbackURL(fallback)
            if let phone { try request.setPhoneNumber(phone) }
            if let authToken { try request.setAuthToken(authToken) }
            let initiation = try client.initiatePayment(request)
            if common.json { return Output.line(initiation.json) }
            Output.line("initiated \(initiation.orderId) for \(Output.kroner(amount))")
            Output.line("send the customer to: \(initiation.url)")
        }
    }
}

struct Capture: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Capture a reserved payment (--amount øre, or --amount remaining).",
        discussion: "Idempotent: repeating with the same --idempotency-key never captures twice.")
    @Argument(help: "The order id.") var orderId: String
    @Option(help: "Øre to capture (at least 100), or 'remaining' for everything still reserved.")
    var amount: OperationAmount
    @Option(help: "Text for the customer, e.g. a tracking code.") var text: String
    @Option(help: "X-Request-Id (at most 40 characters); a new one when omitted.") var idempotencyKey: String?
    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.run { (client) throws(VippsError) in
            Output.transaction(
                try client.capture(
                    orderId: orderId, amount: amount.value, transactionText: text,
                    idempotencyKey: idempotencyKey), json: common.json)
        }
    }
}

struct Refund: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Refund a captured payment (--amount øre, or --amount remaining).",
        discussion: "Idempotent: repeating with the same --idempotency-key never refunds twice.")
    @Argument(help: "The order id.") var orderId: String
    @Option(help: "Øre to refund (at least 100), or 'remaining' for everything captured and not yet refunded.")
    var amount: OperationAmount
    @Option(help: "Text for the customer.") var text: String
    @Option(help: "X-Request-Id (at most 40 characters); a new one when omitted.") var idempotencyKey: String?
    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.run { (client) throws(VippsError) in
            Output.transaction(
                try client.refund(
                    orderId: orderId, amount: amount.value, transactionText: text,
                    idempotencyKey: idempotencyKey), json: common.json)
        }
    }
}

/// --amount of capture and refund: øre, or the word "remaining". Required, so that forgetting it
/// is a usage error rather than "everything".
struct OperationAmount: ExpressibleByArgument {
    let value: Int64

    init?(argument: String) {
        if argument == "remaining" {
            value = VippsClient.remainingAmount
        } else if let number = Int64(argument) {
            value = number
        } else {
            return nil
        }
    }

    static var defaultCompletionKind: CompletionKind { .list(["remaining"]) }
}

struct Cancel: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Cancel a payment that is waiting or reserved.")
    @Argument(help: "The order id.") var orderId: String
    @Option(help: "Text for the customer.") var text: String
    @Flag(help: "After a partial capture: give the rest of the reservation back.") var releaseRemaining = false
    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.run { (client) throws(VippsError) in
            Output.transaction(
                try client.cancel(
                    orderId: orderId, transactionText: text,
                    releaseRemainingFunds: releaseRemaining), json: common.json)
        }
    }
}

struct Wait: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Wait until the customer has approved or refused, then show the payment.")
    @Argument(help: "The order id.") var orderId: String
    @Option(help: "Give up after this many seconds (exit 6).") var timeout: Int64 = 600
    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.run { (client) throws(VippsError) in
            guard timeout > 0, timeout <= 3_600 else {
                throw .invalidArgument("--timeout", "must be 1 to 3600 seconds")
            }
            Output.details(
                try client.waitForUserOutcome(orderId: orderId, timeoutMilliseconds: timeout * 1_000),
                json: common.json)
        }
    }
}

struct Approve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Approve a payment as the customer would (test environment and vipps-sim only).")
    @Argument(help: "The order id.") var orderId: String
    @Option(help: "The token query value of the landing page URL.") var token: String
    @Option(help: "The customer's 8-digit phone number.") var phone: String?
    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.run { (client) throws(VippsError) in
            try client.forceApprove(orderId: orderId, phoneNumber: phone, landingToken: token)
            if common.json { return Output.line("{\"approved\":true}") }
            Output.line("approved \(orderId)")
        }
    }
}
