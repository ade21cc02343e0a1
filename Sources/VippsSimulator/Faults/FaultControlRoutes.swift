import Foundation
import Hummingbird

/// Control API for fault injection: `GET`, `POST` and `DELETE /sim/v1/faults`, and
/// `POST /sim/v1/faults/random` (see `FaultSpecification`, `RandomFaultSpecification`, `FaultReport`).
struct FaultControlRoutes {
    let faults: FaultInjector

    private struct Created: Encodable {
        let faults: [Fault]
    }

    private struct Done: Encodable {
        let status = "ok"
    }

    /// `group` is `/sim/v1`.
    func add(to group: RouterGroup<SimulatorRequestContext>) {
        group.get("faults") { _, _ in try JSONResponse.make(faults.report()) }
        group.post("faults") { request, context in
            // One fault or a list of them; all are checked before any is scheduled.
            let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
            let specifications: [FaultSpecification]
            switch try Request.decodeControlBody(JSONValue.self, from: data) {
            case .array: specifications = try Request.decodeControlBody([FaultSpecification].self, from: data)
            case .object: specifications = [try Request.decodeControlBody(FaultSpecification.self, from: data)]
            default: throw ControlAPIError.badRequest("Send a fault object or a list of them.")
            }
            var validated: [FaultSpecification.Validated] = []
            for specification in specifications { validated.append(try specification.validated()) }
            return try JSONResponse.make(Created(faults: faults.add(validated)))
        }
        group.post("faults/random") { request, context in
            let random = try await request.decodeControlBody(RandomFaultSpecification.self, context: context)
                .validated()
            faults.startRandom(random)
            return try JSONResponse.make(random)
        }
        group.delete("faults") { _, _ in
            faults.clear()
            return try JSONResponse.make(Done())
        }
    }
}

/// The body of `GET /sim/v1/faults`: the faults still waiting (used-up ones are gone), random mode
/// (`null` when off), and how many faults of each kind have been injected since the last clear.
struct FaultReport: Encodable {
    let faults: [Fault]
    let random: RandomFaults?
    /// Every kind, zeros included, so that a test can read any of them without a default.
    let injected: [String: Int]

    private enum CodingKeys: String, CodingKey {
        case faults, random, injected
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(faults, forKey: .faults)
        try container.encode(random, forKey: .random)
        try container.encode(injected, forKey: .injected)
    }
}
