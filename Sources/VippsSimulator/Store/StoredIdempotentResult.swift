/// One remembered capture or refund: `Payment.idempotentResults` as a list, since a dictionary with a
/// struct key would become an array of alternating keys and values in JSON.
struct StoredIdempotentResult: Codable, Equatable, Sendable {
    var key: IdempotencyKey
    var result: IdempotentResult
}
