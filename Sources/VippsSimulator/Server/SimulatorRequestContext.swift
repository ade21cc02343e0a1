import Hummingbird
import NIOCore

/// The per-request context of the simulator's routes.
public struct SimulatorRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The `Merchant-Serial-Number` header, once `VippsAuthenticationMiddleware` has checked it is a
    /// configured sales unit; `nil` when the merchant did not send one.
    public var merchantSerialNumber: String?
    /// The request's connection, kept so that a `drop-*` fault can close it (see `ConnectionDrop`).
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
