import Foundation
import OpsRampSecrets
import OpsRampSupport

/// An OpsRamp `queryString`: `key:value` pairs joined by `+`, several values joined by `,`.
///
/// Because `+`, `:` and `,` are the syntax, a value containing `+` cannot be expressed and is
/// rejected rather than silently split into another filter. Encoding for the wire (`+` as
/// `%2B`, space as `%20`) happens later, with the rest of the URL.
public struct QueryString: Sendable, Equatable, CustomStringConvertible {
    public private(set) var pairs: [Pair] = []

    public struct Pair: Sendable, Equatable {
        public let key: String
        public let values: [String]
    }

    public init() {}

    public var isEmpty: Bool { pairs.isEmpty }

    public var keys: [String] { pairs.map(\.key) }

    /// The decoded text, e.g. `states:Critical,Warning+actions:OPEN`.
    public var description: String {
        pairs.map { "\($0.key):\($0.values.joined(separator: ","))" }.joined(separator: "+")
    }

    /// Adds one filter. A value must not contain `+`; a `,` inside a value makes OpsRamp read it
    /// as several values of the key (matching any of them), which is what a list means anyway.
    public mutating func add(_ key: String, _ values: [String]) throws(QueryStringError) {
        let cleaned = values.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !cleaned.isEmpty else { return }
        // Checked on Unicode scalars: as Characters, "+" followed by a combining mark is a different
        // character, yet OpsRamp still splits the queryString at its "+".
        if let bad = cleaned.first(where: { $0.unicodeScalars.contains("+") }) {
            throw .invalidValue(key: key, value: bad, reason: "'+' separates filters in OpsRamp's queryString and cannot appear in a value")
        }
        if pairs.contains(where: { $0.key == key }) { throw .duplicateKey(key) }
        pairs.append(Pair(key: key, values: cleaned))
    }

    public mutating func add(_ key: String, _ value: String) throws(QueryStringError) {
        try add(key, [value])
    }

    /// Parses raw text the model wrote (`key:value+key:v1,v2`), checking keys against `allowedKeys`.
    /// Separators are found on Unicode scalars, as OpsRamp finds them, never on Characters.
    public static func parse(_ text: String, allowedKeys: Set<String>) throws(QueryStringError) -> QueryString {
        var query = QueryString()
        for piece in text.unicodeScalars.split(separator: "+", omittingEmptySubsequences: true) {
            let trimmed = String(String.UnicodeScalarView(piece)).trimmingCharacters(in: .whitespaces)
            let scalars = trimmed.unicodeScalars
            guard let colon = scalars.firstIndex(of: ":") else {
                throw .malformed(trimmed)
            }
            let key = String(String.UnicodeScalarView(scalars[..<colon])).trimmingCharacters(in: .whitespaces)
            let value = String(String.UnicodeScalarView(scalars[scalars.index(after: colon)...])).trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, !value.isEmpty else { throw .malformed(trimmed) }
            guard allowedKeys.contains(key) else { throw .unknownKey(key, allowed: allowedKeys.sorted()) }
            try query.add(key, value.unicodeScalars.split(separator: ",").map { String(String.UnicodeScalarView($0)) })
        }
        return query
    }

    /// Adds every pair of `other`; a key set in both is an error naming it.
    public mutating func merge(_ other: QueryString) throws(QueryStringError) {
        for pair in other.pairs { try add(pair.key, pair.values) }
    }
}

/// Why a queryString could not be built.
public enum QueryStringError: UserFacingError, Equatable, CustomStringConvertible {
    case malformed(String)
    case unknownKey(String, allowed: [String])
    case duplicateKey(String)
    case invalidValue(key: String, value: String, reason: String)

    public var userMessage: String { "Invalid filter: \(description)." }

    public var description: String {
        switch self {
        case .malformed(let piece):
            "\"\(Excerpt.of(piece))\" is not a key:value pair; write filters as key:value joined by '+', e.g. states:Critical+priority:P1"
        case .unknownKey(let key, let allowed):
            "\"\(Excerpt.of(key))\" is not a queryString key OpsRamp accepts here; valid keys: \(allowed.joined(separator: ", "))"
        case .duplicateKey(let key):
            "the filter \"\(Excerpt.of(key))\" is given twice (once as an argument and once in query_string?); give it once"
        case .invalidValue(let key, let value, let reason):
            "the value \"\(Excerpt.of(value))\" for \(Excerpt.of(key)) is not allowed: \(reason)"
        }
    }
}
