import Foundation
import OpsRampAPI
import OpsRampMCP

/// OpsRamp's alert filter values (the enums in OpsRampAPI's `AlertVocabulary.swift`), accepted in any case and
/// sent in OpsRamp's own spelling: states in Title case (`Critical`), priorities as `P0`…`P5`, actions in capitals (`OPEN`).
enum AlertFilterVocabulary {
    static let states = AlertState.spellings
    static let priorities = AlertPriority.spellings
    static let actions = AlertAction.spellings

    /// The vocabulary of a queryString key, when it has a closed one.
    static func values(forKey key: String) -> [String]? {
        switch key {
        case "states": states
        case "priority": priorities
        case "actions": actions
        default: nil
        }
    }

    /// Each value as a term of `Term`, without repeats; an unknown one is a tool failure listing the valid ones.
    static func parse<Term: AlertVocabularyTerm>(_ values: [String], argument: String, as _: Term.Type) throws -> [Term] {
        var result: [Term] = []
        for raw in values {
            guard let known = Term(anyCase: raw) else {
                let value = raw.trimmingCharacters(in: .whitespaces)
                let shown = value.count > 40 ? String(value.prefix(40)) + "..." : value
                throw ToolFailure("Invalid \(argument): \"\(shown)\" is not one of \(Term.spellings.joined(separator: ", ")) (any case is accepted).")
            }
            if !result.contains(known) { result.append(known) }
        }
        return result
    }

    /// Known values of a parsed queryString put in OpsRamp's spelling; other values are left as written.
    static func normalizeKnownValues(_ query: QueryString) throws(QueryStringError) -> QueryString {
        var result = QueryString()
        for pair in query.pairs {
            guard let vocabulary = values(forKey: pair.key) else {
                try result.add(pair.key, pair.values)
                continue
            }
            let spelled = pair.values.map { value in vocabulary.first { $0.lowercased() == value.lowercased() } ?? value }
            try result.add(pair.key, spelled)
        }
        return result
    }
}
