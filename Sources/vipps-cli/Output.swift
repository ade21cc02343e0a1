import Glibc
import VippsCore

/// What the command prints: short text for people, Vipps' JSON with --json.
enum Output {
    static func line(_ text: String) {
        print(text)
    }

    /// 49900 → "499.00 NOK"
    static func kroner(_ ore: Int64) -> String {
        let sign = ore < 0 ? "-" : ""
        let magnitude = ore.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction) NOK"
    }

    static func details(_ details: PaymentDetails, json: Bool) {
        if json { return line(details.json) }
        line("order      \(details.orderId)")
        line("state      \(details.state.name)")
        line("amount     \(kroner(details.amount))")
        line("captured   \(kroner(details.capturedAmount))  (remaining \(kroner(details.remainingToCapture)))")
        line("refunded   \(kroner(details.refundedAmount))  (remaining \(kroner(details.remainingToRefund)))")
        line("log (newest first):")
        for entry in details.log {
            let outcome = entry.success ? "" : "  FAILED"
            line(
                "  \(entry.timestamp)  \(entry.operation.padding(8))  \(kroner(entry.amount).padding(14))  "
                    + "\(entry.transactionText)\(outcome)")
        }
    }

    static func transaction(_ transaction: PaymentTransaction, json: Bool) {
        if json { return line(transaction.json) }
        line("\(transaction.status) \(kroner(transaction.amount)) on order \(transaction.orderId)")
        line("captured   \(kroner(transaction.capturedAmount))  (remaining \(kroner(transaction.remainingToCapture)))")
        line("refunded   \(kroner(transaction.refundedAmount))  (remaining \(kroner(transaction.remainingToRefund)))")
        if !transaction.requestId.isEmpty { line("request id \(transaction.requestId)") }
    }

    /// Errors go to stderr; with --json as an object on stdout too, so scripts can parse it.
    static func failure(_ error: VippsError, json: Bool) {
        var text = "vipps: \(error.message)"
        if let contextId = error.contextId { text += "\n  Vipps contextId: \(contextId)" }
        if let requestId = error.requestId, error.outcomeUnknown {
            text += "\n  repeat with --idempotency-key \(requestId)"
        }
        let message = text + "\n"
        _ = message.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        if json {
            var members = [
                "\"status\":\(quoted(statusName(error.category)))", "\"message\":\(quoted(error.message))",
                "\"httpStatus\":\(error.httpStatus)", "\"retryable\":\(error.isRetryable)",
            ]
            if let group = error.errorGroup { members.append("\"errorGroup\":\(quoted(group))") }
            if let code = error.errorCode { members.append("\"errorCode\":\(quoted(code))") }
            if let contextId = error.contextId { members.append("\"contextId\":\(quoted(contextId))") }
            if let requestId = error.requestId { members.append("\"requestId\":\(quoted(requestId))") }
            line("{" + members.joined(separator: ",") + "}")
        }
    }

    static func statusName(_ category: VippsError.Category) -> String {
        switch category {
        case .invalidArgument: return "invalid_argument"
        case .notAllowed: return "not_allowed"
        case .network: return "network"
        case .timeout: return "timeout"
        case .tls: return "tls"
        case .protocolError: return "protocol"
        case .outcomeUnknown: return "outcome_unknown"
        case .authentication: return "authentication"
        case .notFound: return "not_found"
        case .rejected: return "rejected"
        case .rateLimited: return "rate_limited"
        case .server: return "server"
        case .internalError: return "internal"
        }
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            default:
                if scalar.value < 0x20 { result += " " } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result + "\""
    }
}

private extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
