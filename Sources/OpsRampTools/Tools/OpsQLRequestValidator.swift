import OpsRampAPI
import OpsRampJSON
import OpsRampMCP
import OpsRampSecrets

/// Checks an OpsQL request body before it costs a request (and a slot of the rate limit).
enum OpsQLRequestValidator {
    static let knownKeys: Set<String> = [
        "objectType", "fields", "filterCriteria", "pageNo", "pageSize", "sortBy", "sortByOrder", "groupBy", "aggregateFunction",
    ]

    /// The request body, or a tool failure naming the problem and pointing at `examplesTool` (when
    /// served; otherwise at the `opsql://examples` resource, which is always there).
    static func validate(_ raw: JSONValue, examplesTool: String? = ToolName.getQueryExamples.rawValue) throws -> [String: JSONValue] {
        do {
            return try check(raw)
        } catch let problem as Problem {
            let examples = examplesTool.map { "Call \($0) for working examples." } ?? "The opsql://examples resource has working examples."
            throw ToolFailure("Invalid OpsQL query: \(problem.detail). \(examples)")
        }
    }

    private struct Problem: Error {
        let detail: String
    }

    private static func check(_ raw: JSONValue) throws -> [String: JSONValue] {
        let value: JSONValue
        switch raw {
        case .object:
            value = raw
        case .string(let text):
            do {
                value = try JSONParser.parse(text)
            } catch {
                throw problem("query is not valid JSON (\(error))")
            }
        default:
            throw problem("query must be a JSON object, got \(raw.typeName)")
        }
        guard case .object(let body) = value else {
            throw problem("query must be a JSON object, got \(value.typeName)")
        }
        if let unknown = body.keys.sorted().first(where: { !knownKeys.contains($0) }) {
            throw problem("\"\(Excerpt.of(unknown))\" is not an OpsQL request field; allowed: \(knownKeys.sorted().joined(separator: ", "))")
        }
        guard let objectType = body["objectType"]?.stringValue else {
            throw problem("objectType is required (one of \(ExecuteOpsQLQuery.objectTypes.joined(separator: ", ")))")
        }
        guard ExecuteOpsQLQuery.objectTypes.contains(objectType) else {
            throw problem(
                "objectType \"\(Excerpt.of(objectType))\" is not one OpsQL accepts; "
                    + "use one of \(ExecuteOpsQLQuery.objectTypes.joined(separator: ", "))"
            )
        }
        let isAggregate = body["aggregateFunction"] != nil
        if let fields = body["fields"] {
            guard let list = fields.arrayValue, !list.isEmpty,
                list.allSatisfy({ ($0.stringValue.map { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) ?? false })
            else { throw problem("fields must be a non-empty list of attribute names, e.g. [\"id\", \"name\"]") }
        } else if !isAggregate {
            throw problem("fields is required: list the attributes to return, e.g. [\"id\", \"name\", \"currentState\"]")
        }
        if let filter = body["filterCriteria"], filter.stringValue == nil {
            throw problem("filterCriteria must be a string such as currentState = \"CRITICAL\"")
        }
        if let filter = body["filterCriteria"]?.stringValue, let issue = filterIssue(filter) {
            throw problem(issue)
        }
        for (key, maximum) in [("pageNo", 1_000_000), ("pageSize", 1000)] {
            if let number = body[key] {
                guard let int = number.intValue, (1...maximum).contains(int) else {
                    throw problem("\(key) must be an integer from 1 to \(maximum)")
                }
            }
        }
        if let order = body["sortByOrder"], order.stringValue.map({ ["ASC", "DESC"].contains($0.uppercased()) }) != true {
            throw problem("sortByOrder must be \"ASC\" or \"DESC\"")
        }
        if let sortBy = body["sortBy"], sortBy.stringValue == nil { throw problem("sortBy must be a field name") }
        if let groupBy = body["groupBy"], groupBy.arrayValue?.allSatisfy({ $0.stringValue != nil }) != true {
            throw problem("groupBy must be a list of field names ([] for a plain count)")
        }
        if let function = body["aggregateFunction"], function.stringValue == nil {
            throw problem("aggregateFunction must be a string such as \"count\"")
        }
        return body
    }

    /// Catches the common slips in a filter: unbalanced quotes or parentheses.
    static func filterIssue(_ filter: String) -> String? {
        if filter.trimmingCharacters(in: .whitespaces).isEmpty { return "filterCriteria is empty; leave it out or write a condition" }
        var depth = 0
        var quote: Character?
        for character in filter {
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth < 0 { return "filterCriteria has a ')' without a matching '('" }
            default: break
            }
        }
        if quote != nil { return "filterCriteria has an unclosed quote" }
        if depth != 0 { return "filterCriteria has an unclosed '('" }
        return nil
    }

    private static func problem(_ detail: String) -> Problem {
        Problem(detail: detail)
    }
}
