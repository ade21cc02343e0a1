import CVipps
import Glibc
import VippsCore

// The shop's side: verifying and reading what Vipps sends to the shop's web server.

/// A `vipps_callback`, with C copies of every text field (nil stays NULL).
final class CallbackHandle {
    let callback: PaymentCallback
    private var strings: [String: OwnedCString] = [:]

    init(_ callback: PaymentCallback) {
        self.callback = callback
        let fields: [(String, String?)] = [
            ("orderId", callback.orderId), ("msn", callback.merchantSerialNumber), ("status", callback.status),
            ("transactionId", callback.transactionId), ("timestamp", callback.timestamp),
            ("shippingMethodId", callback.shippingMethodId), ("shippingMethod", callback.shippingMethod),
            ("line1", callback.address?.line1), ("line2", callback.address?.line2), ("city", callback.address?.city),
            ("postCode", callback.address?.postCode), ("country", callback.address?.country),
            ("firstName", callback.firstName), ("lastName", callback.lastName), ("email", callback.email),
            ("phone", callback.phoneNumber), ("userId", callback.userId), ("errorGroup", callback.errorGroup),
            ("errorCode", callback.errorCode), ("errorMessage", callback.errorMessage), ("json", callback.json),
        ]
        for (name, value) in fields {
            if let value { strings[name] = OwnedCString(value) }
        }
    }

    func string(_ name: String) -> UnsafePointer<CChar>? { strings[name]?.unsafePointer }
}

@c @implementation
public func vipps_callback_verify(_ expected: UnsafePointer<CChar>?, _ header: UnsafePointer<CChar>?) -> vipps_status {
    abiCall { () throws(VippsError) in
        try Callbacks.verifyAuthorization(
            expected: try CInput.string(expected, "expected_auth_token"),
            header: try? CInput.optionalString(header, "authorization_header"))
    }
}

@c @implementation
public func vipps_callback_parse(_ body: UnsafePointer<CChar>?, _ out: UnsafeMutablePointer<OpaquePointer?>?)
    -> vipps_status
{
    abiCall { () throws(VippsError) in
        let out = try clearOut(out)
        let text = try CInput.string(body, "body")
        out.pointee = Handles.export(CallbackHandle(try PaymentCallback.parse(Array(text.utf8))), as: .callback)
    }
}

private func callback(_ pointer: OpaquePointer?) -> CallbackHandle? {
    Handles.lookup(pointer, CallbackHandle.self, kind: .callback)
}

@c @implementation
public func vipps_callback_order_id(_ c: OpaquePointer?) -> UnsafePointer<CChar>? { callback(c)?.string("orderId") }
@c @implementation
public func vipps_callback_merchant_serial_number(_ c: OpaquePointer?) -> UnsafePointer<CChar>? {
    callback(c)?.string("msn")
}
@c @implementation
public func vipps_callback_status(_ c: OpaquePointer?) -> UnsafePointer<CChar>? { callback(c)?.string("status") }
@c @implementation
public func vipps_callback_state(_ c: OpaquePointer?) -> vipps_state { callback(c)?.callback.state.rawValue ?? 0 }
@c @implementation
public func vipps_callback_amount(_ c: OpaquePointer?) -> Int64 { callback(c)?.callback.amount ?? 0 }
@c @implementation
public func vipps_callback_transaction_id(_ c: OpaquePointer?) -> UnsafePointer<CChar>? {
    callback(c)?.string("transactionId")
}
@c @implementation
public func vipps_callback_timestamp(_ c: OpaquePointer?) -> UnsafePointer<CChar>? { callback(c)?.string("timestamp") }
@c @implementation
public func vipps_callback_is_express(_ c: OpaquePointer?) -> Int32 { callback(c)?.callback.isExpress == true ? 1 : 0 }
@c @implementation
public func vipps_callback_shipping_method_id(_ c: OpaquePointer?) -> UnsafePointer<CChar>? {
    callback(c)?.string("shippingMethodId")
}
@c @implementation
public func vipps_callback_shipping_method(_ c: OpaquePointer?) -> UnsafePointer<CChar>? {
    callback(c)?.string("shippingMethod")
}
@c @implementation
public func vipps_callback_shipping_cost(_ c: OpaquePointer?) -> Int64 { callback(c)?.callback.shippingCostInOre ?? 0 }
@c @implementation
public func vipps_callback_address_line1(_ c: OpaquePointer?) -> UnsafePointer<CChar>? { callback(c)?.string("line1") }
@c @implementation
public func vipps_callback_address_line2(_ c: OpaquePointer?) -> UnsafePointer<CChar>? { callback(c)?.string("line2") }
@c @implementation
public func vipps_callback_city(_ c: OpaquePointer?) -> UnsafePointer<CChar>? { callback(c)?.string("city") }
@c @implementation
public func vipps_callback_post_code(_ c: OpaquePointer?) -> UnsafePointer<CChar>? { callback(c)?.string("postCode") }
@c @implementation
public func vipps_callback_country(_ c: OpaquePointer?) -> UnsafePointer<CChar>? { callback(c)?.string("country") }
@c @implementation
public func vipps_callback_first_name(_ c: OpaquePointer?) -> UnsafePointer<CChar>? { callback(c)?.string("firstName") }
@c @implementation
public func vipps_callback_last_name(_ c: OpaquePointer?) -> UnsafePointer<CChar>? { callback(c)?.string("lastName") }
@c @implementation
public func vipps_callback_email(_ c: OpaquePointer?) -> UnsafePointer<CChar>? { callback(c)?.string("email") }
@c @implementation
public func vipps_callback_phone_number(_ c: OpaquePointer?) -> UnsafePointer<CChar>? { callback(c)?.string("phone") }
@c @implementation
public func vipps_callback_user_id(_ c: OpaquePointer?) -> UnsafePointer<CChar>? { callback(c)?.string("userId") }
@c @implementation
public func vipps_callback_error_group(_ c: OpaquePointer?) -> UnsafePointer<CChar>? {
    callback(c)?.string("errorGroup")
}
@c @implementation
public func vipps_callback_error_code(_ c: OpaquePointer?) -> UnsafePointer<CChar>? { callback(c)?.string("errorCode") }
@c @implementation
public func vipps_callback_error_message(_ c: OpaquePointer?) -> UnsafePointer<CChar>? {
    callback(c)?.string("errorMessage")
}
@c @implementation
public func vipps_callback_json(_ c: OpaquePointer?) -> UnsafePointer<CChar>? { callback(c)?.string("json") }
@c @implementation
public func vipps_callback_free(_ c: OpaquePointer?) { Handles.release(c, kind: .callback) }

/// A `vipps_shipping_request` with C copies of its strings.
final class ShippingRequestHandle {
    let request: ShippingDetailsRequest
    let line1, city, postCode, country, addressType: OwnedCString
    let line2: OwnedCString?

    init(_ request: ShippingDetailsRequest) {
        self.request = request
        line1 = OwnedCString(request.addressLine1)
        line2 = OwnedCString(request.addressLine2)
        city = OwnedCString(request.city)
        postCode = OwnedCString(request.postCode)
        country = OwnedCString(request.country)
        addressType = OwnedCString(request.addressType)
    }
}

@c @implementation
public func vipps_shipping_request_parse(_ body: UnsafePointer<CChar>?, _ out: UnsafeMutablePointer<OpaquePointer?>?)
    -> vipps_status
{
    abiCall { () throws(VippsError) in
        let out = try clearOut(out)
        let text = try CInput.string(body, "body")
        out.pointee = Handles.export(
            ShippingRequestHandle(try ShippingDetailsRequest.parse(Array(text.utf8))),
            as: .shippingRequest)
    }
}

private func shippingRequest(_ pointer: OpaquePointer?) -> ShippingRequestHandle? {
    Handles.lookup(pointer, ShippingRequestHandle.self, kind: .shippingRequest)
}

@c @implementation
public func vipps_shipping_request_address_id(_ r: OpaquePointer?) -> Int64 {
    shippingRequest(r)?.request.addressId ?? 0
}
@c @implementation
public func vipps_shipping_request_address_line1(_ r: OpaquePointer?) -> UnsafePointer<CChar>? {
    shippingRequest(r)?.line1.unsafePointer
}
@c @implementation
public func vipps_shipping_request_address_line2(_ r: OpaquePointer?) -> UnsafePointer<CChar>? {
    shippingRequest(r)?.line2?.unsafePointer
}
@c @implementation
public func vipps_shipping_request_city(_ r: OpaquePointer?) -> UnsafePointer<CChar>? {
    shippingRequest(r)?.city.unsafePointer
}
@c @implementation
public func vipps_shipping_request_post_code(_ r: OpaquePointer?) -> UnsafePointer<CChar>? {
    shippingRequest(r)?.postCode.unsafePointer
}
@c @implementation
public func vipps_shipping_request_country(_ r: OpaquePointer?) -> UnsafePointer<CChar>? {
    shippingRequest(r)?.country.unsafePointer
}
@c @implementation
public func vipps_shipping_request_address_type(_ r: OpaquePointer?) -> UnsafePointer<CChar>? {
    shippingRequest(r)?.addressType.unsafePointer
}
@c @implementation
public func vipps_shipping_request_free(_ r: OpaquePointer?) { Handles.release(r, kind: .shippingRequest) }

/// A `vipps_shipping_response` being built.
final class ShippingResponseHandle {
    var response: ShippingDetailsResponse
    init(_ response: ShippingDetailsResponse) { self.response = response }
}

private func shippingResponse(_ pointer: OpaquePointer?) throws(VippsError) -> ShippingResponseHandle {
    guard let handle = Handles.lookup(pointer, ShippingResponseHandle.self, kind: .shippingResponse) else {
        throw .invalidArgument(
            "response", pointer == nil ? "must not be NULL" : "is not a live vipps_shipping_response")
    }
    return handle
}

@c @implementation
public func vipps_shipping_response_new(
    _ addressId: Int64, _ orderId: UnsafePointer<CChar>?,
    _ out: UnsafeMutablePointer<OpaquePointer?>?
) -> vipps_status {
    abiCall { () throws(VippsError) in
        let out = try clearOut(out)
        let response = try ShippingDetailsResponse(
            addressId: addressId, orderId: try CInput.string(orderId, "order_id"))
        out.pointee = Handles.export(ShippingResponseHandle(response), as: .shippingResponse)
    }
}

@c @implementation
public func vipps_shipping_response_add_option(
    _ response: OpaquePointer?, _ methodId: UnsafePointer<CChar>?,
    _ method: UnsafePointer<CChar>?, _ cost: Int64, _ isDefault: Int32,
    _ priority: Int32
) -> vipps_status {
    abiCall { () throws(VippsError) in
        let handle = try shippingResponse(response)
        try handle.response.add(
            ShippingOption(
                methodId: try CInput.string(methodId, "method_id"),
                method: try CInput.string(method, "method"), costInOre: cost,
                isDefault: isDefault != 0, priority: priority))
    }
}

@c @implementation
public func vipps_shipping_response_encode(
    _ response: OpaquePointer?, _ jsonOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> vipps_status {
    abiCall { () throws(VippsError) in
        guard let jsonOut else { throw .invalidArgument("json_out", "must not be NULL") }
        jsonOut.pointee = nil
        jsonOut.pointee = strdup(try shippingResponse(response).response.json())
    }
}

// Programs built against 0.2.0 call it: the string was the caller's then too.
@c @implementation
public func vipps_shipping_response_json(
    _ response: OpaquePointer?, _ jsonOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> vipps_status {
    vipps_shipping_response_encode(response, jsonOut)
}

@c @implementation
public func vipps_shipping_response_free(_ response: OpaquePointer?) {
    Handles.release(response, kind: .shippingResponse)
}

@c @implementation
public func vipps_consent_removal_user_id(
    _ path: UnsafePointer<CChar>?,
    _ userIdOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> vipps_status {
    abiCall { () throws(VippsError) in
        guard let userIdOut else { throw .invalidArgument("user_id_out", "must not be NULL") }
        userIdOut.pointee = nil
        userIdOut.pointee = strdup(try Callbacks.consentRemovalUserId(path: try CInput.string(path, "request_path")))
    }
}

@c @implementation
public func vipps_string_free(_ string: UnsafeMutablePointer<CChar>?) {
    free(string)
}
