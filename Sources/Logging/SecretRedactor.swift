import Foundation
import Synchronization

/// Remembers every secret the process has seen and replaces it in outgoing text.
///
/// The logger runs every line through it, and so do error messages that quote an
/// upstream answer; a secret can therefore not leave the process by accident.
public final class SecretRedactor: Sendable {
    public static let shared = SecretRedactor()

    /// Values shorter than this are not registered: masking "a" everywhere would mangle text,
    /// and such short values are not credentials anyway.
    static let minimumLength = 6

    private let secrets = Mutex<Set<String>>([])

    public init() {}

    public func register(_ value: String) {
        guard value.count >= Self.minimumLength else { return }
        secrets.withLock { _ = $0.insert(value) }
    }

    /// The text with every registered secret replaced by `<redacted>`.
    public func redact(_ text: String) -> String {
        let known = secrets.withLock { $0 }
        guard !known.isEmpty else { return text }
        var result = text
        // Longest first, so a secret that contains another is masked whole.
        for secret in known.sorted(by: { $0.count > $1.count }) where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: "<redacted>")
        }
        return result
    }
}
