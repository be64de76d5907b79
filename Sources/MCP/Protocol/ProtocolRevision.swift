/// A published MCP revision, and the rules that differ between them.
public enum ProtocolRevision: String, Sendable, CaseIterable, Comparable {
    case v2024_11_05 = "2024-11-05"
    case v2025_03_26 = "2025-03-26"
    case v2025_06_18 = "2025-06-18"
    case v2025_11_25 = "2025-11-25"

    /// The newest revision that uses the `initialize` handshake.
    public static let latest: ProtocolRevision = .v2025_11_25

    public static func < (lhs: ProtocolRevision, rhs: ProtocolRevision) -> Bool {
        lhs.rawValue < rhs.rawValue // ISO dates sort as strings
    }

    /// JSON-RPC batches (arrays of messages) were allowed only in 2025-03-26.
    public var allowsBatches: Bool { self == .v2025_03_26 }

    /// Tool annotations (`readOnlyHint`, ...) arrived in 2025-03-26.
    public var hasToolAnnotations: Bool { self >= .v2025_03_26 }

    /// The `completions` capability and `completion/complete` arrived in 2025-03-26.
    public var hasCompletions: Bool { self >= .v2025_03_26 }

    /// `title` on tools, resources and prompts, `outputSchema` and `structuredContent` arrived in 2025-06-18.
    public var hasTitles: Bool { self >= .v2025_06_18 }
    public var hasStructuredContent: Bool { self >= .v2025_06_18 }
}
