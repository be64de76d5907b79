import OpsRampAPI
import OpsRampJSON
import OpsRampMCP

/// `get_minimal_resource_details`: find resources (devices, cloud instances, ...) by kind, name or
/// address, with their state and, for a small set, their open alert counts by state, in one call.
///
/// A `type` in plain words is served by OpsQL, which knows make, nativeType and each resource's
/// state; the other filters use `resources/minimal`, OpsRamp's own lookup. When that lookup finds
/// nothing for a type or host name, the forgiving OpsQL match is tried before answering.
enum GetMinimalResourceDetails {
    static let defaultLimit = 100
    static let maximumLimit = 1000
    static let maximumOffset = 1_000_000
    /// Open alert counts come by default with answers of at most this many resources.
    static let alertCountsUpTo = 50

    static func make(_ environment: ToolEnvironment) -> Tool {
        let names = environment.names
        return Tool(
            name: names[.getMinimalResourceDetails],
            title: "Resource status",
            description: """
                Resources with their state and (up to \(alertCountsUpTo)) open alert counts. type takes plain words (EC2, \
                AWS EC2, Linux, switch) matched in make, nativeType, type and os.
                """ + (names.available(.getAlerts).map { " Ids fit \($0) resource_ids." } ?? ""),
            inputSchema: Schema.object([
                "type": Schema.string("Kind of resource, in plain words."),
                "host_name": Schema.string("Name or part of one."),
                "ip_address": Schema.string("Address or part of one."),
                "device_type": Schema.string("OpsRamp's deviceType: Windows, Linux."),
                "resource_type": Schema.string("OpsRamp's resourceType: DEVICE, LOAD_BALANCER, ..."),
                "state": Schema.string("Default active; with type, all.", enum: OpsRampClient.ResourceState.allCases.map(\.rawValue)),
                "agent_installed": Schema.boolean("Has an OpsRamp agent."),
                "query_string": Schema.string("More key:value filters joined by +, e.g. deviceGroup:web."),
                "open_alerts": Schema.boolean("Open alert counts (default up to \(alertCountsUpTo))."),
                "limit": Schema.integer("Most resources.", minimum: 1, maximum: maximumLimit, default: defaultLimit),
                "offset": Schema.offset,
            ]),
            outputSchema: Schema.openObject([
                "matched": Schema.plainInteger,
                "matchedIsExact": Schema.plainBoolean,
                "returned": Schema.plainInteger,
                "matchedAs": Schema.plainString,
                "state": Schema.plainString,
                "type": Schema.array(of: Schema.plainString),
                "queryString": Schema.plainString,
                "note": Schema.plainString,
                "hint": Schema.plainString,
                "common": Schema.freeObject(),
                "resources": Schema.array(of: ResourceRows.schema),
                "openAlerts": Schema.counts(nil),
                "alertCounts": Schema.plainString,
                "moreAvailable": Schema.plainBoolean,
                "incomplete": Schema.plainString,
                "truncated": Schema.plainString,
                "next": Continuation.schema,
            ]),
            annotations: ToolAnnotations(openWorld: true),
            handler: { arguments, context in
                try await run(arguments, context: context, environment: environment)
            })
    }

    static func run(_ arguments: ToolArguments, context: ToolContext, environment: ToolEnvironment) async throws -> ToolOutput {
        let limit = arguments.int("limit", default: defaultLimit)
        let request = try ResourceRequest(arguments)
        let (search, counts) = try await environment.withClient { client -> (ResourceSearch, AlertCountsOutcome) in
            let search = try await request.search(limit: limit, client: client, progress: context.progress)
            let wanted = arguments.bool("open_alerts") ?? (search.rows.count <= alertCountsUpTo)
            guard wanted, !search.rows.isEmpty else { return (search, .notAsked) }
            return (search, await alertCounts(for: search.rows, client: client))
        }
        return answer(search, counts: counts, arguments: arguments, limit: limit, environment: environment)
    }

    /// The open alert counts of the first resources; a failure leaves the listing standing and is
    /// reported as missing counts, never as zeros.
    static func alertCounts(for rows: [[String: JSONValue]], client: OpsRampClient) async -> AlertCountsOutcome {
        let ids = rows.prefix(ResourceAlertCounts.maximumResources).compactMap { AlertSummary.text($0["id"])?.stringValue }
        // Without ids the search would count every open alert of the tenant.
        guard !ids.isEmpty else { return .failed("the resources found carry no ids") }
        do {
            return .counted(try await ResourceAlertCounts.fetch(ids: ids, client: client))
        } catch {
            return .failed(error.userMessage)
        }
    }

    enum AlertCountsOutcome: Sendable {
        case notAsked
        case counted(ResourceAlertCounts)
        case failed(String)
    }

    static func answer(
        _ search: ResourceSearch, counts: AlertCountsOutcome, arguments: ToolArguments, limit: Int,
        environment: ToolEnvironment
    ) -> ToolOutput {
        var rows = search.rows
        if case .counted(let counted) = counts {
            rows = rows.enumerated().map { $0.offset < ResourceAlertCounts.maximumResources ? counted.annotate($0.element) : $0.element }
        }
        let context = AlertContext(tenantID: environment.tenantID)
        rows = rows.map { ResourceRows.withClient($0, context: context) }
        return ResultBudget.fitRows(
            rows.map(JSONValue.object), compaction: ResourceRows.compaction, listKey: "resources",
            maxBytes: environment.maxResultBytes
        ) { kept, dropped in
            var result = search.described
            result["matched"] = .int(search.matched)
            var notes = [search.note].compactMap { $0 }
            if !search.matchedIsExact {
                result["matchedIsExact"] = false
                notes.append("At least \(search.matched) resources match; OpsRamp did not say how many in all.")
            }
            result["returned"] = .int(kept.count)
            result.setIfPresent("note", notes.isEmpty ? nil : .string(notes.joined(separator: " ")))
            // Resources that match only some of the type's words are a hint of what else to ask for.
            let hints = [search.hint, search.partial].compactMap { $0 }
            result.setIfPresent("hint", hints.isEmpty ? nil : .string(hints.joined(separator: " ")))
            result.setIfPresent("matchedAs", search.matchedAs.map(JSONValue.string))
            result.setIfPresent("incomplete", search.incomplete.map(JSONValue.string))
            switch counts {
            case .notAsked:
                break
            case .failed(let message):
                result["alertCounts"] = .string("not available: \(message)")
            case .counted(let counted):
                result["openAlerts"] = ResourceRows.totals(Array(kept))
                var notes = counted.partial.map { [$0] } ?? []
                if rows.count > ResourceAlertCounts.maximumResources {
                    notes.append("only the first \(ResourceAlertCounts.maximumResources) resources are counted")
                }
                if !notes.isEmpty { result["alertCounts"] = .string(notes.joined(separator: "; ")) }
            }
            result["moreAvailable"] = .bool(dropped > 0 || search.moreAvailable)
            let tool = environment.names[.getMinimalResourceDetails]
            let position = search.offset + kept.count
            if dropped > 0 {
                result["truncated"] = .string(
                    "\(dropped) of the \(rows.count) resources fetched did not fit in "
                        + "\(environment.maxResultBytes) bytes; next continues with them (or narrow the search: type, host_name, state).")
                result["next"] =
                    Continuation(
                        tool: tool, original: arguments, window: nil,
                        changes: ["offset": .int(position), "limit": .int(max(1, limit - kept.count))]
                    ).json
            } else if search.moreAvailable, search.incomplete == nil {
                // From the start, everything at once when OpsRamp's count says it fits in one call; else the next block.
                let changes: [String: JSONValue] =
                    search.offset == 0 && search.matchedIsExact && search.matched <= maximumLimit
                    ? ["limit": .int(max(search.matched, limit + 1))]
                    : ["offset": .int(position), "limit": .int(limit)]
                result["next"] = Continuation(tool: tool, original: arguments, window: nil, changes: changes).json
            }
            return result
        }
    }
}
