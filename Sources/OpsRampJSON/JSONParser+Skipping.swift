// Moving past values that a filter does not keep, checking them as strictly as if they were built.

extension JSONParser.Cursor {
    /// Moves past one value, checking it exactly as `parseValue` would, without building it.
    mutating func skipValue() throws(JSONParseError) {
        guard index < bytes.count else { throw fail(.unexpectedEnd) }
        switch bytes[index] {
        case UInt8(ascii: "{"): try skipContainer(close: UInt8(ascii: "}"), keyed: true)
        case UInt8(ascii: "["): try skipContainer(close: UInt8(ascii: "]"), keyed: false)
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try expectWord("true")
        case UInt8(ascii: "f"): try expectWord("false")
        case UInt8(ascii: "n"): try expectWord("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try scanNumber()
        default: throw fail(.unexpectedByte(bytes[index]))
        }
    }

    /// An object (`keyed`) or an array, skipped member by member.
    mutating func skipContainer(close: UInt8, keyed: Bool) throws(JSONParseError) {
        try enter()
        index += 1
        if consumeEmpty(closedBy: close) { return }
        while true {
            skipWhitespace()
            if keyed {
                guard index < bytes.count else { throw fail(.unexpectedEnd) }
                guard bytes[index] == UInt8(ascii: "\"") else { throw fail(.unexpectedByte(bytes[index])) }
                try skipString()
                try consumeNameSeparator()
            }
            try skipValue()
            if try consumeSeparatorOrClose(close) { return }
        }
    }

    /// A string from its opening quote: escapes and UTF-8 checked, nothing kept. Errors carry the
    /// offsets `parseString` gives them.
    mutating func skipString() throws(JSONParseError) {
        index += 1
        let start = index
        // Like parseString, bad UTF-8 is reported once the string is known to end (else it is an unexpected end).
        var malformed = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                if malformed { throw JSONParseError(reason: .invalidUTF8, offset: start) }
                return
            }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { throw fail(.unexpectedEnd) }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    break
                case UInt8(ascii: "u"):
                    _ = try readHex4()
                default:
                    index -= 1
                    throw fail(.invalidEscape)
                }
                continue
            }
            if byte < 0x20 { throw fail(.controlCharacterInString) }
            if byte < 0x80 {
                index += 1
                continue
            }
            if let width = utf8ScalarWidth(at: index) {
                index += width
            } else {
                malformed = true
                index += 1
            }
        }
        throw fail(.unexpectedEnd)
    }
}
