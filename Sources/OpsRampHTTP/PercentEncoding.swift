/// Percent-encoding that leaves only RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) as they are.
///
/// Everything else is escaped, so a value can never add a path segment (`/`), a query
/// parameter (`&`, `=`), or, in OpsRamp's `queryString`, a pair separator: `+` goes out as
/// `%2B` and a space as `%20`. (`URLQueryItem` leaves `+` alone, which OpsRamp would read as a space.)
public enum PercentEncoding {
    public static func encode(_ text: String) -> String {
        let utf8 = text.utf8
        // The common case (ids, path words, numbers) needs no escape: no copy at all.
        guard let first = utf8.firstIndex(where: { !isUnreserved($0) }) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count + 16)
        output.append(contentsOf: utf8[..<first])
        for byte in utf8[first...] {
            if isUnreserved(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hex(byte >> 4))
                output.append(hex(byte & 0x0F))
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `application/x-www-form-urlencoded` body from ordered pairs.
    public static func form(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func hex(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10
    }
}
