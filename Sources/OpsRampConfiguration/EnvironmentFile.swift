import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// What a file yielded; `skipped` lists the lines a lenient read passed over.
    public struct Contents: Sendable {
        public let values: [String: String]
        public let skipped: [ParseError]
        /// What the file itself looked like when it was read.
        var file = FileFacts()
    }

    /// Facts about the file that may deserve a warning.
    struct FileFacts: Sendable, Equatable {
        /// The path names a symbolic link.
        var isSymbolicLink = false
        /// Users other than the owner may read or write the file (group or other permission bits).
        var isOpenToOthers = false
    }

    /// Largest settings file read; anything larger is not a `.env`.
    static let maximumBytes = 1024 * 1024

    /// Reads `path`. Strict reading throws at the first bad line; lenient reading (for a `.env`
    /// that merely happens to be in the working directory, perhaps a project's own) skips bad lines.
    /// Either way, a path that is not a regular UTF-8 text file of at most 1 MiB throws before any
    /// read can block (a FIFO, a device) or run away (`/dev/zero`).
    public static func load(path: String, lenient: Bool = false) throws -> Contents {
        var facts = FileFacts()
        var linkStatus = stat()
        if lstat(path, &linkStatus) == 0 { facts.isSymbolicLink = (linkStatus.st_mode & S_IFMT) == S_IFLNK }
        let bytes = try readRegularFile(path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ParseError(path: path, line: 0, reason: "cannot read the file: it is not UTF-8 text")
        }
        var status = stat()
        if stat(path, &status) == 0 { facts.isOpenToOthers = status.st_mode & 0o066 != 0 }
        var contents = try parse(text, path: path, lenient: lenient)
        contents.file = facts
        return contents
    }

    private static func readRegularFile(_ path: String) throws(ParseError) -> [UInt8] {
        func failure(_ reason: String) -> ParseError { ParseError(path: path, line: 0, reason: "cannot read the file: \(reason)") }
        // Non-blocking, so that opening a FIFO with no writer returns at once instead of waiting.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure(String(cString: strerror(errno))) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw failure("it is a directory")
        case S_IFIFO: throw failure("it is a FIFO (named pipe)")
        case S_IFCHR, S_IFBLK: throw failure("it is a device")
        default: throw failure("it is not a regular file")
        }
        guard Int(status.st_size) <= maximumBytes else { throw failure("it is larger than \(maximumBytes) bytes") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= maximumBytes {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw failure(String(cString: strerror(errno))) }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
        throw failure("it is larger than \(maximumBytes) bytes")
    }

    static func parse(_ text: String, path: String = ".env") throws(ParseError) -> [String: String] {
        try parse(text, path: path, lenient: false).values
    }

    static func parse(_ text: String, path: String, lenient: Bool) throws(ParseError) -> Contents {
        var values: [String: String] = [:]
        var skipped: [ParseError] = []
        // Split on every kind of line end: "\r\n" is a single Character in Swift, so splitting on
        // "\n" alone would read a Windows file as one line.
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            do throws(ParseError) {
                if let (key, value) = try entry(String(rawLine), path: path, line: offset + 1) { values[key] = value }
            } catch {
                guard lenient else { throw error }
                skipped.append(error)
            }
        }
        return Contents(values: values, skipped: skipped)
    }

    /// One line's variable, or `nil` for a blank or comment line.
    private static func entry(_ rawLine: String, path: String, line offset: Int) throws(ParseError) -> (String, String)? {
        var line = rawLine.trimmingWhitespace()
        if line.isEmpty || line.hasPrefix("#") { return nil }
        if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingWhitespace() }
        guard let equals = line.firstIndex(of: "=") else {
            throw ParseError(path: path, line: offset, reason: "expected KEY=VALUE")
        }
        let key = line[..<equals].trimmingWhitespace()
        guard !key.isEmpty, key.count <= 100, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw ParseError(path: path, line: offset, reason: "invalid variable name")
        }
        let rest = line[line.index(after: equals)...].trimmingWhitespace()
        return (key, try value(from: rest, path: path, line: offset))
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
            return raw[..<comment.lowerBound].trimmingWhitespace()
        }
        return raw
    }
}
