import Hummingbird

/// The token endpoint is spelled `/accesstoken/get` in the spec and `/accessToken/get` in Vipps' own
/// examples; clients use both, so any casing is accepted (reference §2.1). Only this path: orderIds in the
/// eCom paths are case-sensitive, so the router as a whole must stay case-sensitive.
enum AccessTokenPath {
    static let canonical = "/accesstoken/get"

    static func canonicalized(_ request: Request) -> Request {
        let path = request.uri.path
        guard path != canonical, path.lowercased() == canonical else { return request }
        var head = request.head
        head.path = canonical + (request.uri.query.map { "?" + $0 } ?? "")
        return Request(head: head, body: request.body)
    }
}
