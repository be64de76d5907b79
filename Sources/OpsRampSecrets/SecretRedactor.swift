import Synchronization

/// Remembers every secret the process has seen and replaces it in outgoing text, in each
/// form it may take there (see `SecretMatcher`): raw, percent- or form-encoded, JSON-escaped.
///
/// The one redactor for every output: log lines (stderr, the log file, client log
/// notifications), every protocol line on stdout, and the text `--check` prints. Code that
/// cuts text short (an excerpt of an upstream answer) redacts first, so no cut leaves the
/// start of a secret behind.
///
/// Cheap when nothing can match: with no secret registered it returns at once; otherwise it
/// looks at each byte once, and only a byte that can start a match (a secret's first byte,
/// `%`, `+` or `\`) costs more than a table lookup.
public final class SecretRedactor: Sendable {
    public static let shared = SecretRedactor()

    /// Values shorter than this are not registered: masking "a" everywhere would mangle text,
    /// and such short values are not credentials anyway.
    static let minimumLength = 6

    static let replacement = "<redacted>"

    /// An immutable snapshot of the registered secrets, replaced whole on registration.
    private final class Patterns: Sendable {
        /// Longest first, so that a secret containing another is masked whole.
        let matchers: [SecretMatcher]
        /// Bytes that can begin a match of some secret.
        let startBytes: [Bool]
        /// The secrets' first bytes: an encoded form can match only if it decodes to one of them.
        let firstBytes: [Bool]

        init(_ secrets: Set<[UInt8]>) {
            matchers = secrets.sorted { $0.count > $1.count }.map(SecretMatcher.init)
            var table = [Bool](repeating: false, count: 256)
            for secret in secrets {
                if let first = secret.first { table[Int(first)] = true }
            }
            firstBytes = table
            if !secrets.isEmpty {
                for byte in [UInt8(ascii: "%"), UInt8(ascii: "+"), UInt8(ascii: "\\")] { table[Int(byte)] = true }
            }
            startBytes = table
        }

        /// False when the encoded form beginning at `index` (a `%`, `+` or `\\`) cannot decode to any
        /// secret's first byte, so no matcher need look: a cheap test for the many escapes of JSON text.
        /// True whenever a match is possible (a `\\u` escape of a non-ASCII character, or a second
        /// level of escaping, is left to the matchers).
        func mayMatchEncoded(_ text: UnsafeBufferPointer<UInt8>, at index: Int, firstBytes: UnsafeBufferPointer<Bool>) -> Bool {
            let byte = text[index]
            if byte == UInt8(ascii: "+") { return firstBytes[0x20] }
            guard index + 1 < text.count else { return false }
            let next = text[index + 1]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < text.count, let high = Self.hex(next), let low = Self.hex(text[index + 2]) else { return false }
                return firstBytes[Int(high << 4 | low)]
            }
            // A backslash: what one JSON unescape gives.
            let decoded: UInt8
            switch next {
            case UInt8(ascii: "\""): decoded = 0x22
            case UInt8(ascii: "/"): decoded = 0x2F
            case UInt8(ascii: "b"): decoded = 0x08
            case UInt8(ascii: "f"): decoded = 0x0C
            case UInt8(ascii: "n"): decoded = 0x0A
            case UInt8(ascii: "r"): decoded = 0x0D
            case UInt8(ascii: "t"): decoded = 0x09
            default: return true
            }
            return firstBytes[Int(decoded)]
        }

        private static func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
    }

    private let secrets = Mutex<Set<[UInt8]>>([])
    private let patterns = Mutex(Patterns([]))

    init() {}

    func register(_ value: String) {
        let bytes = Array(value.utf8)
        guard bytes.count >= Self.minimumLength else { return }
        let updated: Set<[UInt8]>? = secrets.withLock { known in
            known.insert(bytes).inserted ? known : nil
        }
        if let updated { patterns.withLock { $0 = Patterns(updated) } }
    }

    /// The text with every registered secret, in any of its forms, replaced by `<redacted>`.
    public func redact(_ text: String) -> String {
        let current = patterns.withLock { $0 }
        guard !current.matchers.isEmpty else { return text }
        var copy = text
        let redacted: [UInt8]? = copy.withUTF8 { Self.redact($0, patterns: current, json: false) }
        return redacted.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    /// `redact` for UTF-8 bytes of plain text.
    public func redact(_ bytes: [UInt8]) -> [UInt8] {
        redact(bytes, json: false)
    }

    /// `redact` for one serialised JSON document (a protocol line): secrets are masked inside
    /// strings only, so the document stays valid JSON.
    public func redactJSON(_ bytes: [UInt8]) -> [UInt8] {
        redact(bytes, json: true)
    }

    private func redact(_ bytes: [UInt8], json: Bool) -> [UInt8] {
        let current = patterns.withLock { $0 }
        guard !current.matchers.isEmpty else { return bytes }
        return bytes.withUnsafeBufferPointer { Self.redact($0, patterns: current, json: json) } ?? bytes
    }

    /// The redacted bytes, or `nil` when nothing matched (the common case, which allocates nothing).
    private static func redact(_ text: UnsafeBufferPointer<UInt8>, patterns: Patterns, json: Bool) -> [UInt8]? {
        patterns.startBytes.withUnsafeBufferPointer { startBytes in
            patterns.firstBytes.withUnsafeBufferPointer { firstBytes in
                redact(text, patterns: patterns, json: json, startBytes: startBytes, firstBytes: firstBytes)
            }
        }
    }

    private static func redact(
        _ text: UnsafeBufferPointer<UInt8>, patterns: Patterns, json: Bool,
        startBytes: UnsafeBufferPointer<Bool>, firstBytes: UnsafeBufferPointer<Bool>
    ) -> [UInt8]? {
        var output: [UInt8]?
        var copiedUpTo = 0
        var index = 0
        let count = text.count
        while index < count {
            let byte = text[index]
            guard startBytes[Int(byte)],
                firstBytes[Int(byte)] || patterns.mayMatchEncoded(text, at: index, firstBytes: firstBytes)
            else {
                index += 1
                continue
            }
            var end: Int?
            for matcher in patterns.matchers {
                if let found = matcher.matchEnd(in: text, at: index, json: json) {
                    end = found
                    break
                }
            }
            guard let end else {
                index += 1
                continue
            }
            if output == nil {
                output = []
                output?.reserveCapacity(count)
            }
            output?.append(contentsOf: UnsafeBufferPointer(rebasing: text[copiedUpTo..<index]))
            output?.append(contentsOf: Self.replacement.utf8)
            copiedUpTo = end
            index = end
        }
        guard var result = output else { return nil }
        result.append(contentsOf: UnsafeBufferPointer(rebasing: text[copiedUpTo..<count]))
        return result
    }
}
