import Foundation

/// Reads `KEY=VALUE` lines from a `.env` file.
///
/// Accepted: blank lines, `#` comments, an optional `export ` prefix, values in single quotes
/// (taken literally), double quotes (with `\n`, `\"` and `\\` escapes) or bare (trailing
/// ` # comment` removed, surrounding spaces trimmed).
public enum EnvironmentFile {
    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public let path: String
        public let line: Int
        public let reason: String
        public var description: String { "\(path):\(line): \(reason)" }
    }

    public static func load(path: String) throws -> [String: String] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ParseError(path: path, line: 0, reason: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String = ".env") throws(ParseError) -> [String: String] {
        var values: [String: String] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            guard let equals = line.firstIndex(of: "=") else {
                throw ParseError(path: path, line: offset + 1, reason: "expected KEY=VALUE")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw ParseError(path: path, line: offset + 1, reason: "invalid variable name \"\(key)\"")
            }
            let rest = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            values[key] = try value(from: rest, path: path, line: offset + 1)
        }
        return values
    }

    private static func value(from raw: String, path: String, line: Int) throws(ParseError) -> String {
        if raw.hasPrefix("'") {
            guard raw.count >= 2, let close = raw.dropFirst().firstIndex(of: "'") else {
                throw ParseError(path: path, line: line, reason: "unterminated single quote")
            }
            return String(raw[raw.index(after: raw.startIndex)..<close])
        }
        if raw.hasPrefix("\"") {
            var result = ""
            var escaped = false
            for character in raw.dropFirst() {
                if escaped {
                    switch character {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    default: result.append(character)
                    }
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    return result
                } else {
                    result.append(character)
                }
            }
            throw ParseError(path: path, line: line, reason: "unterminated double quote")
        }
        if let comment = raw.range(of: " #") {
            return raw[..<comment.lowerBound].trimmingCharacters(in: .whitespaces)
        }
        return raw
    }
}
