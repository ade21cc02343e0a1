/// The form of a create's `receipt`: the order lines and bottom line the app shows (docs/epayment.md,
/// "Receipts"). Every bad member is reported by its path, like the create's other fields. The sum of
/// the lines is not compared with the amount: Vipps documents no such rule.
struct ReceiptValidator {
    private(set) var problems: [EPaymentProblem.Detail] = []

    static let currencies = Set(Currency.allCases.map(\.rawValue))
    static let quantityUnits: Set<String> = ["PCS", "KG", "KM", "MINUTE", "LITRE", "KWH"]
    static let barcodeFormats: Set<String> = ["EAN-13", "CODE 39", "CODE 128"]

    static func problems(_ receipt: JSONValue) -> [EPaymentProblem.Detail] {
        var validator = ReceiptValidator()
        validator.check(receipt)
        return validator.problems
    }

    private mutating func bad(_ path: String, _ reason: String) {
        problems.append(EPaymentProblem.Detail(name: path, reason: reason))
    }

    private mutating func check(_ receipt: JSONValue) {
        guard case .object(let receipt) = receipt else { return bad("receipt", "The field Receipt must be an object.") }
        switch receipt["orderLines"] {
        case .array(let lines)? where !lines.isEmpty:
            for (index, line) in lines.enumerated() { checkLine(line, path: "receipt.orderLines[\(index)]") }
        case .array?: bad("receipt.orderLines", "The field OrderLines must have at least one line.")
        default: bad("receipt.orderLines", "The field OrderLines is required.")
        }
        guard case .object(let bottom)? = receipt["bottomLine"] else {
            return bad("receipt.bottomLine", "The field BottomLine is required.")
        }
        let path = "receipt.bottomLine"
        member(bottom["currency"], of: Self.currencies, "\(path).currency", required: true)
        integer(bottom["tipAmount"], "\(path).tipAmount", required: false, in: 0...Int64.max)
        for name in ["posId", "receiptNumber", "terminalId"] {
            string(bottom[name], "\(path).\(name)", required: false)
        }
        switch bottom["paymentSources"] {
        case nil, .null?: break
        case .object(let sources)?:
            for name in ["giftCard", "card", "voucher", "cash"] {
                integer(sources[name], "\(path).paymentSources.\(name)", required: false, in: 0...Int64.max)
            }
        default: bad("\(path).paymentSources", "The field PaymentSources must be an object.")
        }
        switch bottom["barcode"] {
        case nil, .null?: break
        case .object(let barcode)?:
            member(barcode["format"], of: Self.barcodeFormats, "\(path).barcode.format", required: true)
            string(barcode["data"], "\(path).barcode.data", required: true)
        default: bad("\(path).barcode", "The field Barcode must be an object.")
        }
    }

    private mutating func checkLine(_ line: JSONValue, path: String) {
        guard case .object(let line) = line else { return bad(path, "An order line must be an object.") }
        string(line["name"], "\(path).name", required: true)
        string(line["id"], "\(path).id", required: true)
        for name in ["totalAmount", "totalAmountExcludingTax", "totalTaxAmount"] {
            integer(line[name], "\(path).\(name)", required: true, in: Int64.min...Int64.max)
        }
        // Newer clients send taxRate (hundredths of a percent) instead of the older taxPercentage.
        let hasPercentage = line["taxPercentage"].map { $0 != .null } ?? false
        let hasRate = line["taxRate"].map { $0 != .null } ?? false
        if !hasPercentage && !hasRate {
            bad("\(path).taxPercentage", "Either TaxPercentage or TaxRate must be set.")
        }
        integer(line["taxPercentage"], "\(path).taxPercentage", required: false, in: 0...100)
        integer(line["taxRate"], "\(path).taxRate", required: false, in: 0...10_000)
        integer(line["discount"], "\(path).discount", required: false, in: 0...Int64.max)
        string(line["productUrl"], "\(path).productUrl", required: false)
        for name in ["isReturn", "isShipping"] {
            switch line[name] {
            case nil, .null?, .bool?: break
            default: bad("\(path).\(name)", "The field must be a boolean.")
            }
        }
        switch line["unitInfo"] {
        case nil, .null?: break
        case .object(let unit)?:
            integer(unit["unitPrice"], "\(path).unitInfo.unitPrice", required: false, in: 0...Int64.max)
            switch unit["quantity"] {
            case .string(let quantity)? where Self.isQuantity(quantity): break
            default: bad("\(path).unitInfo.quantity", "The field Quantity must match '^\\d+([\\.]\\d{1,8})?$'.")
            }
            member(unit["quantityUnit"], of: Self.quantityUnits, "\(path).unitInfo.quantityUnit", required: false)
        default: bad("\(path).unitInfo", "The field UnitInfo must be an object.")
        }
    }

    /// `^\d+([\.]\d{1,8})?$`, at most 10 characters.
    static func isQuantity(_ text: String) -> Bool {
        guard text.count <= 10 else { return false }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let digits: (Substring) -> Bool = { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        switch parts.count {
        case 1: return digits(parts[0])
        case 2: return digits(parts[0]) && digits(parts[1]) && parts[1].count <= 8
        default: return false
        }
    }

    /// A string from a fixed set (an enum of the schema).
    private mutating func member(_ value: JSONValue?, of allowed: Set<String>, _ path: String, required: Bool) {
        switch value {
        case .string(let text)? where allowed.contains(text): break
        case nil, .null?: if required { bad(path, "The field is required.") }
        default: bad(path, "The field must be one of \(allowed.sorted().joined(separator: ", ")).")
        }
    }

    private mutating func string(_ value: JSONValue?, _ path: String, required: Bool) {
        switch value {
        case .string?: break
        case nil, .null?: if required { bad(path, "The field is required.") }
        default: bad(path, "The field must be a string.")
        }
    }

    private mutating func integer(_ value: JSONValue?, _ path: String, required: Bool, in range: ClosedRange<Int64>) {
        switch value {
        case .integer(let number)? where range.contains(number): break
        case .integer?: bad(path, "The field is out of range (\(range.lowerBound)…\(range.upperBound)).")
        case nil, .null?: if required { bad(path, "The field is required.") }
        default: bad(path, "The field must be an integer.")
        }
    }
}
