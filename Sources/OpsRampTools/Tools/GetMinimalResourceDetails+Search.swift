import Foundation
import JSON
import MCP
import OpsRampAPI

/// What a resource search found, ready to answer with.
struct ResourceSearch: Sendable {
    var rows: [[String: JSONValue]]
    /// OpsRamp's number of matches.
    var matched: Int
    var moreAvailable: Bool
    var incomplete: String?
    /// The fields that say what was searched (`state`, `queryString` or `type`).
    var described: [String: JSONValue]
    /// How the rows were matched, when not as the arguments asked (a fallback found them).
    var note: String?
    /// What to try next, when nothing matched.
    var hint: String?
}

/// The arguments of `get_minimal_resource_details`, read and checked.
struct ResourceRequest: Sendable {
    /// The type filters of `resources/minimal` and the queryString key each one sends.
    static let typeArguments = [(argument: "device_type", key: "deviceType"), (argument: "resource_type", key: "resourceType")]

    let typeWords: [String]?
    let hostName: String?
    let ipAddress: String?
    let explicitState: OpsRampClient.ResourceState?
    let agentInstalled: Bool?
    let queryString: String?
    /// The `device_type` or `resource_type` given: argument, queryString key, value.
    let typeFilter: (argument: String, key: String, value: String)?
    let minimalQuery: QueryString

    init(_ arguments: ToolArguments) throws {
        /// A blank text argument filters nothing, so it counts as not given.
        func text(_ name: String) -> String? {
            arguments.string(name).map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        hostName = try text("host_name").map { try ResourceMatch.checked($0, argument: "host_name") }
        ipAddress = try text("ip_address").map { try ResourceMatch.checked($0, argument: "ip_address") }
        explicitState = arguments.string("state").flatMap(OpsRampClient.ResourceState.init(rawValue:))
        agentInstalled = arguments.bool("agent_installed")
        queryString = text("query_string")
        let given = Self.typeArguments.compactMap { type in text(type.argument).map { (type.argument, type.key, $0) } }
        typeFilter = given.first
        if let type = arguments.string("type") {
            if let other = given.first?.0 ?? (queryString != nil ? "query_string" : nil) {
                throw ToolFailure("type cannot be combined with \(other): type already matches make, nativeType, type and os. "
                    + "Give one of them.")
            }
            typeWords = try ResourceMatch.words(of: try ResourceMatch.checked(type, argument: "type"))
        } else {
            typeWords = nil
        }
        var query = QueryString()
        do {
            if let hostName { try query.add("hostName", hostName) }
            if let ipAddress { try query.add("ipAddress", ipAddress) }
            for (_, key, value) in given { try query.add(key, value) }
            if let agentInstalled { try query.add("agentInstalled", agentInstalled ? "true" : "false") }
            if let queryString {
                try query.merge(QueryString.parse(queryString, allowedKeys: OpsRampClient.resourceQueryKeys))
            }
        } catch {
            throw ToolFailure("Invalid filter: \(error).")
        }
        minimalQuery = query
    }

    /// The forgiving OpsQL match for `words` and the other filters; every state unless one was asked for.
    func match(words: [String], state: OpsRampClient.ResourceState?) -> ResourceMatch {
        let state = state.flatMap { $0 == .all ? nil : $0.rawValue }
        return ResourceMatch(typeWords: words, name: hostName, ipAddress: ipAddress, state: state, agentInstalled: agentInstalled)
    }

    func search(limit: Int, client: OpsRampClient, progress: ProgressReporter) async throws -> ResourceSearch {
        if let typeWords {
            var found = try await opsql(match(words: typeWords, state: explicitState), limit: limit, client: client)
            if found.matched == 0 { found.hint = await knownTypesHint(state: explicitState, client: client) }
            return found
        }
        let state = explicitState ?? .active
        let collected = try await client.minimalResources(query: minimalQuery, state: state, limit: limit) { fetched, wanted in
            progress.report(Double(fetched), total: Double(wanted), message: "fetched \(fetched) of up to \(wanted) resources")
        }
        let direct = ResourceSearch(
            rows: collected.items.map(ResourceRows.row), matched: collected.totalResults ?? collected.items.count,
            moreAvailable: collected.moreAvailable, incomplete: collected.incomplete,
            described: ["state": .string(state.rawValue), "queryString": .string(minimalQuery.description)])
        guard direct.matched == 0, queryString == nil else { return direct }
        return await fallback(from: direct, state: state, limit: limit, client: client)
    }

    /// Nothing matched OpsRamp's own filters: try the other type vocabulary, then the forgiving match,
    /// and use what they find; otherwise say what exists and what to try.
    func fallback(from direct: ResourceSearch, state: OpsRampClient.ResourceState, limit: Int, client: OpsRampClient) async -> ResourceSearch {
        var hints: [String] = []
        if let type = typeFilter {
            let other = Self.typeArguments.first { $0.argument != type.argument } ?? (type.argument, type.key)
            var swapped = QueryString()
            for pair in minimalQuery.pairs {
                try? swapped.add(pair.key == type.key ? other.key : pair.key, pair.values)
            }
            if let probe = try? await client.minimalResources(query: swapped, state: state, limit: limit),
               (probe.totalResults ?? probe.items.count) > 0 {
                return ResourceSearch(
                    rows: probe.items.map(ResourceRows.row), matched: probe.totalResults ?? probe.items.count,
                    moreAvailable: probe.moreAvailable, incomplete: probe.incomplete,
                    described: ["state": .string(state.rawValue), "queryString": .string(swapped.description)],
                    note: "\(type.argument) \"\(type.value)\" matched nothing; these match it as \(other.argument).")
            }
            if let words = try? ResourceMatch.words(of: type.value) {
                let forgiving = explicitState.map { _ in state }
                switch await attempt(match(words: words, state: forgiving), limit: limit, client: client) {
                case .success(var found) where found.matched > 0:
                    found.note = "\(type.argument) \"\(type.value)\" is not a value OpsRamp's filter knows; these match it as type "
                        + "(in make, nativeType, type or os)."
                    return found
                case .success:
                    break
                case .failure(let message):
                    hints.append("A wider match by type needs OpsQL, which failed: \(message)")
                }
            }
            if let known = await knownTypesHint(state: explicitState.map { _ in state }, client: client) { hints.append(known) }
        } else if hostName != nil {
            switch await attempt(match(words: [], state: state), limit: limit, client: client) {
            case .success(var found) where found.matched > 0:
                found.note = "No host name matched; these match by name, DNS name or alias."
                return found
            case .success:
                break
            case .failure(let message):
                hints.append("A wider match by name needs OpsQL, which failed: \(message)")
            }
        }
        if state != .all { hints.append("Only \(state.rawValue) resources were searched; state \"all\" includes the others.") }
        hints.append("type takes plain words such as EC2, Linux or switch; host_name and ip_address match parts of names and addresses.")
        var answer = direct
        answer.hint = hints.joined(separator: " ")
        return answer
    }

    /// The OpsQL search, with its failure as a message instead of an error.
    func attempt(_ match: ResourceMatch, limit: Int, client: OpsRampClient) async -> Result<ResourceSearch, FallbackFailure> {
        do {
            return .success(try await opsql(match, limit: limit, client: client))
        } catch {
            return .failure(FallbackFailure(message: (error as? OpsRampError)?.userMessage ?? "\(error)"))
        }
    }

    struct FallbackFailure: Error {
        let message: String
    }

    /// Resources matching `match`, through OpsQL; `matched` is exact (a count when more pages exist).
    func opsql(_ match: ResourceMatch, limit: Int, client: OpsRampClient) async throws -> ResourceSearch {
        var body: [String: JSONValue] = [
            "objectType": "resource",
            "fields": .array(ResourceMatch.fields.map(JSONValue.string)),
            "pageSize": .int(min(limit, OpsRampClient.defaultOpsQLPageSize)),
        ]
        body.setIfPresent("filterCriteria", match.filterCriteria.map(JSONValue.string))
        let collected = try await client.runOpsQL(body, limit: limit)
        var matched = collected.items.count
        if collected.moreAvailable {
            var count = body
            count["fields"] = nil
            count["pageSize"] = nil
            count["aggregateFunction"] = "count"
            count["groupBy"] = []
            let page = try await client.opsqlPage(count)
            matched = page.count ?? page.results.first.flatMap { $0["count"]?.intValue } ?? matched
        }
        var described: [String: JSONValue] = ["state": .string(match.state ?? "all")]
        if !match.typeWords.isEmpty { described["type"] = .array(match.typeWords.map(JSONValue.string)) }
        return ResourceSearch(rows: collected.items.map(ResourceRows.row), matched: matched, moreAvailable: collected.moreAvailable,
                              incomplete: collected.incomplete, described: described)
    }

    /// The kinds of resources that exist (make and nativeType, with how many of each), for a type
    /// that matched nothing; `nil` when they cannot be read.
    func knownTypesHint(state: OpsRampClient.ResourceState?, client: OpsRampClient) async -> String? {
        var body: [String: JSONValue] = ["objectType": "resource", "fields": ["make", "nativeType"], "pageSize": 500]
        if let state, state != .all { body["filterCriteria"] = .string("state = \"\(state.rawValue)\"") }
        guard let page = try? await client.opsqlPage(body), !page.results.isEmpty else { return nil }
        var counts: [String: Int] = [:]
        for row in page.results {
            let kind = [row["make"], row["nativeType"]].compactMap { AlertSummary.text($0)?.stringValue }.joined(separator: " ")
            counts[kind.isEmpty ? "(no make or nativeType)" : kind, default: 0] += 1
        }
        let listed = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(15).map { "\($0.key) (\($0.value))" }
        let sample = page.nextPage ? " among the first \(page.results.count) resources" : ""
        return "No resource matched every word of the type in make, nativeType, type or os. Kinds that exist\(sample) "
            + "(make and nativeType): \(listed.joined(separator: ", ")); call again with words from one of them."
    }
}
