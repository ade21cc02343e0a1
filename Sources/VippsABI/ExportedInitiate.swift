import CVipps
import VippsCore

/// A `vipps_initiate_params`: the fields of a payment to initiate.
final class InitiateParamsHandle {
    var request = InitiatePaymentRequest()
}

/// A `vipps_initiation`: Vipps' answer, with C copies of its strings.
final class InitiationHandle {
    let orderId: OwnedCString
    let url: OwnedCString
    let token: OwnedCString?
    let json: OwnedCString
    let idempotencyKey: OwnedCString?

    init(_ initiation: PaymentInitiation) {
        idempotencyKey = OwnedCString(initiation.idempotencyKey)
        orderId = OwnedCString(initiation.orderId)
        url = OwnedCString(initiation.url)
        token = OwnedCString(initiation.landingToken)
        json = OwnedCString(initiation.json)
    }
}

private func paramsHandle(_ pointer: OpaquePointer?) throws(VippsError) -> InitiateParamsHandle {
    guard let handle = Handles.lookup(pointer, InitiateParamsHandle.self, kind: .initiateParams) else {
        throw .invalidArgument("params", pointer == nil ? "must not be NULL" : "is not a live vipps_initiate_params")
    }
    return handle
}

/// Sets one field: the value is checked by the same rule `vipps_payment_initiate` applies.
private func setField(
    _ pointer: OpaquePointer?, _ value: UnsafePointer<CChar>?, _ name: String,
    _ apply: (inout InitiatePaymentRequest, String) throws(VippsError) -> Void
) -> vipps_status {
    abiCall { () throws(VippsError) in
        let handle = try paramsHandle(pointer)
        let text = try CInput.string(value, name)
        var updated = handle.request
        try apply(&updated, text)
        handle.request = updated
    }
}

@c @implementation
public func vipps_initiate_params_new(_ out: UnsafeMutablePointer<OpaquePointer?>?) -> vipps_status {
    abiCall { () throws(VippsError) in
        let out = try clearOut(out)
        out.pointee = Handles.export(InitiateParamsHandle(), as: .initiateParams)
    }
}

@c @implementation
public func vipps_initiate_params_free(_ params: OpaquePointer?) {
    Handles.release(params, kind: .initiateParams)
}

@c @implementation
public func vipps_initiate_params_set_order_id(_ params: OpaquePointer?, _ orderId: UnsafePointer<CChar>?)
    -> vipps_status
{
    setField(params, orderId, "order_id") { (request, value) throws(VippsError) in try request.setOrderId(value) }
}

@c @implementation
public func vipps_initiate_params_set_amount(_ params: OpaquePointer?, _ amount: Int64) -> vipps_status {
    abiCall { () throws(VippsError) in
        try paramsHandle(params).request.setAmount(amount)
    }
}

@c @implementation
public func vipps_initiate_params_set_transaction_text(_ params: OpaquePointer?, _ text: UnsafePointer<CChar>?)
    -> vipps_status
{
    setField(params, text, "transaction_text") { (request, value) throws(VippsError) in
        try request.setTransactionText(value)
    }
}

@c @implementation
public func vipps_initiate_params_set_callback_prefix(_ params: OpaquePointer?, _ url: UnsafePointer<CChar>?)
    -> vipps_status
{
    setField(params, url, "callback_prefix") { (request, value) throws(VippsError) in
        try request.setCallbackPrefix(value)
    }
}

@c @implementation
public func vipps_initiate_params_set_fallback_url(_ params: OpaquePointer?, _ url: UnsafePointer<CChar>?)
    -> vipps_status
{
    setField(params, url, "fallback_url") { (request, value) throws(VippsError) in try request.setFallbackURL(value) }
}

@c @implementation
public func vipps_initiate_params_set_phone_number(_ params: OpaquePointer?, _ phone: UnsafePointer<CChar>?)
    -> vipps_status
{
    setField(params, phone, "phone_number") { (request, value) throws(VippsError) in try request.setPhoneNumber(value) }
}

@c @implementation
public func vipps_initiate_params_set_auth_token(_ params: OpaquePointer?, _ token: UnsafePointer<CChar>?)
    -> vipps_status
{
    setField(params, token, "auth_token") { (request, value) throws(VippsError) in try request.setAuthToken(value) }
}

@c @implementation
public func vipps_payment_initiate(
    _ client: OpaquePointer?, _ params: OpaquePointer?,
    _ out: UnsafeMutablePointer<OpaquePointer?>?
) -> vipps_status {
    clientCall(client, out: out) { (client) throws(VippsError) in
        let out = try clearOut(out)
        let request = try paramsHandle(params).request
        let initiation = try client.initiatePayment(request)
        out.pointee = Handles.export(InitiationHandle(initiation), as: .initiation)
    }
}

private func initiationHandle(_ pointer: OpaquePointer?) -> InitiationHandle? {
    Handles.lookup(pointer, InitiationHandle.self, kind: .initiation)
}

@c @implementation
public func vipps_initiation_order_id(_ initiation: OpaquePointer?) -> UnsafePointer<CChar>? {
    initiationHandle(initiation)?.orderId.unsafePointer
}

@c @implementation
public func vipps_initiation_url(_ initiation: OpaquePointer?) -> UnsafePointer<CChar>? {
    initiationHandle(initiation)?.url.unsafePointer
}

@c @implementation
public func vipps_initiation_token(_ initiation: OpaquePointer?) -> UnsafePointer<CChar>? {
    initiationHandle(initiation)?.token?.unsafePointer
}

@c @implementation
public func vipps_initiation_json(_ initiation: OpaquePointer?) -> UnsafePointer<CChar>? {
    initiationHandle(initiation)?.json.unsafePointer
}

@c @implementation
public func vipps_initiation_free(_ initiation: OpaquePointer?) {
    Handles.release(initiation, kind: .initiation)
}

/// Sets a flag field (C `int`: 0 false, anything else true).
private func setFlag(_ pointer: OpaquePointer?, _ apply: (inout InitiatePaymentRequest) -> Void) -> vipps_status {
    abiCall { () throws(VippsError) in
        let handle = try paramsHandle(pointer)
        apply(&handle.request)
    }
}

@c @implementation
public func vipps_initiate_params_set_express(_ params: OpaquePointer?, _ express: Int32) -> vipps_status {
    setFlag(params) { $0.isExpress = express != 0 }
}

@c @implementation
public func vipps_initiate_params_set_shipping_details_prefix(_ params: OpaquePointer?, _ url: UnsafePointer<CChar>?)
    -> vipps_status
{
    setField(params, url, "shipping_details_prefix") { (request, value) throws(VippsError) in
        try request.setShippingDetailsPrefix(value)
    }
}

@c @implementation
public func vipps_initiate_params_set_consent_removal_prefix(_ params: OpaquePointer?, _ url: UnsafePointer<CChar>?)
    -> vipps_status
{
    setField(params, url, "consent_removal_prefix") { (request, value) throws(VippsError) in
        try request.setConsentRemovalPrefix(value)
    }
}

@c @implementation
public func vipps_initiate_params_add_static_shipping_option(
    _ params: OpaquePointer?, _ methodId: UnsafePointer<CChar>?,
    _ method: UnsafePointer<CChar>?, _ cost: Int64,
    _ isDefault: Int32, _ priority: Int32
) -> vipps_status {
    abiCall { () throws(VippsError) in
        let handle = try paramsHandle(params)
        let option = ShippingOption(
            methodId: try CInput.string(methodId, "method_id"),
            method: try CInput.string(method, "method"), costInOre: cost,
            isDefault: isDefault != 0, priority: priority)
        try handle.request.addStaticShippingOption(option)
    }
}

@c @implementation
public func vipps_initiate_params_set_is_app(_ params: OpaquePointer?, _ isApp: Int32) -> vipps_status {
    setFlag(params) { $0.isApp = isApp != 0 }
}

@c @implementation
public func vipps_initiate_params_set_skip_landing_page(_ params: OpaquePointer?, _ skip: Int32) -> vipps_status {
    setFlag(params) { $0.skipLandingPage = skip != 0 }
}

@c @implementation
public func vipps_initiate_params_set_scope(_ params: OpaquePointer?, _ scope: UnsafePointer<CChar>?) -> vipps_status {
    setField(params, scope, "scope") { (request, value) throws(VippsError) in try request.setScope(value) }
}

@c @implementation
public func vipps_initiate_params_set_currency(_ params: OpaquePointer?, _ currency: UnsafePointer<CChar>?)
    -> vipps_status
{
    setField(params, currency, "currency") { (request, value) throws(VippsError) in
        guard let chosen = Currency(rawValue: value) else {
            throw .invalidArgument("currency", "must be NOK, DKK or EUR")
        }
        request.currency = chosen
    }
}

@c @implementation
public func vipps_initiate_params_set_user_flow(_ params: OpaquePointer?, _ flow: UnsafePointer<CChar>?)
    -> vipps_status
{
    setField(params, flow, "user_flow") { (request, value) throws(VippsError) in
        guard let chosen = UserFlow(rawValue: value) else {
            throw .invalidArgument("user_flow", "must be WEB_REDIRECT, NATIVE_REDIRECT, PUSH_MESSAGE or QR")
        }
        request.userFlow = chosen
    }
}

@c @implementation
public func vipps_initiate_params_set_customer_phone_number(_ params: OpaquePointer?, _ msisdn: UnsafePointer<CChar>?)
    -> vipps_status
{
    setField(params, msisdn, "customer_phone_number") { (request, value) throws(VippsError) in
        try request.setCustomerMSISDN(value)
    }
}

@c @implementation
public func vipps_initiate_params_set_idempotency_key(_ params: OpaquePointer?, _ key: UnsafePointer<CChar>?)
    -> vipps_status
{
    setField(params, key, "idempotency_key") { (request, value) throws(VippsError) in
        try request.setIdempotencyKey(value)
    }
}

@c @implementation
public func vipps_initiation_idempotency_key(_ initiation: OpaquePointer?) -> UnsafePointer<CChar>? {
    initiationHandle(initiation)?.idempotencyKey?.unsafePointer
}

@c @implementation
public func vipps_initiate_params_set_expires_at(_ params: OpaquePointer?, _ time: UnsafePointer<CChar>?)
    -> vipps_status
{
    setField(params, time, "expires_at") { (request, value) throws(VippsError) in try request.setExpiresAt(value) }
}

@c @implementation
public func vipps_initiate_params_add_receipt_line(
    _ params: OpaquePointer?, _ id: UnsafePointer<CChar>?, _ name: UnsafePointer<CChar>?, _ totalAmount: Int64,
    _ totalAmountExcludingTax: Int64, _ totalTaxAmount: Int64, _ taxRate: Int32, _ isShipping: Int32
) -> vipps_status {
    abiCall { () throws(VippsError) in
        let handle = try paramsHandle(params)
        let line = ReceiptLine(
            id: try CInput.string(id, "receipt_line_id"), name: try CInput.string(name, "receipt_line_name"),
            totalAmount: totalAmount, totalAmountExcludingTax: totalAmountExcludingTax,
            totalTaxAmount: totalTaxAmount, taxRate: taxRate, isShipping: isShipping != 0)
        try handle.request.addReceiptLine(line)
    }
}

@c @implementation
public func vipps_initiate_params_set_receipt_bottom_line(
    _ params: OpaquePointer?, _ tipAmount: Int64, _ posId: UnsafePointer<CChar>?,
    _ receiptNumber: UnsafePointer<CChar>?
) -> vipps_status {
    abiCall { () throws(VippsError) in
        let handle = try paramsHandle(params)
        let bottomLine = ReceiptBottomLine(
            tipAmount: tipAmount, posId: try CInput.optionalString(posId, "receipt_pos_id"),
            receiptNumber: try CInput.optionalString(receiptNumber, "receipt_number"))
        try handle.request.setReceiptBottomLine(bottomLine)
    }
}

@c @implementation
public func vipps_initiate_params_set_customer_personal_qr(_ params: OpaquePointer?, _ qr: UnsafePointer<CChar>?)
    -> vipps_status
{
    setField(params, qr, "customer_personal_qr") { (request, value) throws(VippsError) in
        try request.setCustomerPersonalQr(value)
    }
}

@c @implementation
public func vipps_initiate_params_set_customer_token(_ params: OpaquePointer?, _ token: UnsafePointer<CChar>?)
    -> vipps_status
{
    setField(params, token, "customer_token") { (request, value) throws(VippsError) in
        try request.setCustomerToken(value)
    }
}

@c @implementation
public func vipps_initiate_params_set_qr_format(
    _ params: OpaquePointer?, _ format: UnsafePointer<CChar>?, _ size: Int32
)
    -> vipps_status
{
    setField(params, format, "qr_format") { (request, value) throws(VippsError) in
        guard let chosen = QRFormat(rawValue: value) else {
            throw .invalidArgument("qr_format", "must be IMAGE/SVG+XML, IMAGE/PNG or TEXT/TARGETURL")
        }
        try request.setQRFormat(chosen, size: size)
    }
}
