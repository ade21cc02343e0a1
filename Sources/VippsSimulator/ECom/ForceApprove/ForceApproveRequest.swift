/// The force approve body (`ForceApproveRequest`): `{"customerPhoneNumber":"91234567","token":"…"}`.
struct ForceApproveRequest: Decodable {
    var customerPhoneNumber: String?
    var token: String?
}
