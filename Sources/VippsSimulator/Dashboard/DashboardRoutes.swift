import Foundation
import Hummingbird

/// `/sim/`: one page that shows what the simulator holds and lets a person steer it — payments of
/// both APIs with state, amounts and timeline; every call to the shop and every webhook delivery
/// with its outcome and next retry; the registered webhooks (never a secret); faults and the clock.
/// Plain HTML that reloads itself (`?refresh=0` stops it); the controls are forms that post to
/// `/sim/dashboard/…` and come back here, so no JavaScript is needed.
struct DashboardRoutes {
    let store: PaymentStore
    let shopCalls: ShopCallLog
    let webhooks: WebhookDispatcher
    let faults: FaultInjector
    let expiry: PaymentExpiry

    static let path = "/sim/"

    func add(to router: Router<SimulatorRequestContext>) {
        // "/sim" and "/sim/" alike: the router ignores a trailing slash.
        router.get("sim") { request, _ in page(request) }
        router.post("sim/dashboard/:action") { request, context in
            let action = try context.parameters.require("action")
            let form = try await FormBody.read(request, context: context)
            // Back to the page as it was shown: with the same reload interval.
            let refresh = request.uri.queryParameters["refresh"].flatMap { Int(String($0)) }
            let back = Self.path + (refresh.map { "?refresh=\($0)&message=" } ?? "?message=")
            do throws(ControlAPIError) {
                return HTMLPage.redirect(to: back + Self.queryEscaped(try act(action, form: form)))
            } catch {
                return HTMLPage.redirect(to: back + Self.queryEscaped(error.message))
            }
        }
    }

    private static func queryEscaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    // MARK: Controls

    private func act(_ action: String, form: FormBody) throws(ControlAPIError) -> String {
        switch action {
        case "clock":
            guard let seconds = form["seconds"].flatMap(Double.init), seconds.isFinite, seconds >= 0 else {
                throw .badRequest("Move the clock by a number of seconds ≥ 0.")
            }
            guard let clock = store.clock as? any AdjustableClock else {
                throw .conflict("This simulator's clock cannot be moved.")
            }
            clock.advance(by: seconds)
            store.clockDidMove()
            expiry.expireOverduePayments()
            return "Clock moved on by \(Int(seconds)) s."
        case "webhook-faults":
            var current = webhooks.faults
            let count = min(max(form["count"].flatMap(Int.init) ?? 1, 1), 100)
            switch form["kind"] ?? "" {
            case "drop": current.drop += count
            case "duplicate": current.duplicate += count
            case "delay":
                current.delay += count
                let seconds = form["delaySeconds"].flatMap(Double.init) ?? 2
                guard seconds.isFinite, (0...600).contains(seconds) else {
                    throw .badRequest("The delay must be between 0 and 600 seconds.")
                }
                current.delaySeconds = seconds
            case "out-of-order-on": current.outOfOrder = true
            case "out-of-order-off": current.outOfOrder = false
            case "clear": current = WebhookFaults()
            default: throw .badRequest("Unknown webhook fault.")
            }
            webhooks.faults = current
            return "Webhook faults: \(Self.describe(current))."
        case "webhook-settings":
            guard let compression = form["timeCompression"].flatMap(Double.init), compression.isFinite,
                (1...1_000_000).contains(compression)
            else { throw .badRequest("Time compression must be between 1 and 1000000.") }
            var settings = webhooks.settings
            settings.timeCompression = compression
            webhooks.settings = settings
            return "Webhook retries compressed \(compression)×."
        case "faults":
            var fields: [String: JSONValue] = [
                "endpoint": .string(form["endpoint"] ?? ""), "kind": .string(form["kind"] ?? ""),
                "count": .integer(Int64(form["count"].flatMap(Int.init) ?? 1)),
            ]
            if let orderId = form["orderId"], !orderId.isEmpty { fields["orderId"] = .string(orderId) }
            let data = Data(EPaymentRequest.canonical(.object(fields)).utf8)
            let specification = try Request.decodeControlBody(FaultSpecification.self, from: data).validated()
            _ = faults.add([specification])
            return "Fault added."
        case "faults-clear":
            faults.clear()
            return "Request faults cleared."
        default:
            throw .notFound("There is no dashboard action '\(action)'.")
        }
    }

    private static func describe(_ faults: WebhookFaults) -> String {
        var parts: [String] = []
        if faults.drop > 0 { parts.append("drop \(faults.drop)") }
        if faults.duplicate > 0 { parts.append("duplicate \(faults.duplicate)") }
        if faults.delay > 0 { parts.append("delay \(faults.delay) × \(faults.delaySeconds) s") }
        if faults.outOfOrder { parts.append("out of order") }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    // MARK: The page

    private func page(_ request: Request) -> Response {
        let query = request.uri.queryParameters
        let refresh = query["refresh"].flatMap { Int(String($0)) } ?? 2
        let message = query["message"].map { "<p class=\"message\"><strong>\(HTML.escape(String($0)))</strong></p>" }
        let body = [
            "<h1>vipps-sim dashboard</h1>",
            message ?? "",
            clockSection(),
            paymentsSection(),
            webhookDeliveriesSection(),
            registrationsSection(),
            callbacksSection(),
            faultsSection(),
        ].joined(separator: "\n")
            // Every form comes back with the page's reload interval, so that a page shown with
            // ?refresh=0 stays still after a click.
            .replacing(#/action="(/sim/dashboard/[a-z-]+)"/#) { "action=\"\($0.1)?refresh=\(refresh)\"" }
        return DashboardPage(body: body, refreshSeconds: refresh > 0 ? min(refresh, 3600) : nil).response()
    }

    private func clockSection() -> String {
        let buttons = [(60, "+1 min"), (600, "+10 min"), (3600, "+1 h"), (86400, "+1 day"), (168 * 3600, "+168 h")].map
        {
            """
            <form class="inline" method="post" action="/sim/dashboard/clock">\
            <input type="hidden" name="seconds" value="\($0.0)"><button name="advance" value="\($0.0)">\($0.1)</button></form>
            """
        }.joined()
        return """
            <section id="clock"><h2>Clock</h2><p>Simulated time: <strong>\(Timestamp.string(from: store.clock.now()))</strong></p>
            \(buttons)</section>
            """
    }

    private func paymentsSection() -> String {
        let payments = store.allPayments().reversed()
        guard !payments.isEmpty else {
            return "<section id=\"payments\"><h2>Payments</h2><p class=\"muted\">None yet.</p></section>"
        }
        let rows = payments.map { payment -> String in
            let aggregate = payment.aggregate
            let currency = payment.currency.rawValue
            func money(_ value: Int) -> String { HTML.escape("\(Self.decimal(value)) \(currency)") }
            let timeline = payment.ePaymentEvents.map { event in
                "<li>\(Self.time(event.timestamp)) \(HTML.escape(event.name.rawValue))\(event.success ? "" : " (failed)") "
                    + "\(money(event.amount))</li>"
            }.joined()
            return """
                <tr class="payment"><td>\(payment.ePayment == nil ? "eCom" : "ePayment")</td>\
                <td>\(HTML.escape(payment.merchantSerialNumber))</td><td class="reference">\(HTML.escape(payment.orderId))</td>\
                <td class="state">\(HTML.escape(payment.ePaymentState.rawValue))<br><small>\(HTML.escape(payment.state.rawValue))</small></td>\
                <td>\(money(payment.initiation.amount))</td>\
                <td>\(money(aggregate.authorized)) / \(money(aggregate.captured)) / \(money(aggregate.refunded)) / \(money(aggregate.cancelled))</td>\
                <td><ol class="timeline">\(timeline)</ol></td></tr>
                """
        }.joined(separator: "\n")
        return """
            <section id="payments"><h2>Payments</h2><table>
            <tr><th>API</th><th>MSN</th><th>Reference</th><th>State</th><th>Amount</th>\
            <th>Authorized / captured / refunded / cancelled</th><th>Timeline</th></tr>
            \(rows)</table></section>
            """
    }

    private func webhookDeliveriesSection() -> String {
        let deliveries = webhooks.deliveries(reference: nil).reversed()
        guard !deliveries.isEmpty else {
            return
                "<section id=\"webhook-deliveries\"><h2>Webhook deliveries</h2><p class=\"muted\">None yet.</p></section>"
        }
        let urls = Dictionary(
            webhooks.registrations(merchantSerialNumber: nil).map { ($0.id, $0.url) }, uniquingKeysWith: { a, _ in a })
        let rows = deliveries.prefix(200).map { delivery -> String in
            let attempts = delivery.attempts.map { attempt in
                attempt.status.map(String.init) ?? "no answer"
            }.joined(separator: ", ")
            return """
                <tr class="delivery \(delivery.outcome.rawValue)"><td>\(HTML.escape(delivery.reference))</td>\
                <td>\(HTML.escape(delivery.name))</td><td>\(HTML.escape(urls[delivery.registrationId] ?? "(deleted)"))</td>\
                <td class="outcome">\(delivery.outcome.rawValue)\(delivery.dropReason.map { " (\(HTML.escape($0)))" } ?? "")</td>\
                <td>\(HTML.escape(attempts))</td><td>\(delivery.nextAttemptAt.map(Timestamp.string(from:)) ?? "–")</td></tr>
                """
        }.joined(separator: "\n")
        return """
            <section id="webhook-deliveries"><h2>Webhook deliveries</h2><table>
            <tr><th>Reference</th><th>Event</th><th>URL</th><th>Outcome</th><th>Attempts (status)</th><th>Next retry</th></tr>
            \(rows)</table></section>
            """
    }

    private func registrationsSection() -> String {
        let registrations = webhooks.registrations(merchantSerialNumber: nil)
        let rows = registrations.map { registration in
            """
            <tr class="registration"><td>\(HTML.escape(registration.id))</td><td>\(HTML.escape(registration.merchantSerialNumber))</td>\
            <td>\(HTML.escape(registration.url))</td><td>\(HTML.escape(registration.events.joined(separator: " ")))</td></tr>
            """
        }.joined(separator: "\n")
        let table =
            registrations.isEmpty
            ? "<p class=\"muted\">None registered.</p>"
            : "<table><tr><th>Id</th><th>MSN</th><th>URL</th><th>Events</th></tr>\(rows)</table>"
        let settings = webhooks.settings
        return """
            <section id="webhooks"><h2>Registered webhooks</h2>\(table)
            <form method="post" action="/sim/dashboard/webhook-settings">Retries compressed \
            <input name="timeCompression" size="6" value="\(Self.decimalOrInteger(settings.timeCompression))">× \
            <button name="apply">Apply</button></form></section>
            """
    }

    private func callbacksSection() -> String {
        let attempts = shopCalls.attempts(orderId: nil).attempts.reversed()
        guard !attempts.isEmpty else {
            return "<section id=\"callbacks\"><h2>Calls to the shop</h2><p class=\"muted\">None yet.</p></section>"
        }
        let rows = attempts.prefix(200).map { attempt in
            """
            <tr class="callback"><td>\(HTML.escape(attempt.sentAt))</td><td>\(HTML.escape(attempt.kind.rawValue))</td>\
            <td>\(HTML.escape(attempt.orderId))</td><td>\(HTML.escape(attempt.method)) \(HTML.escape(attempt.url))</td>\
            <td>\(attempt.attempt)</td><td>\(attempt.status.map(String.init) ?? HTML.escape(attempt.error ?? "no answer"))</td>\
            <td>–</td></tr>
            """
        }.joined(separator: "\n")
        return """
            <section id="callbacks"><h2>Calls to the shop</h2><table>
            <tr><th>Sent</th><th>Kind</th><th>Order</th><th>Request</th><th>Attempt</th><th>Outcome</th><th>Next retry</th></tr>
            \(rows)</table></section>
            """
    }

    private func faultsSection() -> String {
        let report = faults.report()
        let waiting = report.faults.map { fault in
            "<li>\(HTML.escape(fault.endpoint.rawValue))\(fault.orderId.map { " · \(HTML.escape($0))" } ?? ""): "
                + "\(HTML.escape(fault.effect.kind.rawValue)) × \(fault.remaining)</li>"
        }.joined()
        let endpoints = FaultEndpoint.allNames.map { "<option>\(HTML.escape($0))</option>" }.joined()
        let kinds = FaultKind.allCases.map { "<option>\(HTML.escape($0.rawValue))</option>" }.joined()
        let webhookButtons = [
            ("drop", "Drop next event"), ("duplicate", "Duplicate next event"), ("delay", "Delay next attempt 2 s"),
            (
                webhooks.faults.outOfOrder ? "out-of-order-off" : "out-of-order-on",
                webhooks.faults.outOfOrder ? "Keep order again" : "Send out of order"
            ),
            ("clear", "Clear webhook faults"),
        ].map {
            """
            <form class="inline" method="post" action="/sim/dashboard/webhook-faults">\
            <input type="hidden" name="kind" value="\($0.0)"><button name="fault" value="\($0.0)">\($0.1)</button></form>
            """
        }.joined()
        return """
            <section id="faults"><h2>Faults</h2>
            <p>Webhooks: <span class="webhook-faults">\(HTML.escape(Self.describe(webhooks.faults)))</span></p>\(webhookButtons)
            <p>Requests waiting for a fault:</p><ul>\(waiting.isEmpty ? "<li class=\"muted\">none</li>" : waiting)</ul>
            <form method="post" action="/sim/dashboard/faults">\
            <select name="endpoint">\(endpoints)</select> <select name="kind">\(kinds)</select> \
            order <input name="orderId" size="12"> × <input name="count" size="3" value="1"> \
            <button name="addFault">Add fault</button></form>
            <form method="post" action="/sim/dashboard/faults-clear"><button name="clearFaults">Clear request faults</button></form>
            </section>
            """
    }

    private static func time(_ date: Date) -> String {
        let stamp = Timestamp.string(from: date)
        return HTML.escape(String(stamp.dropFirst(11).prefix(8)))
    }

    /// Minor units as a decimal amount: `49900` → `499.00`.
    private static func decimal(_ minor: Int) -> String {
        let fraction = abs(minor) % 100
        return "\(minor < 0 ? "-" : "")\(abs(minor) / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    private static func decimalOrInteger(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e12 ? String(Int64(value)) : String(value)
    }
}

/// The dashboard's page: wider than the customer pages, tables instead of cards.
struct DashboardPage {
    let body: String
    let refreshSeconds: Int?

    private static let style = """
        body{font-family:system-ui,-apple-system,sans-serif;background:#f4f1fa;color:#222;margin:1rem}
        h1{color:#ff5b24}section{background:#fff;border-radius:.6rem;padding:.8rem 1rem;margin:1rem 0;box-shadow:0 1px 4px #0002}
        table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top}
        .muted{color:#666}.message{background:#fff3cd;padding:.5rem}ol.timeline{margin:0;padding-left:1.2rem}
        .delivered .outcome{color:#1b7f3b}.pending .outcome{color:#b36b00}.exhausted .outcome,.dropped .outcome{color:#b00020}
        form.inline{display:inline}button{margin:.2rem .3rem .2rem 0}
        """

    func response() -> Response {
        let refresh = refreshSeconds.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">" } ?? ""
        let html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">\(refresh)
            <title>vipps-sim dashboard</title><style>\(Self.style)</style></head>
            <body>
            \(body)
            <p class="muted"><small>vipps-sim \(SimulatorVersion.current) · reloads every \(refreshSeconds.map(String.init) ?? "–") s \
            (<a href="/sim/?refresh=0">stop</a>) · a simulator, no money moves.</small></p>
            </body></html>
            """
        return Response(
            status: .ok, headers: [.contentType: HTMLPage.contentType, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}
