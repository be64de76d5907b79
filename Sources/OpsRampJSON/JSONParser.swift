/// A strict RFC 8259 parser over UTF-8 bytes.
///
/// Hand-written rather than `JSONSerialization` so that numbers keep their literal,
/// nesting depth is bounded (deeply nested input cannot exhaust the stack), and invalid
/// UTF-8 is rejected instead of silently repaired.
public struct JSONParser {
    /// Default nesting limit; far beyond anything MCP or OpsRamp sends.
    public static let defaultDepthLimit = 256

    /// With `keeping`, the objects of the document's list (see `JSONListFilter`) hold only the members it names;
    /// the rest are checked as strictly as ever and skipped without being built.
    public static func parse(
        _ bytes: some Collection<UInt8>, depthLimit: Int = defaultDepthLimit,
        keeping filter: JSONListFilter? = nil
    ) throws(JSONParseError) -> JSONValue {
        // Contiguous storage (Array, Data, slices of them) is read in place; anything else is copied once.
        if let result = bytes.withContiguousStorageIfAvailable({ parse(buffer: $0, depthLimit: depthLimit, filter: filter) }) {
            return try result.get()
        }
        return try Array(bytes).withUnsafeBufferPointer { parse(buffer: $0, depthLimit: depthLimit, filter: filter) }.get()
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>, depthLimit: Int, filter: JSONListFilter?) -> Result<JSONValue, JSONParseError> {
        var parser = Cursor(bytes: buffer, depthLimit: depthLimit, filter: filter)
        do throws(JSONParseError) {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error)
        }
    }

    public static func parse(_ text: String, depthLimit: Int = defaultDepthLimit) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8), depthLimit: depthLimit)
    }
}

extension JSONParser {
    /// The parsing state: a position in a byte buffer.
    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        let depthLimit: Int
        let filter: JSONListFilter?
        var index = 0
        var depth = 0

        init(bytes: UnsafeBufferPointer<UInt8>, depthLimit: Int, filter: JSONListFilter? = nil) {
            self.bytes = bytes
            self.depthLimit = depthLimit
            self.filter = filter
        }

        func fail(_ reason: JSONParseError.Reason) -> JSONParseError {
            JSONParseError(reason: reason, offset: index)
        }

        mutating func parseDocument() throws(JSONParseError) -> JSONValue {
            skipWhitespace()
            guard index < bytes.count else { throw fail(.empty) }
            let value: JSONValue
            if let filter, bytes[index] == UInt8(ascii: "[") {
                value = try parseArray(keeping: filter.members)
            } else if let filter, bytes[index] == UInt8(ascii: "{") {
                value = try parseObject(listKey: filter.listKey, keeping: filter.members)
            } else {
                value = try parseValue()
            }
            skipWhitespace()
            guard index == bytes.count else { throw fail(.trailingContent) }
            return value
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func parseValue() throws(JSONParseError) -> JSONValue {
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try parseObject()
            case UInt8(ascii: "["): return try parseArray()
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"):
                try expectWord("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try expectWord("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try expectWord("null")
                return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
            default: throw fail(.unexpectedByte(bytes[index]))
            }
        }

        mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw fail(.unexpectedEnd) }
            let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
            for offset in 0..<count where bytes[index + offset] != expected[offset] {
                index += offset
                throw fail(.unexpectedByte(bytes[index]))
            }
            index += count
        }

        mutating func enter() throws(JSONParseError) {
            depth += 1
            if depth > depthLimit { throw fail(.tooDeep(limit: depthLimit)) }
        }

        mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
            let start = index
            try scanNumber()
            let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            return JSONNumber(validatedLiteral: literal)
        }

        /// Moves past a number, checking its grammar.
        mutating func scanNumber() throws(JSONParseError) {
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count else { throw fail(.invalidNumber) }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
            } else if isDigit(bytes[index]) {
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            } else {
                throw fail(.invalidNumber)
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else { throw fail(.invalidNumber) }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard index < bytes.count, isDigit(bytes[index]) else { throw fail(.invalidNumber) }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
        }

        func isDigit(_ byte: UInt8) -> Bool {
            byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        }
    }
}
