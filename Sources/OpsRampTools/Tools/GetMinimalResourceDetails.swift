import JSON
import MCP
import OpsRampAPI

/// `get_minimal_resource_details`: find resources (devices, cloud instances, ...) by name, address or type.
enum GetMinimalResourceDetails {
    static let defaultLimit = 100
    static let maximumLimit = 1000

    static func make(_ environment: ToolEnvironment) -> Tool {
        Tool(
            name: "get_minimal_resource_details",
            title: "Find resources",
            description: """
                Lists OpsRamp resources (servers, network devices, cloud instances, ...) with their id, name, host name, \
                IP address and type. Filter by host_name, ip_address, device_type, resource_type, state and \
                agent_installed, or with query_string (e.g. dnsName:web-01+isEquals:true). `matched` counts all matches. \
                Use the ids with get_alerts resource_ids. For make, tags or other attributes, use execute_opsql_query.
                """,
            inputSchema: Schema.object([
                "host_name": Schema.string("Host name to match (substring match unless query_string has isEquals:true).", minLength: 1),
                "ip_address": Schema.string("IP address to match.", minLength: 1),
                "device_type": Schema.string("Operating system family (deviceType), e.g. Windows, Linux.", minLength: 1),
                "resource_type": Schema.string(
                    "OpsRamp's category (resourceType), e.g. DEVICE, DOCUMENT_DB, LOAD_BALANCER; not Windows/Linux "
                        + "(use device_type). Answers' resourceType holds Linux, Server, ROUTE_53, ...", minLength: 1),
                "state": Schema.string("Resource state.", enum: OpsRampClient.ResourceState.allCases.map(\.rawValue), default: "active"),
                "agent_installed": Schema.boolean("Only resources with (true) or without (false) an OpsRamp agent."),
                "query_string": Schema.string(
                    "Extra OpsRamp queryString filters. Keys: " + OpsRampClient.resourceQueryKeys.sorted().joined(separator: ", "),
                    minLength: 1),
                "limit": Schema.integer("Most resources to return.", minimum: 1, maximum: maximumLimit, default: defaultLimit),
            ]),
            outputSchema: Schema.openObject([
                "matched": Schema.integer("all matches in OpsRamp"),
                "returned": Schema.plainInteger,
                "state": Schema.plainString,
                "queryString": Schema.plainString,
                "resources": Schema.array(of: resourceSchema),
                "moreAvailable": Schema.plainBoolean,
                "pagesFetched": Schema.plainInteger,
                "incomplete": Schema.string("why pages OpsRamp has were not fetched"),
                "next": Schema.plainString,
                "hint": Schema.string("what to try when nothing matched"),
            ], required: ["matched", "returned", "resources", "moreAvailable"]),
            annotations: ToolAnnotations(openWorld: true),
            handler: { arguments, context in
                try await run(arguments, context: context, environment: environment)
            })
    }

    /// The type filters and the queryString key each one sends.
    static let typeArguments = [(argument: "device_type", key: "deviceType"), (argument: "resource_type", key: "resourceType")]

    static func run(_ arguments: ToolArguments, context: ToolContext, environment: ToolEnvironment) async throws -> ToolOutput {
        let limit = arguments.int("limit", default: defaultLimit)
        let state = OpsRampClient.ResourceState(rawValue: arguments.string("state", default: "active")) ?? .active
        let query = try buildQuery(arguments)

        let (collected, hint) = try await environment.withClient { client in
            let collected = try await client.minimalResources(query: query, state: state, limit: limit) { fetched, wanted in
                context.progress.report(Double(fetched), total: Double(wanted), message: "fetched \(fetched) of up to \(wanted) resources")
            }
            let matched = collected.totalResults ?? collected.items.count
            let hint = matched == 0 ? await zeroMatchHint(arguments, query: query, state: state, client: client) : nil
            return (collected, hint)
        }
        let matched = collected.totalResults ?? collected.items.count
        let compact = collected.items.map(compactResource)
        return ResultBudget.fit(compact, maxBytes: environment.maxResultBytes) { kept, dropped in
            var result: [String: JSONValue] = [
                "matched": .int(matched),
                "returned": .int(kept.count),
                "state": .string(state.rawValue),
                "queryString": .string(query.description),
                "resources": .array(kept),
                "moreAvailable": .bool(matched > kept.count || collected.moreAvailable),
                "pagesFetched": .int(collected.pagesFetched),
            ]
            result.setIfPresent("incomplete", collected.incomplete.map(JSONValue.string))
            result.setIfPresent("hint", hint.map(JSONValue.string))
            if matched > kept.count {
                let reason = dropped > 0 ? "to keep this answer under \(environment.maxResultBytes) bytes"
                    : collected.incomplete != nil ? "because not every page could be fetched (see incomplete)" : "by limit=\(limit)"
                result["next"] = .string("\(matched - kept.count) more resources match but were left out \(reason); "
                    + "narrow the filters (host_name, ip_address, device_type, resource_type, query_string)"
                    + (dropped == 0 && limit < maximumLimit ? " or raise limit (up to \(maximumLimit))." : "."))
            }
            return result
        }
    }

    static func buildQuery(_ arguments: ToolArguments) throws -> QueryString {
        var query = QueryString()
        do {
            if let host = arguments.string("host_name") { try query.add("hostName", host) }
            if let address = arguments.string("ip_address") { try query.add("ipAddress", address) }
            for (argument, key) in typeArguments {
                if let value = arguments.string(argument) { try query.add(key, value) }
            }
            if let agent = arguments.bool("agent_installed") { try query.add("agentInstalled", agent ? "true" : "false") }
            if let raw = arguments.string("query_string") {
                try query.merge(QueryString.parse(raw, allowedKeys: OpsRampClient.resourceQueryKeys))
            }
        } catch {
            throw ToolFailure("Invalid filter: \(error).")
        }
        return query
    }

    /// What to try when nothing matched. A type filter in one vocabulary is retried once in the other
    /// (resource_type DEVICE and device_type Linux are different lists), and the answer says what that found.
    static func zeroMatchHint(_ arguments: ToolArguments, query: QueryString, state: OpsRampClient.ResourceState,
                              client: OpsRampClient) async -> String {
        var hints: [String] = []
        for (index, type) in typeArguments.enumerated() {
            guard let value = arguments.string(type.argument) else { continue }
            let other = typeArguments[1 - index]
            let meaning = type.argument == "device_type"
                ? "device_type takes operating system families (Windows, Linux, ...)"
                : "resource_type takes OpsRamp's resource categories (DEVICE, DOCUMENT_DB, LOAD_BALANCER, ...)"
            var swapped = QueryString()
            for pair in query.pairs {
                if pair.key == type.key {
                    try? swapped.add(other.key, pair.values)
                } else if pair.key != other.key {
                    try? swapped.add(pair.key, pair.values)
                }
            }
            let probe = try? await client.minimalResources(query: swapped, state: state, limit: 1)
            let found = probe.map { $0.totalResults ?? $0.items.count } ?? 0
            if found > 0 {
                hints.append("\(meaning); \(other.argument) \"\(value)\" matches \(found) resource(s): call again with "
                    + "\(other.argument) instead of \(type.argument).")
            } else {
                hints.append("\(meaning); \(other.argument) \"\(value)\" matches nothing either.")
            }
        }
        if state != .all { hints.append("Only \(state.rawValue) resources were searched; state \"all\" includes the others.") }
        hints.append("host_name and ip_address match substrings; for make, tags or other attributes use execute_opsql_query.")
        return hints.joined(separator: " ")
    }

    /// Keeps the identifying fields and drops empty ones.
    /// The fields a compact resource may have; all text but `agentInstalled`.
    static let textFields = ["id", "name", "hostName", "ipAddress", "dnsName", "resourceName", "aliasName", "resourceType",
                             "type", "state", "status", "make", "model", "osName"]

    /// Schema of one compact resource, for `outputSchema`: every field declared, so typed clients keep them all.
    static let resourceSchema: JSONValue = {
        var properties: [String: JSONValue] = [:]
        for field in textFields { properties[field] = Schema.plainString }
        properties["id"] = Schema.string("usable in get_alerts resource_ids")
        properties["agentInstalled"] = Schema.plainBoolean
        return Schema.openObject(properties)
    }()

    /// Keeps the identifying fields and drops empty ones. Values are kept as text (numbers as their
    /// digits) so that each field has one type whatever the tenant sends; `agentInstalled` is a boolean.
    static func compactResource(_ resource: JSONValue) -> JSONValue {
        guard case .object(let fields) = resource else { return resource }
        var result: [String: JSONValue] = [:]
        for key in textFields {
            result.setIfPresent(key, AlertSummary.text(fields[key]))
        }
        switch fields["agentInstalled"] {
        case .bool(let flag)?: result["agentInstalled"] = .bool(flag)
        case .string(let text)? where ["true", "false"].contains(text.lowercased()): result["agentInstalled"] = .bool(text.lowercased() == "true")
        default: break
        }
        return .object(result)
    }
}
