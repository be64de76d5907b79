import OpsRampJSON
import OpsRampMCP

/// A forgiving resource search, written as an OpsQL `filterCriteria` for `objectType: resource`.
///
/// OpsRamp names kinds of resources in several vocabularies at once: an AWS EC2 instance has make
/// `AWS`, nativeType `EC2 Instance`, resource type `Linux`, an OS such as `Amazon Linux 2023`. A
/// type given in plain words ("EC2", "AWS EC2", "Amazon EC2 instances", "Linux servers") matches
/// when every distinctive word (see `ResourceTypeWords`), or one of its vendor synonyms, appears in
/// one of those attributes; a name matches any of the name attributes.
struct ResourceMatch: Sendable, Equatable {
    /// Attributes a type word is looked for in (OpsQL resource attributes, reference §9).
    static let typeAttributes = ["make", "nativeType", "type", "os", "osType"]
    /// Attributes a name is looked for in.
    static let nameAttributes = ["name", "hostName", "dnsName", "aliasName", "resourceName"]
    /// The attributes each row of the answer holds (`clientId` tells a partner's clients apart).
    static let fields = [
        "id", "name", "hostName", "dnsName", "resourceName", "aliasName", "ipAddress", "state",
        "make", "nativeType", "type", "os", "agentInstalled", "clientId",
    ]
    /// Words that carry no meaning in a type ("all our AWS EC2 instances").
    static let fillers: Set<String> = [
        "a", "all", "and", "any", "are", "current", "every", "health", "in", "is", "my", "of",
        "our", "state", "status", "the", "what",
    ]
    /// Plain words that OpsRamp spells otherwise.
    static let synonyms = ["vm": "virtual machine", "vms": "virtual machine"]

    /// The distinctive words of the type (see `ResourceTypeWords`); empty when no type was given.
    var typeWords: [String] = []
    /// Any one of the type's words suffices, instead of every one (to count partial matches).
    var anyWord = false
    var name: String?
    var ipAddress: String?
    /// `nil` means every state.
    var state: String?
    var agentInstalled: Bool?

    /// The type's words: split on spaces and punctuation, fillers dropped, plurals made singular
    /// (the singular is a substring of the plural, so "Windows" still matches), synonyms applied.
    static func words(of type: String) throws -> [String] {
        let pieces = type.split { $0.isWhitespace || $0 == "," || $0 == "/" || $0 == "(" || $0 == ")" }.map(String.init)
        var words: [String] = []
        for piece in pieces {
            let lower = piece.lowercased()
            if fillers.contains(lower) { continue }
            let word = synonyms[lower] ?? singular(piece)
            if !words.contains(where: { $0.lowercased() == word.lowercased() }) { words.append(word) }
        }
        guard !words.isEmpty else {
            throw ToolFailure("type needs a word that names a kind of resource, such as EC2, Linux, Windows or switch.")
        }
        return words
    }

    static func singular(_ word: String) -> String {
        let lower = word.lowercased()
        guard word.count >= 5, lower.hasSuffix("s"), !lower.hasSuffix("ss") else { return word }
        let dropped = ["ches", "shes", "xes", "sses"].contains { lower.hasSuffix($0) } ? 2 : 1
        return String(word.dropLast(dropped))
    }

    /// Checks a value that goes into a quoted OpsQL literal.
    static func checked(_ value: String, argument: String) throws -> String {
        guard !value.contains("\""), !value.contains("\\") else {
            throw ToolFailure("\(argument) cannot contain \" or \\; leave them out.")
        }
        return value
    }

    /// The `filterCriteria`; `nil` when nothing narrows the search. Each type word matches in any of
    /// its spellings (`ResourceTypeWords.alternatives`).
    var filterCriteria: String? {
        let words = typeWords.map { Self.anyContains(Self.typeAttributes, ResourceTypeWords.alternatives(of: $0)) }
        var parts = anyWord && words.count > 1 ? ["(" + words.joined(separator: " OR ") + ")"] : words
        if let name { parts.append(Self.anyContains(Self.nameAttributes, [name])) }
        if let ipAddress { parts.append("ipAddress CONTAINS \"\(ipAddress)\"") }
        if let state { parts.append("state = \"\(state)\"") }
        if let agentInstalled { parts.append("agentInstalled = \"\(agentInstalled)\"") }
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
    }

    /// Whether `word` (in any of its spellings, ignoring case) is in one of the type attributes of an
    /// OpsQL row: the filter's test, made on a row already fetched.
    static func matches(word: String, in row: JSONValue) -> Bool {
        let spellings = ResourceTypeWords.alternatives(of: word).map { $0.lowercased() }
        return typeAttributes.contains { attribute in
            guard let value = AlertSummary.text(row[attribute])?.stringValue?.lowercased() else { return false }
            return spellings.contains { value.contains($0) }
        }
    }

    /// `(a CONTAINS "v" OR b CONTAINS "v" ...)` for each of `values`, each as written, in lower case,
    /// upper case and capitalised: OpsRamp does not document whether CONTAINS ignores case.
    static func anyContains(_ attributes: [String], _ values: [String]) -> String {
        var spellings: [String] = []
        for value in values {
            for spelling in [value, value.lowercased(), value.uppercased(), value.prefix(1).uppercased() + value.dropFirst().lowercased()]
            where !spellings.contains(spelling) {
                spellings.append(spelling)
            }
        }
        let conditions = spellings.flatMap { spelling in attributes.map { "\($0) CONTAINS \"\(spelling)\"" } }
        return "(" + conditions.joined(separator: " OR ") + ")"
    }
}
