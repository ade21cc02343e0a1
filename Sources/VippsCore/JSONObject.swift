/// The members of a JSON object, in document order, each key once.
///
/// Lookup is a linear scan rather than a hash table: Vipps' objects have a handful of keys, and
/// comparing short strings is far cheaper than hashing them (hashing keys into dictionaries was
/// a fifth of the CPU time of reading a details answer).
public struct JSONObject: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Member = (key: String, value: JSONValue)

    private var members: [Member]

    /// `members` must not repeat a key (JSONParser keeps the last of repeated keys).
    init(uniqueMembers members: [Member]) {
        self.members = members
    }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        members = []
        for (key, value) in elements { self[key] = value }
    }

    public subscript(key: String) -> JSONValue? {
        get { members.first(where: { Self.sameKey($0.key, key) })?.value }
        set {
            let index = members.firstIndex(where: { Self.sameKey($0.key, key) })
            switch (index, newValue) {
            case (let index?, let value?): members[index].value = value
            case (let index?, nil): members.remove(at: index)
            case (nil, let value?): members.append((key: key, value: value))
            case (nil, nil): break
            }
        }
    }

    /// String equality with a length check first: keys of one object mostly differ in length,
    /// and that settles it without the general (Unicode-aware) comparison.
    static func sameKey(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.count == rhs.utf8.count && lhs == rhs
    }

    public var count: Int { members.count }

    public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }

    /// Equal when both have the same keys with equal values, in whatever order (as JSON defines).
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.count == rhs.count && lhs.members.allSatisfy { rhs[$0.key] == $0.value }
    }
}
