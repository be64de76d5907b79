import OpsRampJSON

/// An OpsQL request body (reference §9), validated.
struct OpsQLQuery: Sendable {
    static let defaultPageSize = 100
    /// Largest accepted OpsQL `pageSize`; undocumented (§9), clients use up to 1000.
    static let maxPageSize = 1000

    let objectType: OpsQLObjectType
    /// Requested fields; empty means whole objects.
    let fields: [String]
    let filter: FilterExpression?
    let page: PageRequest
    let sortBy: String?
    let descending: Bool
    /// `count` or `nil`.
    let aggregateFunction: String?
    let groupBy: [String]

    init(body: [UInt8]) throws(Rejection) {
        let json: JSONValue
        do throws(JSONParseError) {
            json = try JSONParser.parse(body)
        } catch {
            throw Self.reject("Invalid request body: \(error.description)")
        }
        guard case .object(let members) = json else { throw Self.reject("Invalid request body: expected a JSON object") }
        guard let typeName = members["objectType"]?.stringValue,
            let objectType = OpsQLObjectType(rawValue: typeName.lowercased())
        else { throw Self.reject("Invalid objectType") }
        self.objectType = objectType
        fields = try Self.strings(members["fields"], name: "fields")
        groupBy = try Self.strings(members["groupBy"], name: "groupBy")

        switch members["filterCriteria"] {
        case nil, .null:
            filter = nil
        case .string(let text):
            do throws(FilterSyntaxError) {
                filter = try FilterParser.parse(text)
            } catch {
                throw Self.reject("Invalid filterCriteria: \(error.message)")
            }
        default:
            throw Self.reject("Invalid filterCriteria: expected a string")
        }

        let pageNo = try Self.integer(members["pageNo"], name: "pageNo") ?? 1
        let pageSize = try Self.integer(members["pageSize"], name: "pageSize") ?? Self.defaultPageSize
        guard pageNo >= 1 else { throw Self.reject("pageNo must be at least 1") }
        guard (1...Self.maxPageSize).contains(pageSize) else {
            throw Self.reject("pageSize must be between 1 and \(Self.maxPageSize)")
        }
        page = PageRequest(pageNo: pageNo, pageSize: pageSize)

        sortBy = members["sortBy"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        switch members["sortByOrder"]?.stringValue?.uppercased() {
        case nil, "ASC": descending = false
        case "DESC": descending = true
        case .some(let other): throw Self.reject("Invalid sortByOrder: \(other)")
        }

        switch members["aggregateFunction"] {
        case nil, .null:
            aggregateFunction = nil
        case .string(let name) where name.lowercased() == "count":
            aggregateFunction = "count"
        default:
            throw Self.reject("Unsupported aggregateFunction")
        }
    }

    /// A dotted attribute among the fields, the grouping, the sort or the filter: a join with another object.
    var isJoin: Bool {
        (fields + groupBy + [sortBy ?? ""]).contains { $0.contains(".") } || (filter?.attributes.contains { $0.contains(".") } ?? false)
    }

    private static func reject(_ message: String) -> Rejection {
        Rejection(response: APIErrors.badRequest(message))
    }

    private static func strings(_ value: JSONValue?, name: String) throws(Rejection) -> [String] {
        guard let value, !value.isNull else { return [] }
        guard let items = value.arrayValue else { throw reject("Invalid \(name): expected an array of strings") }
        var strings: [String] = []
        for item in items {
            guard let text = item.stringValue else { throw reject("Invalid \(name): expected an array of strings") }
            strings.append(text)
        }
        return strings
    }

    /// A JSON integer, or a string holding one (loosely typed clients send both).
    private static func integer(_ value: JSONValue?, name: String) throws(Rejection) -> Int? {
        switch value {
        case nil, .null: return nil
        case .number(let number):
            guard let int = number.intValue else { throw reject("\(name) must be an integer") }
            return int
        case .string(let text):
            guard let int = Int(text) else { throw reject("\(name) must be an integer") }
            return int
        default:
            throw reject("\(name) must be an integer")
        }
    }
}
