import Foundation
import Hummingbird

/// The simulated Vipps app of one phone number, `/sim/v1/phone/{number}`: the payment requests pushed
/// to it, with Approve and Reject (plain POST forms), the express steps (address, then shipping
/// option), and a consent-removal button for shops the user shared details with.
///
/// Forms (all `application/x-www-form-urlencoded`, each with `merchantSerialNumber` and `orderId`):
/// - `GET  /sim/v1/phone/{number}?orderId=&merchantSerialNumber=&addressId=` express: shows the
///   shipping options for that address;
/// - `POST /sim/v1/phone/{number}/approve` (+ `addressId`, `shippingMethodId` for express);
/// - `POST /sim/v1/phone/{number}/reject`;
/// - `POST /sim/v1/phone/{number}/consent-removal`.
/// Each POST answers 303 back to the phone page.
struct PhonePageRoutes {
    let store: PaymentStore
    let callbacks: PaymentCallbacks
    let shipping: ShippingOptions
    let shopCaller: ShopCaller

    func add(to router: Router<SimulatorRequestContext>) {
        router.get("sim/v1/phone/:number") { request, context in
            let number = try context.parameters.require("number")
            guard Self.isPhoneNumber(number) else { return Self.unknownNumber }
            return await page(number: number, request: request)
        }
        router.post("sim/v1/phone/:number/:action") { request, context in
            let number = try context.parameters.require("number")
            let action = try context.parameters.require("action")
            guard Self.isPhoneNumber(number) else { return Self.unknownNumber }
            let form = try await FormBody.read(request, context: context)
            return await act(action, number: number, form: form)
        }
    }

    private static func isPhoneNumber(_ number: String) -> Bool {
        InitiationValidator.isDigits(number, count: 8...8)
    }

    private static var unknownNumber: Response {
        HTMLPage.error(.notFound, title: "No such phone", message: "A phone number has 8 digits.")
    }

    private static func pagePath(_ number: String, message: String? = nil) -> String {
        let base = "/sim/v1/phone/\(number)"
        guard let message, let encoded = message.addingPercentEncoding(withAllowedCharacters: .alphanumerics) else {
            return base
        }
        return "\(base)?message=\(encoded)"
    }

    // MARK: Actions

    private func act(_ action: String, number: String, form: FormBody) async -> Response {
        let orderId = form["orderId"] ?? ""
        let msn = form["merchantSerialNumber"] ?? ""
        do throws(BackendError) {
            switch action {
            case "approve":
                let (payment, outcome) = try store.userApprove(
                    orderId: orderId,
                    merchantSerialNumber: msn,
                    phone: number,
                    choice: try expressChoice(orderId: orderId, msn: msn, form: form)
                )
                callbacks.paymentUpdated(payment, outcome: outcome)
                if case .failed(let error) = outcome {
                    return HTMLPage.redirect(to: Self.pagePath(number, message: "Payment failed: \(error.message)"))
                }
                return HTMLPage.redirect(
                    to: Self.pagePath(number, message: "Paid \(HTML.amount(payment.reservationAmount))."))
            case "reject":
                let payment = try store.userReject(orderId: orderId, merchantSerialNumber: msn, phone: number)
                callbacks.paymentUpdated(payment, outcome: .rejected)
                return HTMLPage.redirect(to: Self.pagePath(number, message: "Payment rejected."))
            case "consent-removal":
                let payment = try store.payment(orderId: orderId, merchantSerialNumber: msn)
                guard let prefix = payment.initiation.consentRemovalPrefix, payment.customerPhoneNumber == number else {
                    throw .transactionNotAllowed("This shop has no consent to remove for \(number).")
                }
                ConsentRemoval(caller: shopCaller).send(
                    for: payment, prefix: prefix, userId: ExpressUserDetails.userId(for: number))
                return HTMLPage.redirect(to: Self.pagePath(number, message: "Consent removal sent to the shop."))
            default:
                return HTMLPage.error(
                    .notFound, title: "Unknown action", message: "There is no '\(action)' on this phone.")
            }
        } catch {
            return HTMLPage.error(
                .conflict, title: "Not possible", message: error.message, backLink: Self.pagePath(number))
        }
    }

    /// The express address and shipping option the form names, from the options the page offered.
    private func expressChoice(orderId: String, msn: String, form: FormBody) throws(BackendError) -> ExpressChoice? {
        let payment = try store.payment(orderId: orderId, merchantSerialNumber: msn)
        guard payment.initiation.paymentType == .express else { return nil }
        guard let addressId = form["addressId"].flatMap({ Int($0) }), let address = CannedAddress.withId(addressId),
            let offer = payment.shippingOffer, offer.addressId == addressId,
            let option = offer.options.first(where: { $0.id == form["shippingMethodId"] })
        else {
            throw .invalidRequest(field: "shippingMethodId", "Choose an address and one of the shipping options shown.")
        }
        return ExpressChoice(address: address, shipping: option)
    }

    // MARK: The page

    private func page(number: String, request: Request) async -> Response {
        let query = request.uri.queryParameters
        let message = query["message"].map { "<p><strong>\(HTML.escape(String($0)))</strong></p>" } ?? ""
        var sections: [String] = []
        for payment in store.pendingRequests(phone: number) {
            var chosenAddress: CannedAddress?
            if query["orderId"].map(String.init) == payment.orderId,
                query["merchantSerialNumber"].map(String.init) == payment.merchantSerialNumber
            {
                chosenAddress = query["addressId"].flatMap { Int(String($0)) }.flatMap(CannedAddress.withId)
            }
            sections.append(await requestSection(payment, number: number, chosenAddress: chosenAddress))
        }
        let pending =
            sections.isEmpty ? "<p class=\"muted\">No payment requests.</p>" : sections.joined(separator: "\n")
        let body = """
            <h1>Vipps · \(HTML.escape(number))</h1>
            \(message)
            <h2>Payment requests</h2>
            \(pending)
            \(consents(number: number))
            """
        return HTMLPage(title: "Vipps on \(number)", body: body).response()
    }

    private static func hiddenFields(_ payment: Payment) -> String {
        """
        <input type="hidden" name="merchantSerialNumber" value="\(HTML.escape(payment.merchantSerialNumber))">\
        <input type="hidden" name="orderId" value="\(HTML.escape(payment.orderId))">
        """
    }

    private func requestSection(_ payment: Payment, number: String, chosenAddress: CannedAddress?) async -> String {
        let base = Self.pagePath(number)
        let header = """
            <div class="request" id="request-\(HTML.escape(payment.orderId))">
            <p class="muted">Merchant \(HTML.escape(payment.merchantSerialNumber)) · order \(HTML.escape(payment.orderId))</p>
            <p class="amount">\(HTML.escape(HTML.amount(payment.initiation.amount)))</p>
            <p>\(HTML.escape(payment.initiation.transactionText))</p>
            """
        let reject = """
            <form class="inline" method="post" action="\(base)/reject">\(Self.hiddenFields(payment))\
            <button class="reject" type="submit" name="reject">Reject</button></form>
            """
        guard payment.initiation.paymentType == .express else {
            let consent = ConsentCard.html(
                for: payment, declineAction: "\(base)/reject", hiddenFields: Self.hiddenFields(payment))
            return header + consent + """
                <form class="inline" method="post" action="\(base)/approve">\(Self.hiddenFields(payment))\
                <button class="approve" type="submit" name="approve">Approve</button></form>
                \(reject)</div>
                """
        }
        guard let address = chosenAddress else {
            // Step 1: the address, by GET, so that the next page can ask the shop for shipping options.
            let choices = CannedAddress.all.enumerated().map { index, address in
                """
                <label><input type="radio" name="addressId" value="\(address.id)"\(index == 0 ? " checked" : "")> \
                \(HTML.escape(address.addressLine1)), \(HTML.escape(address.postCode)) \(HTML.escape(address.city))</label>
                """
            }.joined()
            return header + """
                <p>Share your name, phone, e-mail and address with the shop. Choose address:</p>
                <form method="get" action="\(base)">\(Self.hiddenFields(payment))\(choices)
                <button class="approve" type="submit" name="chooseAddress">Choose delivery</button></form>
                \(reject)</div>
                """
        }
        // Step 2: the shipping options for that address, then approve.
        let options = await shipping.options(for: payment, address: address)
        try? store.offerShipping(
            orderId: payment.orderId,
            merchantSerialNumber: payment.merchantSerialNumber,
            phone: number,
            ShippingOffer(addressId: address.id, options: options)
        )
        guard !options.isEmpty else {
            return header + "<p class=\"error\">No shipping methods found.</p>\(reject)</div>"
        }
        let defaultId = options.first(where: \.isDefault)?.id ?? options[0].id
        let choices = options.map { option in
            """
            <label><input type="radio" name="shippingMethodId" value="\(HTML.escape(option.id))"\(option.id == defaultId ? " checked" : "")> \
            \(HTML.escape(option.method)) (\(HTML.escape(HTML.amount(nok: option.costNOK))))</label>
            """
        }.joined()
        return header + """
            <p>Deliver to \(HTML.escape(address.addressLine1)), \(HTML.escape(address.postCode)) \(HTML.escape(address.city)) \
            · <a href="\(base)">change</a></p>
            <form method="post" action="\(base)/approve">\(Self.hiddenFields(payment))\
            <input type="hidden" name="addressId" value="\(address.id)">\(choices)
            <p class="muted">Shipping is added to the amount.</p>
            <button class="approve" type="submit" name="approve">Approve</button></form>
            \(reject)</div>
            """
    }

    /// Shops this number approved a payment for that gave a consentRemovalPrefix.
    private func consents(number: String) -> String {
        let shops = store.allPayments().filter {
            $0.customerPhoneNumber == number && $0.wasReserved && $0.initiation.consentRemovalPrefix != nil
        }
        guard !shops.isEmpty else { return "" }
        let buttons = shops.map { payment in
            """
            <form method="post" action="\(Self.pagePath(number))/consent-removal">\(Self.hiddenFields(payment))\
            <button class="reject" type="submit" name="removeConsent">Remove consent: merchant \
            \(HTML.escape(payment.merchantSerialNumber)), order \(HTML.escape(payment.orderId))</button></form>
            """
        }.joined()
        return "<h2>Shared with shops</h2>\(buttons)"
    }
}
