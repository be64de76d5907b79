/// Makes a message fit for one log line: control characters that client or model text may
/// carry (ESC, BEL, NUL, line breaks, C1 controls, Unicode line separators and bidi overrides,
/// which can rewrite a terminal or forge log lines) are escaped, and the line is bounded.
enum LogText {
    /// Longest message in a log line, in bytes; longer ones are cut with a note of their size.
    static let maximumBytes = 8 * 1024

    /// At most `limit` bytes of `message`, escaped; `message` itself when it needs neither.
    static func clean(_ message: String, limit: Int = maximumBytes) -> String {
        var copy = message
        let result: [UInt8]? = copy.withUTF8 { bytes in
            guard bytes.count > limit || needsEscaping(bytes) else { return nil }
            return escape(bytes, limit: limit)
        }
        return result.map { String(decoding: $0, as: UTF8.self) } ?? message
    }

    /// Cuts `message` to about `limit` bytes on a character boundary, before it is redacted and
    /// escaped, so that no step works on more than one line's worth of a huge message.
    static func precut(_ message: String, limit: Int) -> String {
        guard message.utf8.count > limit else { return message }
        var end = message.utf8.index(message.utf8.startIndex, offsetBy: limit)
        while end > message.startIndex, UTF8.isContinuation(message.utf8[end]) {
            end = message.utf8.index(before: end)
        }
        return String(message.utf8[..<end]) ?? ""
    }

    private static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            if escapeLength(bytes, at: index) != nil { return true }
            index += 1
        }
        return false
    }

    /// How many bytes at `index` form a character that must be escaped; `nil` for ordinary ones.
    private static func escapeLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let byte = bytes[index]
        if byte < 0x20 || byte == 0x7F { return 1 }
        guard byte == 0xC2 || byte == 0xE2, index + 1 < bytes.count else { return nil }
        let second = bytes[index + 1]
        if byte == 0xC2 { return (0x80...0x9F).contains(second) ? 2 : nil }
        guard index + 2 < bytes.count else { return nil }
        let third = bytes[index + 2]
        // U+2028...U+202E (line/paragraph separators, bidi embeddings and overrides), U+2066...U+2069 (bidi isolates).
        if second == 0x80 && (0xA8...0xAE).contains(third) { return 3 }
        if second == 0x81 && (0xA6...0xA9).contains(third) { return 3 }
        return nil
    }

    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(min(bytes.count, limit) + 16)
        var index = 0
        while index < bytes.count {
            let length = escapeLength(bytes, at: index)
            var piece: [UInt8]
            switch length {
            case 1?:
                piece = shortEscape(bytes[index])
            case let width?:
                let scalar =
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<index + width]), as: UTF8.self)
                    .unicodeScalars.first?.value ?? 0
                piece = Array("\\u".utf8) + hex(scalar, digits: 4)
            case nil:
                // A whole UTF-8 sequence at once, so a cut never splits a character.
                var end = index + 1
                while end < bytes.count, UTF8.isContinuation(bytes[end]) { end += 1 }
                piece = Array(bytes[index..<end])
            }
            if output.count + piece.count > limit {
                output.append(contentsOf: " ...[\(bytes.count - index) more bytes cut]".utf8)
                return output
            }
            output.append(contentsOf: piece)
            index += length ?? piece.count
        }
        return output
    }

    private static func shortEscape(_ byte: UInt8) -> [UInt8] {
        switch byte {
        case 0x0A: Array("\\n".utf8)
        case 0x0D: Array("\\r".utf8)
        case 0x09: Array("\\t".utf8)
        default: Array("\\x".utf8) + hex(UInt32(byte), digits: 2)
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> [UInt8] {
        let alphabet = Array("0123456789ABCDEF".utf8)
        return (0..<digits).reversed().map { alphabet[Int((value >> (4 * UInt32($0))) & 0xF)] }
    }
}
