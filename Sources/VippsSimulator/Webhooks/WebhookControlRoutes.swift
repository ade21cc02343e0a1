import Foundation
import Hummingbird

/// The control API of webhooks under `/sim/v1`: `GET webhooks` (registrations without their
/// secrets, every delivery with every attempt, the settings and faults), `POST webhooks/settings`,
/// `POST` and `DELETE webhooks/faults`.
struct WebhookControlRoutes {
    let dispatcher: WebhookDispatcher

    private struct Registration: Encodable {
        let id: String
        let msn: String
        let url: String
        let events: [String]
        let createdAt: String
    }

    private struct Report: Encodable {
        let registrations: [Registration]
        let deliveries: [WebhookDelivery]
        /// Deliveries still waiting for a 2xx.
        let pending: Int
        let settings: WebhookSettings
        let faults: WebhookFaults
    }

    /// Absent fields keep their value.
    private struct SettingsUpdate: Decodable {
        var timeCompression: Double?
        var strictURLs: Bool?
        var maximumPerEventType: Int?
        var attemptTimeoutSeconds: Double?
        var resendOriginalSignature: Bool?
        var vippsAuthorizationHeader: Bool?
        var eComPayments: Bool?
    }

    /// Counts add to those still waiting; `outOfOrder` is set as given.
    private struct FaultsUpdate: Decodable {
        var drop: Int?
        var duplicate: Int?
        var delay: Int?
        var delaySeconds: Double?
        var outOfOrder: Bool?
    }

    /// `group` is `/sim/v1`.
    func add(to group: RouterGroup<SimulatorRequestContext>) {
        group.get("webhooks") { request, _ in
            try JSONResponse.make(report(reference: request.uri.queryParameters["reference"].map(String.init)))
        }
        group.post("webhooks/settings") { request, context in
            let update = try await request.decodeControlBody(SettingsUpdate.self, context: context)
            var settings = dispatcher.settings
            if let value = update.timeCompression {
                guard value.isFinite, (1...1_000_000).contains(value) else {
                    throw ControlAPIError.badRequest("timeCompression must be between 1 and 1000000.")
                }
                settings.timeCompression = value
            }
            if let value = update.maximumPerEventType {
                guard (1...1000).contains(value) else {
                    throw ControlAPIError.badRequest("maximumPerEventType must be between 1 and 1000.")
                }
                settings.maximumPerEventType = value
            }
            if let value = update.attemptTimeoutSeconds {
                guard value.isFinite, (0.1...300).contains(value) else {
                    throw ControlAPIError.badRequest("attemptTimeoutSeconds must be between 0.1 and 300.")
                }
                settings.attemptTimeoutSeconds = value
            }
            if let value = update.strictURLs { settings.strictURLs = value }
            if let value = update.resendOriginalSignature { settings.resendOriginalSignature = value }
            if let value = update.vippsAuthorizationHeader { settings.vippsAuthorizationHeader = value }
            if let value = update.eComPayments { settings.eComPayments = value }
            dispatcher.settings = settings
            return try JSONResponse.make(settings)
        }
        group.post("webhooks/faults") { request, context in
            let update = try await request.decodeControlBody(FaultsUpdate.self, context: context)
            for count in [update.drop, update.duplicate, update.delay].compactMap({ $0 })
            where !(0...10_000).contains(count) {
                throw ControlAPIError.badRequest("Counts must be between 0 and 10000.")
            }
            if let seconds = update.delaySeconds, !(seconds.isFinite && (0...600).contains(seconds)) {
                throw ControlAPIError.badRequest("delaySeconds must be between 0 and 600.")
            }
            var faults = dispatcher.faults
            faults.drop += update.drop ?? 0
            faults.duplicate += update.duplicate ?? 0
            faults.delay += update.delay ?? 0
            if let seconds = update.delaySeconds { faults.delaySeconds = seconds }
            if let value = update.outOfOrder { faults.outOfOrder = value }
            dispatcher.faults = faults
            return try JSONResponse.make(faults)
        }
        group.delete("webhooks/faults") { _, _ in
            dispatcher.faults = WebhookFaults()
            return try JSONResponse.make(WebhookFaults())
        }
    }

    private func report(reference: String?) -> Report {
        let deliveries = dispatcher.deliveries(reference: reference)
        return Report(
            registrations: dispatcher.registrations(merchantSerialNumber: nil).map {
                Registration(
                    id: $0.id, msn: $0.merchantSerialNumber, url: $0.url, events: $0.events,
                    createdAt: Timestamp.string(from: $0.createdAt))
            },
            deliveries: deliveries,
            pending: deliveries.filter { $0.outcome == .pending }.count,
            settings: dispatcher.settings,
            faults: dispatcher.faults
        )
    }
}
