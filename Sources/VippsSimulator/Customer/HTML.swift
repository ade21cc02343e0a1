/// Escaping for the user-side pages: every value that reaches a page goes through `escape`, since
/// transaction texts, orderIds and URLs all come from the merchant.
enum HTML {
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// An amount in øre as the app shows it: `kr 200,00`.
    static func amount(_ ore: Int) -> String {
        let sign = ore < 0 ? "-" : ""
        let value = abs(ore)
        let fraction = value % 100
        return "kr \(sign)\(value / 100),\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// NOK as the shop sends shipping costs (`99`, `99.5`), shown like `amount`.
    static func amount(nok: Double) -> String {
        amount(Int((nok * 100).rounded()))
    }
}
