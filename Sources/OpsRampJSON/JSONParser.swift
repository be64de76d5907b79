/// Why a byte sequence is not acceptable JSON.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case empty
        case unexpectedEnd
        case unexpectedByte(UInt8)
        case invalidNumber
        case invalidEscape
        case invalidUTF8
        case controlCharacterInString
        case tooDeep(limit: Int)
        case trailingContent
    }

    public let reason: Reason
    /// Byte offset where the problem was found.
    public let offset: Int

    public var description: String {
        switch reason {
        case .empty: "empty input"
        case .unexpectedEnd: "unexpected end of input at byte \(offset)"
        case .unexpectedByte(let byte): "unexpected character \(Self.show(byte)) at byte \(offset)"
        case .invalidNumber: "invalid number at byte \(offset)"
        case .invalidEscape: "invalid escape sequence at byte \(offset)"
        case .invalidUTF8: "invalid UTF-8 at byte \(offset)"
        case .controlCharacterInString: "unescaped control character in string at byte \(offset)"
        case .tooDeep(let limit): "nesting deeper than \(limit) levels at byte \(offset)"
        case .trailingContent: "extra content after the JSON value at byte \(offset)"
        }
    }

    private static func show(_ byte: UInt8) -> String {
        (0x20..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "0x" + String(byte, radix: 16)
    }
}

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
    public static func parse(_ bytes: some Collection<UInt8>, depthLimit: Int = defaultDepthLimit,
                             keeping filter: JSONListFilter? = nil) throws(JSONParseError) -> JSONValue {
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

/// Which members to build in the objects of a document's list: the elements of a top-level array,
/// or of the array under `listKey` in a top-level object (a result page's `results`).
///
/// A page of forty-field objects of which the caller reads ten is mostly built to be thrown away;
/// with a filter, the other members are still checked (the document must be valid JSON, as ever)
/// but skipped without allocating. Members outside the list's objects are all built.
public struct JSONListFilter: Sendable {
    public let listKey: String
    public let members: Set<String>
    /// For a kept member whose value is an object: the members of that object to build.
    public let nested: [String: Set<String>]
    /// Applied to each element of the list under `listKey` as soon as it is parsed, so that a caller that
    /// turns each object into something smaller never holds a page of the larger objects. Not applied
    /// to the elements of a top-level array (which may be a list of errors to be read as they are).
    public let item: (@Sendable (JSONValue) -> JSONValue)?
    let names: MemberNames

    public init(listKey: String, members: Set<String>, nested: [String: Set<String>] = [:],
                item: (@Sendable (JSONValue) -> JSONValue)? = nil) {
        self.listKey = listKey
        self.members = members
        self.nested = nested
        self.item = item
        names = MemberNames(members, nested: nested.mapValues { MemberNames($0, nested: [:]) })
    }
}

/// Member names as UTF-8, by length, each with the names to keep inside its object value: a name in
/// the input is looked up by its bytes, so a skipped member costs neither a string nor a hash.
final class MemberNames: Sendable {
    struct Entry: Sendable {
        let bytes: [UInt8]
        let name: String
        let nested: MemberNames?
    }

    let names: Set<String>
    let nested: [String: MemberNames]
    /// `byLength[n]`: the names of `n` bytes.
    private let byLength: [[Entry]]

    init(_ names: Set<String>, nested: [String: MemberNames]) {
        self.names = names
        self.nested = nested
        var table = [[Entry]](repeating: [], count: (names.map(\.utf8.count).max() ?? 0) + 1)
        for name in names { table[name.utf8.count].append(Entry(bytes: Array(name.utf8), name: name, nested: nested[name])) }
        byLength = table
    }

    /// The kept name spelled by `bytes` (a name without escapes), if it is one.
    func entry(named bytes: UnsafeBufferPointer<UInt8>) -> Entry? {
        guard bytes.count < byLength.count else { return nil }
        for candidate in byLength[bytes.count] where candidate.bytes.elementsEqual(bytes) {
            return candidate
        }
        return nil
    }

    /// The same for a name that had escapes.
    func entry(named name: String) -> Entry? {
        names.contains(name) ? Entry(bytes: [], name: name, nested: nested[name]) : nil
    }
}

/// The parsing state: a position in a byte buffer.
private struct Cursor {
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

    private func fail(_ reason: JSONParseError.Reason) -> JSONParseError {
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

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw fail(.unexpectedEnd) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw fail(.unexpectedByte(bytes[index]))
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw fail(.unexpectedEnd) }
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
        for offset in 0..<count where bytes[index + offset] != expected[offset] {
            index += offset
            throw fail(.unexpectedByte(bytes[index]))
        }
        index += count
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > depthLimit { throw fail(.tooDeep(limit: depthLimit)) }
    }

    /// `listKey`: the member whose array's objects are filtered by `keeping`. `keeping` without `listKey`:
    /// this object's own members are filtered.
    private mutating func parseObject(listKey: String? = nil, keeping: Set<String>? = nil) throws(JSONParseError) -> JSONValue {
        if listKey == nil, keeping != nil, let filter { return try parseFilteredObject(filter.names) }
        try enter()
        index += 1
        // Members are gathered first and the dictionary built once at its final size:
        // inserting one by one would rehash at every doubling.
        var members: [(String, JSONValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object([:])
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            guard bytes[index] == UInt8(ascii: "\"") else { throw fail(.unexpectedByte(bytes[index])) }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            guard bytes[index] == UInt8(ascii: ":") else { throw fail(.unexpectedByte(bytes[index])) }
            index += 1
            skipWhitespace()
            if let listKey, key == listKey, index < bytes.count, bytes[index] == UInt8(ascii: "[") {
                members.append((key, try parseArray(keeping: keeping, item: filter?.item)))
            } else if listKey == nil, let keeping, !keeping.contains(key) {
                try skipValue()
            } else {
                members.append((key, try parseValue()))
            }
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                var object = [String: JSONValue](minimumCapacity: members.count)
                for (key, value) in members { object[key] = value } // a repeated key: the last one wins
                return .object(object)
            default: throw fail(.unexpectedByte(bytes[index]))
            }
        }
    }

    /// An object of the filtered list: members `names` names are built (an object value by the names
    /// given for it), the others checked and skipped.
    private mutating func parseFilteredObject(_ names: MemberNames) throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1
        var members: [(String, JSONValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object([:])
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            guard bytes[index] == UInt8(ascii: "\"") else { throw fail(.unexpectedByte(bytes[index])) }
            let kept: MemberNames.Entry?
            if let name = plainName() {
                kept = names.entry(named: name)
            } else {
                kept = names.entry(named: try parseString())
            }
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            guard bytes[index] == UInt8(ascii: ":") else { throw fail(.unexpectedByte(bytes[index])) }
            index += 1
            skipWhitespace()
            if let kept {
                if let inner = kept.nested, index < bytes.count, bytes[index] == UInt8(ascii: "{") {
                    members.append((kept.name, try parseFilteredObject(inner)))
                } else {
                    members.append((kept.name, try parseValue()))
                }
            } else {
                try skipValue()
            }
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                var object = [String: JSONValue](minimumCapacity: members.count)
                for (key, value) in members { object[key] = value } // a repeated key: the last one wins
                return .object(object)
            default: throw fail(.unexpectedByte(bytes[index]))
            }
        }
    }

    /// At an opening quote: the bytes of a name made of plain ASCII (no escapes, no controls), moving
    /// past its closing quote; `nil`, without moving, for any other string.
    private mutating func plainName() -> UnsafeBufferPointer<UInt8>? {
        var scan = index + 1
        while scan < bytes.count {
            let byte = bytes[scan]
            if byte == UInt8(ascii: "\"") {
                let name = UnsafeBufferPointer(rebasing: bytes[(index + 1)..<scan])
                index = scan + 1
                return name
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return nil }
            scan += 1
        }
        return nil
    }

    /// `keeping`: the members built in this array's objects (all when `nil`); `item`: applied to each element.
    private mutating func parseArray(keeping: Set<String>? = nil,
                                     item: (@Sendable (JSONValue) -> JSONValue)? = nil) throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1
        var array: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(array)
        }
        while true {
            skipWhitespace()
            let element = if let keeping, index < bytes.count, bytes[index] == UInt8(ascii: "{") {
                try parseObject(keeping: keeping)
            } else {
                try parseValue()
            }
            array.append(item.map { $0(element) } ?? element)
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return .array(array)
            default: throw fail(.unexpectedByte(bytes[index]))
            }
        }
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = index
        try scanNumber()
        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        return JSONNumber(validatedLiteral: literal)
    }

    /// Moves past a number, checking its grammar.
    private mutating func scanNumber() throws(JSONParseError) {
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

    /// Moves past one value, checking it exactly as `parseValue` would, without building it.
    private mutating func skipValue() throws(JSONParseError) {
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
    private mutating func skipContainer(close: UInt8, keyed: Bool) throws(JSONParseError) {
        try enter()
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == close {
            index += 1
            depth -= 1
            return
        }
        while true {
            skipWhitespace()
            if keyed {
                guard index < bytes.count else { throw fail(.unexpectedEnd) }
                guard bytes[index] == UInt8(ascii: "\"") else { throw fail(.unexpectedByte(bytes[index])) }
                try skipString()
                skipWhitespace()
                guard index < bytes.count else { throw fail(.unexpectedEnd) }
                guard bytes[index] == UInt8(ascii: ":") else { throw fail(.unexpectedByte(bytes[index])) }
                index += 1
                skipWhitespace()
            }
            try skipValue()
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case close:
                index += 1
                depth -= 1
                return
            default: throw fail(.unexpectedByte(bytes[index]))
            }
        }
    }

    /// A string from its opening quote: escapes and UTF-8 checked, nothing kept. Errors carry the
    /// offsets `parseString` gives them.
    private mutating func skipString() throws(JSONParseError) {
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

    /// The length of the well-formed UTF-8 sequence at `position` (no overlong forms, surrogates or
    /// values past U+10FFFF, as `String(validating:)` requires), or `nil`.
    private func utf8ScalarWidth(at position: Int) -> Int? {
        let lead = bytes[position]
        let width: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: width = 2
        case 0xE0: width = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: width = 3
        case 0xED: width = 3; high = 0x9F
        case 0xF0: width = 4; low = 0x90
        case 0xF1...0xF3: width = 4
        case 0xF4: width = 4; high = 0x8F
        default: return nil
        }
        guard position + width <= bytes.count else { return nil }
        let second = bytes[position + 1]
        guard second >= low, second <= high else { return nil }
        for offset in 2..<width where !UTF8.isContinuation(bytes[position + offset]) { return nil }
        return width
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Parses a string starting at its opening quote; validates UTF-8 and escapes.
    private mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes, plain ASCII or valid UTF-8 run up to the closing quote.
        var hasEscapes = false
        var scan = index
        while scan < bytes.count {
            let byte = bytes[scan]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") { hasEscapes = true; break }
            if byte < 0x20 { index = scan; throw fail(.controlCharacterInString) }
            scan += 1
        }
        guard scan < bytes.count else { index = scan; throw fail(.unexpectedEnd) }
        if !hasEscapes {
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<scan])
            index = scan + 1
            // ASCII (the common case) needs no validation; anything else is checked strictly.
            if !slice.contains(where: { $0 >= 0x80 }) { return String(decoding: slice, as: UTF8.self) }
            guard let string = String(validating: slice, as: UTF8.self) else {
                index = start
                throw fail(.invalidUTF8)
            }
            return string
        }
        return try parseEscapedString(from: start)
    }

    private mutating func parseEscapedString(from start: Int) throws(JSONParseError) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(64)
        index = start
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let string = String(validating: output, as: UTF8.self) else {
                    throw JSONParseError(reason: .invalidUTF8, offset: start)
                }
                return string
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw fail(.unexpectedEnd) }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): output.append(0x22)
                case UInt8(ascii: "\\"): output.append(0x5C)
                case UInt8(ascii: "/"): output.append(0x2F)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "u"): try appendUnicodeEscape(to: &output)
                default:
                    index -= 1
                    throw fail(.invalidEscape)
                }
            default:
                if byte < 0x20 { throw fail(.controlCharacterInString) }
                output.append(byte)
                index += 1
            }
        }
        throw fail(.unexpectedEnd)
    }

    private mutating func readHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail(.unexpectedEnd) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw fail(.invalidEscape)
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// Decodes `\uXXXX`, joining surrogate pairs; a lone surrogate becomes U+FFFD,
    /// as most JSON parsers do, so that one odd character does not reject a whole message.
    private mutating func appendUnicodeEscape(to output: inout [UInt8]) throws(JSONParseError) {
        var scalarValue = try readHex4()
        if (0xD800...0xDBFF).contains(scalarValue) {
            if index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                let saved = index
                index += 2
                let low = try readHex4()
                if (0xDC00...0xDFFF).contains(low) {
                    scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    index = saved
                    scalarValue = 0xFFFD
                }
            } else {
                scalarValue = 0xFFFD
            }
        } else if (0xDC00...0xDFFF).contains(scalarValue) {
            scalarValue = 0xFFFD
        }
        let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
        output.append(contentsOf: String(Character(scalar)).utf8)
    }
}
