/// A published MCP revision, and the rules that differ between them.
///
/// Revisions up to 2025-11-25 open a session with `initialize`; 2026-07-28 is stateless:
/// every request names its revision in `params._meta` and there is no handshake.
// swift-format-ignore: AlwaysUseLowerCamelCase
// The case names spell the revision's date, as the specification does; camel case would hide it.
enum ProtocolRevision: String, Sendable, CaseIterable, Comparable {
    case v2024_11_05 = "2024-11-05"
    case v2025_03_26 = "2025-03-26"
    case v2025_06_18 = "2025-06-18"
    case v2025_11_25 = "2025-11-25"
    case v2026_07_28 = "2026-07-28"

    /// The newest revision that uses the `initialize` handshake; the answer to an
    /// `initialize` asking for a revision this server does not know.
    static let latestHandshake: ProtocolRevision = .v2025_11_25

    static let handshakeRevisions = allCases.filter { !$0.isStateless }
    static let statelessRevisions = allCases.filter(\.isStateless)

    static func < (lhs: ProtocolRevision, rhs: ProtocolRevision) -> Bool {
        lhs.rawValue < rhs.rawValue // ISO dates sort as strings
    }

    /// No `initialize`, `ping` or `logging/setLevel`; `_meta` on every request, `resultType` on every result.
    var isStateless: Bool { self >= .v2026_07_28 }

    /// JSON-RPC batches (arrays of messages) were allowed only in 2025-03-26.
    var allowsBatches: Bool { self == .v2025_03_26 }

    /// Tool annotations (`readOnlyHint`, ...) arrived in 2025-03-26.
    var hasToolAnnotations: Bool { self >= .v2025_03_26 }

    /// `message` in `notifications/progress` arrived in 2025-03-26.
    var hasProgressMessages: Bool { self >= .v2025_03_26 }

    /// The `completions` capability arrived in 2025-03-26.
    var hasCompletions: Bool { self >= .v2025_03_26 }

    /// `title` on tools, resources and prompts, `outputSchema` and `structuredContent` arrived in 2025-06-18.
    var hasTitles: Bool { self >= .v2025_06_18 }
    var hasStructuredContent: Bool { self >= .v2025_06_18 }

    /// The error for `resources/read` of an unknown URI: -32002 until 2025-11-25, -32602 from 2026-07-28.
    var resourceNotFoundCode: JSONRPCErrorCode { isStateless ? .invalidParams : .resourceNotFound }
}
