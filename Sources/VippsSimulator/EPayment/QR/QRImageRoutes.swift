import Foundation
import Hummingbird

/// `GET /qr/v1?token=…`, the `redirectUrl` of a QR payment: the one-time QR code a shop shows its
/// customer, as SVG or PNG (the create's `qrFormat`). It encodes the payment's landing URL, the page
/// a scanning phone opens; there the customer enters the number whose phone page then approves.
/// No authentication: the shop's screen loads it like any image.
struct QRImageRoutes {
    static let path = "/qr/v1"

    let store: PaymentStore
    let publicBaseURL: PublicBaseURL

    static func url(baseURL: String, landingToken: String) -> String {
        "\(baseURL)\(path)?token=\(landingToken)"
    }

    func add(to router: Router<SimulatorRequestContext>) {
        router.get(RouterPath(Self.path)) { request, _ in image(request) }
    }

    private func image(_ request: Request) -> Response {
        guard let token = request.uri.queryParameters["token"].map(String.init),
            let payment = store.payment(landingToken: token), let facts = payment.ePayment,
            let format = facts.qrFormat, format != .targetURL
        else {
            return HTMLPage.error(.notFound, title: "Unknown QR code", message: "This QR code link is not valid.")
        }
        // One-time: once the customer decided (or the payment expired) there is nothing left to scan.
        guard payment.isAwaitingUser else {
            return HTMLPage.error(.gone, title: "QR code used", message: "This payment is no longer waiting.")
        }
        let target = LandingURL.make(baseURL: publicBaseURL.current, landingToken: token, isApp: false)
        guard let code = QRCode(target) else {
            return HTMLPage.error(.internalServerError, title: "No QR code", message: "The target URL is too long.")
        }
        let body: ByteBuffer
        switch format {
        case .png: body = ByteBuffer(bytes: code.png(pixels: facts.qrSize ?? QRFormat.defaultPNGSize))
        case .svg, .targetURL: body = ByteBuffer(string: code.svg())
        }
        return Response(
            status: .ok,
            headers: [.contentType: format == .png ? "image/png" : "image/svg+xml", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: body)
        )
    }
}
