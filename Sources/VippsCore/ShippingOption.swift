/// One express shipping option, as a static option at initiate or in a shipping-details answer.
/// The cost is øre like every amount in this library; Vipps wants NOK with decimals, and the
/// conversion is exact (a Decimal, never a binary floating-point number).
public struct ShippingOption: Sendable, Equatable {
    public var methodId: String
    public var method: String
    public var costInOre: Int64
    public var isDefault: Bool
    public var priority: Int32

    public init(methodId: String, method: String, costInOre: Int64, isDefault: Bool, priority: Int32) {
        self.methodId = methodId
        self.method = method
        self.costInOre = costInOre
        self.isDefault = isDefault
        self.priority = priority
    }

    func validate() throws(VippsError) {
        guard !methodId.isEmpty, methodId.count <= 100 else {
            throw .invalidArgument("shipping_method_id", "must be 1 to 100 characters")
        }
        guard !method.isEmpty, method.count <= 256 else {
            throw .invalidArgument("shipping_method", "must be 1 to 256 characters")
        }
        guard costInOre >= 0, costInOre <= 100_000_000 else {
            throw .invalidArgument("shipping_cost", "must be 0 to 100000000 øre")
        }
        guard priority >= 0 else { throw .invalidArgument("priority", "must not be negative") }
    }

    /// The option in Vipps' field names. The cost is in kroner: øre / 100 as a Double prints as
    /// the exact decimal (99.5, 0.01) because Swift writes the shortest text that reads back the
    /// same number, and validated costs (at most 1e8 øre) have far fewer digits than a Double holds.
    var body: JSONValue {
        .object([
            "isDefault": .string(isDefault ? "Y" : "N"), "priority": .number(Double(priority)),
            "shippingCost": .number(Double(costInOre) / 100), "shippingMethod": .string(method),
            "shippingMethodId": .string(methodId),
        ])
    }
}
