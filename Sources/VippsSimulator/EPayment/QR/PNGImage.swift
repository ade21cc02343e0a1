import Foundation

/// The smallest correct PNG writer for the QR image: 8-bit greyscale, one IDAT chunk holding a zlib
/// stream of stored (uncompressed) deflate blocks. A QR image is mostly runs of two values, so
/// compressing would shrink it a lot, but the simulator runs on loopback and needs no zlib for it.
enum PNGImage {
    /// `filteredRows`: each row as PNG wants it, a filter-type byte and then the row's pixels.
    static func greyscale(width: Int, height: Int, filteredRows: Data) -> Data {
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = Data()
        header.appendBigEndian(UInt32(clamping: width))
        header.appendBigEndian(UInt32(clamping: height))
        // Bit depth 8, colour type 0 (greyscale), deflate, adaptive filtering, no interlace.
        header.append(contentsOf: [8, 0, 0, 0, 0])
        png.appendChunk("IHDR", header)
        png.appendChunk("IDAT", zlibStored(filteredRows))
        png.appendChunk("IEND", Data())
        return png
    }

    /// A zlib stream (RFC 1950) of deflate blocks of type "stored" (RFC 1951, section 3.2.4).
    static func zlibStored(_ data: Data) -> Data {
        var out = Data([0x78, 0x01])
        let blockSize = 65_535
        var offset = data.startIndex
        repeat {
            let end = min(offset + blockSize, data.endIndex)
            let length = UInt16(clamping: end - offset)
            out.append(end == data.endIndex ? 1 : 0)
            out.append(UInt8(truncatingIfNeeded: length))
            out.append(UInt8(truncatingIfNeeded: length >> 8))
            out.append(UInt8(truncatingIfNeeded: ~length))
            out.append(UInt8(truncatingIfNeeded: ~length >> 8))
            out.append(data[offset..<end])
            offset = end
        } while offset < data.endIndex
        out.appendBigEndian(adler32(data))
        return out
    }

    static func adler32(_ data: Data) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }

    static let crcTable: [UInt32] = (0..<256).map { (n: UInt32) in
        var c = n
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32<S: Sequence>(_ bytes: S) -> UInt32 where S.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

extension Data {
    fileprivate mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) })
    }

    fileprivate mutating func appendChunk(_ type: String, _ body: Data) {
        appendBigEndian(UInt32(clamping: body.count))
        let typed = Data(type.utf8) + body
        append(typed)
        appendBigEndian(PNGImage.crc32(typed))
    }
}
