/// Substring search on UTF-8 bytes, for the settings read at start-up: Foundation's `range(of:)`
/// bridges through NSString to CoreFoundation's string search, whose code every start would
/// otherwise page in. The needles here are ASCII (`://`, `/zoneinfo/`, `..`), so a byte match is a
/// match of whole characters.
extension StringProtocol {
    /// The first occurrence of `needle`, or the last one with `last`; `nil` when there is none.
    func byteRange(of needle: String, last: Bool = false) -> Range<Index>? {
        let haystack = Array(utf8)
        let wanted = Array(needle.utf8)
        guard !wanted.isEmpty, wanted.count <= haystack.count else { return nil }
        let starts = 0...(haystack.count - wanted.count)
        let offsets: [Int] = last ? starts.reversed() : Array(starts)
        for offset in offsets where haystack[offset..<(offset + wanted.count)].elementsEqual(wanted) {
            let lower = utf8.index(utf8.startIndex, offsetBy: offset)
            return lower..<utf8.index(lower, offsetBy: wanted.count)
        }
        return nil
    }

    /// Whether `needle` occurs, on bytes (see `byteRange(of:last:)`).
    func containsBytes(_ needle: String) -> Bool {
        byteRange(of: needle) != nil
    }
}

extension Unicode.Scalar {
    /// An ASCII letter or digit: `CharacterSet.alphanumerics` restricted to ASCII, without loading
    /// CoreFoundation's character-set tables.
    var isASCIILetterOrDigit: Bool {
        switch value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: false
        }
    }
}
