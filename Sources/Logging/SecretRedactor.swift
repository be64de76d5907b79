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

    public static let replacement = "<redacted>"

    /// An immutable snapshot of the registered secrets, replaced whole on registration.
    private final class Patterns: Sendable {
        /// Longest first, so that a secret containing another is masked whole.
        let matchers: [SecretMatcher]
        /// Bytes that can begin a match of some secret.
        let startBytes: [Bool]

        init(_ secrets: Set<[UInt8]>) {
            matchers = secrets.sorted { $0.count > $1.count }.map(SecretMatcher.init)
            var table = [Bool](repeating: false, count: 256)
            for secret in secrets {
                if let first = secret.first { table[Int(first)] = true }
            }
            if !secrets.isEmpty {
                for byte in [UInt8(ascii: "%"), UInt8(ascii: "+"), UInt8(ascii: "\\")] { table[Int(byte)] = true }
            }
            startBytes = table
        }
    }

    private let secrets = Mutex<Set<[UInt8]>>([])
    private let patterns = Mutex(Patterns([]))

    public init() {}

    public func register(_ value: String) {
        let bytes = Array(value.utf8)
        guard bytes.count >= Self.minimumLength else { return }
        let updated: Set<[UInt8]>? = secrets.withLock { known in
            known.insert(bytes).inserted ? known : nil
        }
        if let updated { patterns.withLock { $0 = Patterns(updated) } }
    }

    /// True when at least one secret is registered.
    public var isActive: Bool { !patterns.withLock { $0 }.matchers.isEmpty }

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
        var output: [UInt8]?
        var copiedUpTo = 0
        var index = 0
        let count = text.count
        while index < count {
            guard patterns.startBytes[Int(text[index])] else {
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
