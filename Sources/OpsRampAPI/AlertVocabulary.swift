import Foundation

/// A closed vocabulary of OpsRamp's alert search. The raw value is OpsRamp's own spelling, which is what
/// goes on the wire (in `queryString`) and into answers; callers' text is accepted in any case.
public protocol AlertVocabularyTerm: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {}

extension AlertVocabularyTerm {
    /// The term spelled `text` in any case (surrounding spaces ignored); `nil` when it is none of them.
    public init?(anyCase text: String) {
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let term = Self.allCases.first(where: { $0.rawValue.lowercased() == wanted }) else { return nil }
        self = term
    }

    /// Every term in OpsRamp's spelling, in declaration order (for schema enums, messages and buckets).
    public static var spellings: [String] { allCases.map(\.rawValue) }
}

/// An alert's `currentState`, worst first; the `states` filter.
public enum AlertState: String, AlertVocabularyTerm {
    case critical = "Critical"
    case warning = "Warning"
    case info = "Info"
    case ok = "Ok"

    /// The states an operator has to act on.
    public static let needingAttention: [AlertState] = [.critical, .warning]
    /// The others.
    public static let quiet: [AlertState] = [.info, .ok]
}

/// An alert's `priority`, highest first; the `priority` filter. (An alert without one shows `N/A`.)
public enum AlertPriority: String, AlertVocabularyTerm {
    case p0 = "P0"
    case p1 = "P1"
    case p2 = "P2"
    case p3 = "P3"
    case p4 = "P4"
    case p5 = "P5"
}

/// What was done to an alert ("actions performed on the alert"); the `actions` filter.
public enum AlertAction: String, AlertVocabularyTerm {
    case open = "OPEN"
    case acknowledged = "ACKNOWLEDGED"
    case ticketed = "TICKETED"
    case closed = "CLOSED"
    case ignore = "IGNORE"
    case suppressed = "SUPPRESSED"
    case purged = "PURGED"
    case correlated = "CORRELATED"
}

/// Which alert time a window applies to: OpsRamp's `alertTimeBase`.
public enum AlertTimeBase: String, AlertVocabularyTerm {
    /// When the alert was raised.
    case created
    /// Its latest activity.
    case updated
}
