import Foundation
import MCP
import OpsRampAPI

/// OpsRamp's alert filter values, accepted in any case and sent in OpsRamp's own spelling:
/// states in Title case (`Critical`), priorities as `P0`…`P5`, actions in capitals (`OPEN`).
enum AlertVocabulary {
    static let states = ["Critical", "Warning", "Info", "Ok"]
    static let priorities = ["P0", "P1", "P2", "P3", "P4", "P5"]
    static let actions = OpsRampClient.alertActions

    /// The vocabulary of a queryString key, when it has a closed one.
    static func values(forKey key: String) -> [String]? {
        switch key {
        case "states": states
        case "priority": priorities
        case "actions": actions
        default: nil
        }
    }

    /// Each value in OpsRamp's spelling; an unknown one is a tool failure listing the valid ones.
    static func normalize(_ values: [String], argument: String, vocabulary: [String]) throws -> [String] {
        var result: [String] = []
        for raw in values {
            let value = raw.trimmingCharacters(in: .whitespaces)
            guard let known = vocabulary.first(where: { $0.lowercased() == value.lowercased() }) else {
                let shown = value.count > 40 ? String(value.prefix(40)) + "..." : value
                throw ToolFailure("Invalid \(argument): \"\(shown)\" is not one of \(vocabulary.joined(separator: ", ")) (any case is accepted).")
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
