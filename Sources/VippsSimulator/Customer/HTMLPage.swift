import Hummingbird

/// One server-rendered page of the user's side: a small layout with inline CSS and no JavaScript, so
/// that it works in any browser and in plain HTTP tests. `body` must already be escaped.
struct HTMLPage {
    let title: String
    let body: String
    /// Seconds after which the browser reloads the page (`<meta http-equiv="refresh">`): the landing
    /// page's way of noticing the user's decision without JavaScript.
    var refreshSeconds: Int?

    static let contentType = "text/html; charset=utf-8"

    private static let style = """
        body{font-family:system-ui,-apple-system,sans-serif;background:#f4f1fa;color:#222;margin:0}
        main{max-width:26rem;margin:2rem auto;background:#fff;border-radius:1rem;padding:1.5rem;box-shadow:0 2px 8px #0002}
        h1{color:#ff5b24;font-size:1.4rem;margin-top:0}.amount{font-size:2rem;font-weight:700}
        .muted{color:#666}.error{color:#b00020}.request{border-top:1px solid #ddd;padding-top:1rem;margin-top:1rem}
        input[type=tel]{font-size:1.2rem;padding:.4rem;width:10rem}label{display:block;margin:.3rem 0}
        button{font-size:1rem;padding:.5rem 1.2rem;border-radius:2rem;border:0;margin:.3rem .3rem 0 0;cursor:pointer}
        .approve{background:#ff5b24;color:#fff}.reject{background:#eee}form.inline{display:inline}
        """

    func response(status: HTTPResponse.Status = .ok) -> Response {
        let refresh = refreshSeconds.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">" } ?? ""
        let html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width,initial-scale=1">\(refresh)
            <title>\(HTML.escape(title))</title><style>\(Self.style)</style></head>
            <body><main>
            \(body)
            <p class="muted"><small>vipps-sim \(SimulatorVersion.current): a simulator, no money moves.</small></p>
            </main></body></html>
            """
        return Response(
            status: status,
            headers: [.contentType: Self.contentType, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html))
        )
    }

    /// A page that only says what went wrong.
    static func error(_ status: HTTPResponse.Status, title: String, message: String, backLink: String? = nil)
        -> Response
    {
        let back = backLink.map { "<p><a href=\"\(HTML.escape($0))\">Back</a></p>" } ?? ""
        return HTMLPage(
            title: title, body: "<h1>\(HTML.escape(title))</h1><p class=\"error\">\(HTML.escape(message))</p>\(back)"
        )
        .response(status: status)
    }

    /// 303 See Other: after a form post, and the landing page's way to the shop's fallBack.
    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}

/// Escaping for the user-side pages: every value that reaches a page goes through `escape`, since
/// transaction texts, orderIds and URLs all come from the merchant.
enum HTML {
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// An amount in øre as the app shows it: `kr 200,00`.
    static func amount(_ ore: Int) -> String {
        let sign = ore < 0 ? "-" : ""
        let value = abs(ore)
        let fraction = value % 100
        return "kr \(sign)\(value / 100),\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// NOK as the shop sends shipping costs (`99`, `99.5`), shown like `amount`.
    static func amount(nok: Double) -> String {
        amount(Int((nok * 100).rounded()))
    }
}
