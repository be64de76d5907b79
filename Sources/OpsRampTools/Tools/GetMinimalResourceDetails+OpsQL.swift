import JSON
import MCP
import OpsRampAPI

/// The OpsQL side of a resource search: the forgiving match by type, its exact count, the resources
/// that match only some of the type's words, and the kinds that exist when nothing matched.
extension ResourceRequest {
    /// Resources matching `match` from `offset` on, through OpsQL; `matched` is exact (a count when
    /// more pages exist), and resources that match only some of the type's words are counted apart.
    func opsql(_ match: ResourceMatch, limit: Int, client: OpsRampClient) async throws -> ResourceSearch {
        var body: [String: JSONValue] = [
            "objectType": "resource",
            "fields": .array(ResourceMatch.fields.map(JSONValue.string)),
            "pageSize": .int(min(limit, OpsRampClient.defaultOpsQLPageSize)),
        ]
        body.setIfPresent("filterCriteria", match.filterCriteria.map(JSONValue.string))
        let collected = try await client.runOpsQL(body, limit: limit, skip: offset)
        var matched = offset + collected.items.count
        var exact = true
        if collected.moreAvailable || (collected.items.isEmpty && offset > 0) {
            // A failed count leaves the listing standing, with what was seen as a lower bound.
            if let counted = try? await Self.count(match, client: client) { matched = counted } else { exact = false }
        }
        var described: [String: JSONValue] = ["state": .string(match.state ?? "all")]
        if !match.typeWords.isEmpty { described["type"] = .array(match.typeWords.map(JSONValue.string)) }
        var found = ResourceSearch(rows: collected.items.map(ResourceRows.row), matched: matched, matchedIsExact: exact, offset: offset,
                                   moreAvailable: collected.moreAvailable, incomplete: collected.incomplete, described: described)
        if exact { found.partial = await partialMatches(match, matched: matched, client: client) }
        return found
    }

    /// How many resources match `match` (an OpsQL count).
    static func count(_ match: ResourceMatch, client: OpsRampClient) async throws -> Int {
        var body: [String: JSONValue] = ["objectType": "resource", "aggregateFunction": "count", "groupBy": []]
        body.setIfPresent("filterCriteria", match.filterCriteria.map(JSONValue.string))
        let page = try await client.opsqlPage(body)
        guard let count = page.count ?? page.results.first.flatMap({ $0["count"]?.intValue }) else {
            throw OpsRampError.invalidResponse("the OpsQL count answered no count")
        }
        return count
    }

    /// Resources that match some but not all of a type's words: said in the answer, so that a word
    /// that narrows the set more than meant ("Amazon" found only in some OSes) never drops part of it
    /// silently. `nil` when there are none or the type has one word.
    func partialMatches(_ match: ResourceMatch, matched: Int, client: OpsRampClient) async -> String? {
        guard match.typeWords.count > 1 else { return nil }
        var any = match
        any.anyWord = true
        do {
            let some = try await Self.count(any, client: client)
            guard some > matched else { return nil }
            let words = Array(match.typeWords.prefix(4))
            let alone = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                for (index, word) in words.enumerated() {
                    var one = match
                    one.typeWords = [word]
                    group.addTask { (index, try await Self.count(one, client: client)) }
                }
                var counts = Array(repeating: 0, count: words.count)
                for try await (index, count) in group { counts[index] = count }
                return counts
            }
            // Of the resources matching some word, those a word does not match are the ones it leaves out.
            let lacking = zip(words, alone).compactMap { word, count in some > count ? "\(some - count) without \(word)" : nil }
            return "\(some - matched) more resources match only some of the words and are not listed (\(lacking.joined(separator: ", "))); "
                + "call again with fewer words to include them."
        } catch {
            return "Whether other resources match only some of the words was not checked: "
                + ((error as? OpsRampError)?.userMessage ?? "\(error)")
        }
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
