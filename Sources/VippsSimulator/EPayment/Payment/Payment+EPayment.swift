import Foundation

/// The ePayment view of a payment, read off the transaction log like eCom's `/details`, so that the
/// two APIs can never disagree about a payment, whichever of them created it.
extension Payment {
    var currency: Currency { ePayment?.currency ?? .nok }

    /// eCom payments get a UUID built from their transaction id: stable across restarts and unique
    /// per payment, since transaction ids are.
    var pspReference: String {
        if let ePayment { return ePayment.pspReference }
        let digits = String(repeating: "0", count: max(0, 12 - transactionId.count)) + transactionId.suffix(12)
        return "00000000-0000-4000-8000-" + digits
    }

    var ePaymentState: EPaymentState {
        if wasReserved { return .authorized }
        guard let cancel = log.first(where: { $0.operationSuccess && $0.operation == .cancel }) else { return .created }
        return Self.endOfUserSide(cancel, deadline: userDeadline)
    }

    /// When a payment nobody acts on expires: a long-living payment at its `expiresAt`, any other
    /// ten minutes after it was created.
    var userDeadline: Date {
        ePayment?.expiresAt ?? initiatedAt.addingTimeInterval(Self.userLifetime)
    }

    /// How long its landing page (and so its QR code) works before anyone entered a number.
    var landingDeadline: Date {
        ePayment?.expiresAt ?? initiatedAt.addingTimeInterval(Self.landingLifetime)
    }

    /// A CANCEL before approval is the merchant's (it carries the request's key), a timeout (dated at
    /// the deadline, which a user's rejection never is: expiry runs before every request) or the user's.
    static func endOfUserSide(_ cancel: TransactionLogEntry, deadline: Date) -> EPaymentState {
        if !cancel.requestId.isEmpty { return .terminated }
        if cancel.timeStamp == deadline { return .expired }
        return .aborted
    }

    struct Aggregate: Sendable, Equatable {
        var authorized: Int
        var cancelled: Int
        var captured: Int
        var refunded: Int

        var remainingToCapture: Int { max(authorized - captured - cancelled, 0) }
        var remainingToRefund: Int { captured - refunded }
    }

    var aggregate: Aggregate {
        if ePaymentState == .terminated {
            return Aggregate(authorized: 0, cancelled: initiation.amount, captured: 0, refunded: 0)
        }
        let amounts = amounts
        let authorized = reservedAmount
        // What was neither captured nor is still capturable was released by a cancel (a VOID line).
        let cancelled = wasReserved ? max(authorized - amounts.capturedAmount - amounts.remainingAmountToCapture, 0) : 0
        return Aggregate(
            authorized: authorized, cancelled: cancelled, captured: amounts.capturedAmount,
            refunded: amounts.refundedAmount)
    }

    /// The event log, oldest first, one event per log line (two for a direct-capture SALE).
    var ePaymentEvents: [EPaymentEvent] {
        let createKey = ePayment?.createIdempotencyKey
        func key(_ entry: TransactionLogEntry) -> String? {
            entry.requestId.isEmpty ? nil : entry.requestId
        }
        var events: [EPaymentEvent] = []
        for entry in log {
            func event(_ name: EPaymentEvent.Name, pspReference: String? = nil, idempotencyKey: String?)
                -> EPaymentEvent
            {
                EPaymentEvent(
                    name: name,
                    amount: entry.amount,
                    pspReference: pspReference ?? entry.transactionId,
                    timestamp: entry.timeStamp,
                    idempotencyKey: idempotencyKey,
                    success: entry.operationSuccess
                )
            }
            switch entry.operation {
            case .initiate:
                events.append(event(.created, pspReference: pspReference, idempotencyKey: createKey))
            case .reserve:
                events.append(event(.authorized, idempotencyKey: createKey ?? key(entry)))
            case .sale:
                events.append(event(.authorized, idempotencyKey: createKey ?? key(entry)))
                if entry.operationSuccess { events.append(event(.captured, idempotencyKey: key(entry))) }
            case .capture:
                events.append(event(.captured, idempotencyKey: key(entry)))
            case .refund:
                events.append(event(.refunded, idempotencyKey: key(entry)))
            case .void:
                events.append(event(.cancelled, idempotencyKey: key(entry)))
            case .cancel:
                switch Self.endOfUserSide(entry, deadline: userDeadline) {
                case .terminated: events.append(event(.terminated, idempotencyKey: key(entry)))
                case .expired: events.append(event(.expired, idempotencyKey: createKey))
                default: events.append(event(.aborted, idempotencyKey: createKey))
                }
            }
        }
        return events
    }
}

/// One entry of `GET …/events`.
struct EPaymentEvent: Sendable, Equatable {
    enum Name: String, Sendable {
        case created = "CREATED"
        case aborted = "ABORTED"
        case expired = "EXPIRED"
        case cancelled = "CANCELLED"
        case captured = "CAPTURED"
        case refunded = "REFUNDED"
        case authorized = "AUTHORIZED"
        case terminated = "TERMINATED"
    }

    var name: Name
    var amount: Int
    var pspReference: String
    var timestamp: Date
    var idempotencyKey: String?
    var success: Bool
}
