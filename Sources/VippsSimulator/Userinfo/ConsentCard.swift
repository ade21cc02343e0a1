/// The consent card the app shows before a payment that asks for a `scope`: what the merchant will
/// get, and a way to decline, which ends the payment (there is no paying without consenting).
enum ConsentCard {
    static let labels = [
        "name": "name", "address": "addresses", "email": "e-mail address", "phoneNumber": "phone number",
        "birthDate": "birth date", "nin": "national identity number",
    ]

    /// Empty for a payment without a scope.
    static func html(for payment: Payment, declineAction: String, hiddenFields: String) -> String {
        guard let scope = payment.initiation.scope else { return "" }
        let items = scope.split(separator: " ").map { labels[String($0)] ?? String($0) }
        return """
            <div class="consent"><p><strong>Share with merchant \(HTML.escape(payment.merchantSerialNumber)):</strong> \
            \(HTML.escape(items.joined(separator: ", ")))</p>
            <p class="muted">Approving shares these details. Declining cancels the payment.</p>
            <form class="inline" method="post" action="\(declineAction)">\(hiddenFields)\
            <button class="reject" type="submit" name="declineConsent">Decline sharing</button></form></div>
            """
    }
}
