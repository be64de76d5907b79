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
                IP address and type. Filter by host_name, ip_address, resource_type, state and agent_installed, or \
                with query_string (OpsRamp queryString, e.g. dnsName:web-01+isEquals:true). Use the ids with \
                get_alerts resource_ids. For filters on make, tags or other attributes, use execute_opsql_query.
                """,
            inputSchema: Schema.object([
                "host_name": Schema.string("Host name to match (substring match unless query_string has isEquals:true).", minLength: 1),
                "ip_address": Schema.string("IP address to match.", minLength: 1),
                "resource_type": Schema.string("Resource type as OpsRamp names it, e.g. Linux, Windows, Server, Network Device.", minLength: 1),
                "state": Schema.string("Resource state.", enum: ["active", "inactive", "discovered", "all"], default: "active"),
                "agent_installed": Schema.boolean("Only resources with (true) or without (false) an OpsRamp agent."),
                "query_string": Schema.string(
                    "Extra OpsRamp queryString filters. Keys: " + OpsRampClient.resourceQueryKeys.sorted().joined(separator: ", "),
                    minLength: 1),
                "limit": Schema.integer("Most resources to return.", minimum: 1, maximum: maximumLimit, default: defaultLimit),
            ]),
            outputSchema: Schema.openObject([
                "matched": Schema.plainInteger,
                "returned": Schema.plainInteger,
                "state": Schema.plainString,
                "queryString": Schema.plainString,
                "resources": Schema.array(of: Schema.openObject(["id": Schema.any("resource id, usable in get_alerts resource_ids")])),
                "moreAvailable": Schema.plainBoolean,
            ], required: ["matched", "returned", "resources", "moreAvailable"]),
            annotations: ToolAnnotations(openWorld: true),
            handler: { arguments, _ in
                try await run(arguments, environment: environment)
            })
    }

    static func run(_ arguments: ToolArguments, environment: ToolEnvironment) async throws -> ToolOutput {
        let limit = arguments.int("limit", default: defaultLimit)
        let stateName = arguments.string("state", default: "active")
        let state = OpsRampClient.ResourceState(rawValue: stateName) ?? .active
        var query = QueryString()
        do {
            if let host = arguments.string("host_name") { try query.add("hostName", host) }
            if let address = arguments.string("ip_address") { try query.add("ipAddress", address) }
            if let type = arguments.string("resource_type") { try query.add("resourceType", type) }
            if let agent = arguments.bool("agent_installed") { try query.add("agentInstalled", agent ? "true" : "false") }
            if let raw = arguments.string("query_string") {
                try query.merge(QueryString.parse(raw, allowedKeys: OpsRampClient.resourceQueryKeys))
            }
        } catch {
            throw ToolFailure("Invalid filter: \(error).")
        }

        let resources = try await environment.withClient { client in
            try await client.minimalResources(query: query, state: state)
        }
        let compact = resources.prefix(limit).map(compactResource)
        return ResultBudget.fit(Array(compact), maxBytes: environment.maxResultBytes) { kept, dropped in
            var result: [String: JSONValue] = [
                "matched": .int(resources.count),
                "returned": .int(kept.count),
                "state": .string(state.rawValue),
                "queryString": .string(query.description),
                "resources": .array(kept),
                "moreAvailable": .bool(resources.count > kept.count),
            ]
            if resources.count > kept.count {
                let reason = dropped > 0 ? "to keep this answer under \(environment.maxResultBytes) bytes" : "by limit=\(limit)"
                result["next"] = .string("\(resources.count - kept.count) more resources match but were left out \(reason); narrow the filters (host_name, ip_address, resource_type, query_string).")
            }
            return result
        }
    }

    /// Keeps the identifying fields and drops empty ones.
    static func compactResource(_ resource: JSONValue) -> JSONValue {
        guard case .object(let fields) = resource else { return resource }
        var result: [String: JSONValue] = [:]
        for key in ["id", "name", "hostName", "ipAddress", "dnsName", "resourceName", "aliasName", "resourceType",
                    "type", "state", "status", "make", "model", "osName", "agentInstalled"] {
            if let value = AlertSummary.meaningful(fields[key]) { result[key] = value }
        }
        return .object(result)
    }
}
