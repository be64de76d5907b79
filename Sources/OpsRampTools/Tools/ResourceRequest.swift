import Foundation
import OpsRampAPI
import OpsRampJSON
import OpsRampMCP
import OpsRampSupport

/// The arguments of `get_minimal_resource_details`, read and checked.
struct ResourceRequest: Sendable {
    /// The type filters of `resources/minimal` and the queryString key each one sends.
    static let typeArguments = [(argument: "device_type", key: "deviceType"), (argument: "resource_type", key: "resourceType")]

    let typeWords: ResourceTypeWords?
    /// The position among all matches of the first resource wanted.
    let offset: Int
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
                throw ToolFailure(
                    "type cannot be combined with \(other): type already matches make, nativeType, type and os. "
                        + "Give one of them.")
            }
            typeWords = try ResourceTypeWords(try ResourceMatch.checked(type, argument: "type"))
        } else {
            typeWords = nil
        }
        offset = arguments.int("offset", default: 0)
        guard offset <= GetMinimalResourceDetails.maximumOffset else {
            throw ToolFailure("offset \(offset) is beyond any result set; use a smaller one.")
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
            var found = try await opsql(match(words: typeWords.distinctive, state: explicitState), limit: limit, client: client)
            found.matchedAs = typeWords.explanation
            if found.matched == 0, offset == 0 { found.hint = await knownTypesHint(state: explicitState, client: client) }
            return found
        }
        let state = explicitState ?? .active
        let collected = try await client.minimalResources(query: minimalQuery, state: state, limit: offset + limit) { fetched, wanted in
            progress.report(Double(fetched), total: Double(wanted), message: "fetched \(fetched) of up to \(wanted) resources")
        }
        let direct = ResourceSearch(
            minimal: collected, offset: offset, limit: limit,
            described: ["state": .string(state.rawValue), "queryString": .string(minimalQuery.description)])
        guard direct.matched == 0, direct.incomplete == nil, offset == 0, queryString == nil else { return direct }
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
            if let probe = try? await client.minimalResources(query: swapped, state: state, limit: limit), !probe.items.isEmpty {
                return ResourceSearch(
                    minimal: probe, offset: 0, limit: limit,
                    described: ["state": .string(state.rawValue), "queryString": .string(swapped.description)],
                    note: "\(type.argument) \"\(type.value)\" matched nothing; these match it as \(other.argument).")
            }
            if let words = try? ResourceTypeWords(type.value) {
                let forgiving = explicitState.map { _ in state }
                switch await attempt(match(words: words.distinctive, state: forgiving), limit: limit, client: client) {
                case .success(var found) where found.matched > 0:
                    found.note = "\(type.argument) \"\(type.value)\" is not a value OpsRamp's filter knows; these match it as type."
                    found.matchedAs = words.explanation
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
            return .failure(FallbackFailure(message: (error as? UserFacingError)?.userMessage ?? "\(error)"))
        }
    }

    struct FallbackFailure: Error {
        let message: String
    }
}
