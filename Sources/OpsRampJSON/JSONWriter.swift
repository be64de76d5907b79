/// Writes `JSONValue`s as compact, single-line JSON with sorted object keys.
///
/// Compact output matters twice here: the stdio transport needs one message per line,
/// and tool results go into a model's context window where every byte costs.
public enum JSONWriter {
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(value, into: &output)
        return output
    }

    public static func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    public static func write(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number):
            output.append(contentsOf: number.literal.utf8)
        case .string(let string):
            writeString(string, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            var first = true
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                write(member, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Bytes written as they are inside a string: everything but quote, backslash, controls, DEL, and
    /// 0xE2 (which may begin U+2028 or U+2029).
    private static let plain: [Bool] = (0...255).map { byte in
        !(byte == 0x22 || byte == 0x5C || byte < 0x20 || byte == 0x7F || byte == 0xE2)
    }

    /// Escapes quotes, backslashes, control characters and the line separators U+2028/U+2029
    /// (which some JavaScript hosts treat as newlines).
    public static func writeString(_ string: String, into output: inout [UInt8]) {
        var text = string
        text.withUTF8 { writeString(utf8: $0, into: &output) }
    }

    /// `writeString` for text given as UTF-8 bytes (well-formed: as `JSONWriter` writes it).
    public static func writeString(utf8 bytes: [UInt8], into output: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { writeString(utf8: $0, into: &output) }
    }

    private static func writeString(utf8 buffer: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        plain.withUnsafeBufferPointer { plain in
            let count = buffer.count
            var index = 0
            var runStart = 0
            while index < count {
                let byte = buffer[index]
                if plain[Int(byte)] {
                    index += 1
                    continue
                }
                // Runs of plain bytes are copied at once; only the byte that needs care is looked at.
                if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<index])) }
                switch byte {
                case UInt8(ascii: "\""):
                    output.append(0x5C)
                    output.append(0x22)
                case UInt8(ascii: "\\"):
                    output.append(0x5C)
                    output.append(0x5C)
                case 0x0A:
                    output.append(0x5C)
                    output.append(UInt8(ascii: "n"))
                case 0x0D:
                    output.append(0x5C)
                    output.append(UInt8(ascii: "r"))
                case 0x09:
                    output.append(0x5C)
                    output.append(UInt8(ascii: "t"))
                case 0xE2
                where index + 2 < count && buffer[index + 1] == 0x80
                    && (buffer[index + 2] == 0xA8 || buffer[index + 2] == 0xA9):
                    output.append(contentsOf: "\\u202".utf8)
                    output.append(buffer[index + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
                    index += 2
                case 0xE2:
                    output.append(byte)
                default:
                    // The other controls and DEL.
                    output.append(0x5C)
                    output.append(UInt8(ascii: "u"))
                    output.append(0x30)
                    output.append(0x30)
                    output.append(hexDigits[Int(byte >> 4)])
                    output.append(hexDigits[Int(byte & 0x0F)])
                }
                index += 1
                runStart = index
            }
            if runStart < count { output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<count])) }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// The number of bytes `write` produces for `value`, computed without producing them.
    public static func encodedCount(_ value: JSONValue) -> Int {
        switch value {
        case .null: return 4
        case .bool(let flag): return flag ? 4 : 5
        case .number(let number): return number.literal.utf8.count
        case .string(let string): return encodedCount(string)
        case .array(let elements):
            return 2 + max(0, elements.count - 1) + elements.reduce(0) { $0 + encodedCount($1) }
        case .object(let members):
            return 2 + max(0, members.count - 1) + members.reduce(0) { $0 + encodedCount($1.key) + 1 + encodedCount($1.value) }
        }
    }

    /// The bytes `writeString` produces for `string`, quotes included.
    public static func encodedCount(_ string: String) -> Int {
        var text = string
        return text.withUTF8 { buffer in
            plain.withUnsafeBufferPointer { plain in
                var total = 2 + buffer.count
                var index = 0
                while index < buffer.count {
                    let byte = buffer[index]
                    if !plain[Int(byte)] {
                        switch byte {
                        case 0x22, 0x5C, 0x0A, 0x0D, 0x09: total += 1
                        case 0xE2
                        where index + 2 < buffer.count && buffer[index + 1] == 0x80
                            && (buffer[index + 2] == 0xA8 || buffer[index + 2] == 0xA9):
                            total += 3
                            index += 2
                        case 0xE2: break
                        default: total += 5
                        }
                    }
                    index += 1
                }
                return total
            }
        }
    }
}
