/// How many capture, refund and cancel requests arrived for one orderId, whatever became of them
/// (refused, faulted, dropped): the control API shows them so that a test can check that a client's
/// retries really reached the server.
public struct RequestCounts: Sendable, Equatable, Codable {
    public var capture = 0
    public var refund = 0
    public var cancel = 0

    public init() {}
}
