import Foundation
import Hummingbird

/// The landing page, `GET|POST /dwo-api-application/v1/deeplink/vippsgateway?v=2&token=…` (reference
/// docs/ecom-v2.md#user-flows, "not installed / desktop"): the merchant, amount and text, and a phone-number form,
/// pre-filled with the initiate's mobileNumber. Posting it "sends a push" to that number's phone page
/// (`/sim/v1/phone/{number}`); the landing page then reloads every second and, once the user has
/// decided (or the payment expired), redirects with 303 to the shop's fallBack URL.
struct LandingPageRoutes {
    let store: PaymentStore

    /// The form field with the phone number.
    static let phoneField = "phoneNumber"

    func add(to router: Router<SimulatorRequestContext>) {
        router.get(RouterPath(LandingURL.path)) { request, _ in
            show(request)
        }
        router.post(RouterPath(LandingURL.path)) { request, context in
            let form = try await FormBody.read(request, context: context)
            return push(request, phone: form[Self.phoneField] ?? "")
        }
    }

    /// Where the landing page is, or why there is none to show.
    private enum Lookup {
        case page(Payment)
        case response(Response)
    }

    private func lookUp(_ request: Request) -> Lookup {
        guard let token = request.uri.queryParameters["token"].map(String.init),
            let payment = store.payment(landingToken: token)
        else {
            return .response(
                HTMLPage.error(.notFound, title: "Unknown payment", message: "This payment link is not valid."))
        }
        // Decided (approved, rejected, failed, expired): back to the shop, which asks /details what happened.
        guard payment.isAwaitingUser else {
            // A QR or app payment may have no returnUrl: the scanning phone's page just says it is done.
            if payment.initiation.fallBack.isEmpty {
                return .response(
                    HTMLPage(title: "Vipps", body: "<h1>Vipps</h1><p>Done. You can close this page.</p>").response())
            }
            return .response(HTMLPage.redirect(to: payment.initiation.fallBack))
        }
        // The link itself lives 5 minutes (docs/ecom-v2.md#user-side-timing); once the push went out the user has the
        // payment's remaining time, and this page keeps waiting for the outcome.
        if payment.pushedTo == nil, store.clock.now() >= payment.landingDeadline {
            return .response(
                HTMLPage.error(
                    .gone, title: "Link expired",
                    message: "This payment link has expired. Go back to the shop and try again."))
        }
        return .page(payment)
    }

    private func show(_ request: Request) -> Response {
        switch lookUp(request) {
        case .response(let response): return response
        case .page(let payment):
            if let phone = payment.pushedTo { return waiting(payment, phone: phone) }
            return form(
                payment, phone: payment.initiation.mobileNumber ?? "", error: nil, status: .ok, request: request)
        }
    }

    private func push(_ request: Request, phone: String) -> Response {
        switch lookUp(request) {
        case .response(let response): return response
        case .page(let payment):
            var phone = phone.filter { !$0.isWhitespace }
            // A customer of a Danish or Finnish sales unit enters the number with its country code.
            if payment.ePayment != nil, CreatePaymentValidator.isMSISDN(phone) {
                phone = PaymentStore.phonePageNumber(phone)
            }
            let isMSISDN = payment.ePayment != nil && CreatePaymentValidator.isMSISDN(phone)
            guard InitiationValidator.isDigits(phone, count: 8...8) || isMSISDN else {
                return form(
                    payment, phone: phone,
                    error: "Enter a Norwegian mobile number of 8 digits, or a number with its country code.",
                    status: .badRequest, request: request)
            }
            do {
                _ = try store.sendPush(
                    orderId: payment.orderId, merchantSerialNumber: payment.merchantSerialNumber, phone: phone)
            } catch {
                return HTMLPage.error(.conflict, title: "Not possible", message: error.message)
            }
            // Post/redirect/get: reloading the waiting page must not post again.
            return HTMLPage.redirect(to: Self.selfURL(request))
        }
    }

    private func summary(_ payment: Payment) -> String {
        """
        <p class="muted">Pay to merchant \(HTML.escape(payment.merchantSerialNumber))</p>
        <p class="amount">\(HTML.escape(HTML.amount(payment.initiation.amount)))</p>
        <p>\(HTML.escape(payment.initiation.transactionText))</p>
        """
    }

    private func form(_ payment: Payment, phone: String, error: String?, status: HTTPResponse.Status, request: Request)
        -> Response
    {
        let errorLine = error.map { "<p class=\"error\">\(HTML.escape($0))</p>" } ?? ""
        let body = """
            <h1>Vipps</h1>
            \(summary(payment))
            <form method="post" action="\(HTML.escape(Self.selfURL(request)))">
            <label for="phone">Your mobile number</label>
            <input type="tel" id="phone" name="\(Self.phoneField)" value="\(HTML.escape(phone))" inputmode="numeric" pattern="[0-9]{8,15}" maxlength="15" autofocus required>
            \(errorLine)
            <button class="approve" type="submit">Next</button>
            </form>
            """
        return HTMLPage(title: "Vipps: pay \(HTML.amount(payment.initiation.amount))", body: body).response(
            status: status)
    }

    private func waiting(_ payment: Payment, phone: String) -> Response {
        let body = """
            <h1>Vipps</h1>
            \(summary(payment))
            <p>Open the Vipps app on <strong>\(HTML.escape(phone))</strong> to confirm the payment.</p>
            <p><a id="phone-link" href="/sim/v1/phone/\(HTML.escape(phone))">Open the simulated phone of \(HTML.escape(phone))</a></p>
            <p class="muted">This page updates by itself.</p>
            """
        return HTMLPage(title: "Vipps: waiting for \(phone)", body: body, refreshSeconds: 1).response()
    }

    /// This page's own path and query, for the form and the redirect after posting it.
    private static func selfURL(_ request: Request) -> String {
        let token = request.uri.queryParameters["token"].map(String.init) ?? ""
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        return "\(LandingURL.path)?v=2&token=\(token.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
    }
}

/// The user's side as web pages: the landing page initiate's `url` points at, and a "phone" page per
/// number standing in for the Vipps app. No authentication, like the rest of the simulator's own pages.
struct UserSideRoutes {
    let store: PaymentStore
    let callbacks: PaymentCallbacks
    let shopCaller: ShopCaller

    func add(to router: Router<SimulatorRequestContext>) {
        LandingPageRoutes(store: store).add(to: router)
        PhonePageRoutes(
            store: store, callbacks: callbacks, shipping: ShippingOptions(caller: shopCaller), shopCaller: shopCaller
        )
        .add(to: router)
    }
}
