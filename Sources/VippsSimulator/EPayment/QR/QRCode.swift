import CQRencode
import Foundation

/// A QR code symbol: a square of dark and light modules, encoded by libqrencode. Rendered as SVG or
/// PNG by the QR image route; what a customer's phone scans is the text it was made from.
struct QRCode: Sendable, Equatable {
    /// Modules per side, without the quiet zone.
    let width: Int
    /// Row by row, `true` for a dark module.
    let modules: [Bool]

    /// The quiet zone a reader needs around the symbol, in modules (the standard asks for four).
    static let quietZone = 4

    /// `nil` when libqrencode refuses the text (too long for any QR version, or out of memory).
    init?(_ text: String) {
        // Byte mode: URLs are case-sensitive, and byte mode keeps every character as it is.
        guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard width > 0, let data = code.pointee.data else { return nil }
        // Bit 0 of each byte is the module's colour; the other bits say what the module is for.
        let bytes = UnsafeBufferPointer(start: data, count: width * width)
        self.width = width
        modules = bytes.map { $0 & 1 == 1 }
    }

    /// Whether the module at (x, y) of the symbol plus its quiet zone is dark.
    func isDark(x: Int, y: Int) -> Bool {
        let x = x - Self.quietZone
        let y = y - Self.quietZone
        guard (0..<width).contains(x), (0..<width).contains(y) else { return false }
        return modules[y * width + x]
    }

    /// Modules per side, quiet zone included.
    var sizeWithQuietZone: Int { width + 2 * Self.quietZone }

    /// An SVG of one path, one unit per module, scaled by the viewer: one rectangle per run of dark
    /// modules in a row keeps the file small.
    func svg() -> String {
        let size = sizeWithQuietZone
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                let start = x
                while x < size, isDark(x: x, y: y) { x += 1 }
                path += "M\(start) \(y)h\(x - start)v1h-\(x - start)z"
            }
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(size) \(size)" width="\(size * 8)" \
            height="\(size * 8)" shape-rendering="crispEdges">\
            <rect width="\(size)" height="\(size)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>

            """
    }

    /// A greyscale PNG of `pixels` × `pixels` (at least one pixel per module: a smaller size is
    /// raised to that).
    func png(pixels requested: Int) -> Data {
        let size = sizeWithQuietZone
        let pixels = max(requested, size)
        var rows = Data(capacity: pixels * (pixels + 1))
        for py in 0..<pixels {
            rows.append(0)  // filter type None
            let y = py * size / pixels
            for px in 0..<pixels {
                rows.append(isDark(x: px * size / pixels, y: y) ? 0x00 : 0xFF)
            }
        }
        return PNGImage.greyscale(width: pixels, height: pixels, filteredRows: rows)
    }
}
