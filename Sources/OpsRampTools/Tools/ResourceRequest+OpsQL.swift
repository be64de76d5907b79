import OpsRampAPI
import OpsRampJSON
import OpsRampMCP
import OpsRampSupport

/// The OpsQL side of a resource search: the forgiving match by type, its exact count, the resources
/// that match only some of the type's words, and the kinds that exist when nothing matched.
extension ResourceRequest {
    /// Resources matching `match` from `offset` on, through OpsQL; `matched` is exact (a count when
    /// more pages exist), and resources that match only some of the type's words are counted apart.
    func opsql(_ match: ResourceMatch, limit: Int, client: OpsRampClient) async throws -> ResourceSearch {
        if match.typeWords.count > 1, offset == 0, let found = try await anyWordSearch(match, limit: limit, client: client) {
            return found
        }
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
        var found = ResourceSearch(
            rows: collected.items.map(ResourceRows.row), matched: matched, matchedIsExact: exact, offset: offset,
            moreAvailable: collected.moreAvailable, incomplete: collected.incomplete, described: described)
        if exact { found.partial = await partialMatches(match, matched: matched, client: client) }
        return found
    }

    /// A type of several words, in one request when it can be: the resources that match any of the
    /// words, if they fit in one page, sorted here into those that match every word (the answer) and
    /// those that match only some (counted in `partial`). `nil` when they do not fit in one page.
    func anyWordSearch(_ match: ResourceMatch, limit: Int, client: OpsRampClient) async throws -> ResourceSearch? {
        var any = match
        any.anyWord = true
        var body: [String: JSONValue] = [
            "objectType": "resource",
            "fields": .array((ResourceMatch.fields + ["osType"]).map(JSONValue.string)),
            "pageNo": 1,
            "pageSize": .int(OpsRampClient.defaultOpsQLPageSize),
        ]
        body.setIfPresent("filterCriteria", any.filterCriteria.map(JSONValue.string))
        let page = try await client.opsqlPage(body)
        guard !page.nextPage, page.count == nil else { return nil }
        let every = page.results.filter { row in match.typeWords.allSatisfy { ResourceMatch.matches(word: $0, in: row) } }
        var described: [String: JSONValue] = ["state": .string(match.state ?? "all")]
        described["type"] = .array(match.typeWords.map(JSONValue.string))
        var found = ResourceSearch(
            rows: every.prefix(limit).map(ResourceRows.row), matched: every.count, moreAvailable: every.count > limit,
            incomplete: nil, described: described)
        let lacking = match.typeWords.map { word in (word, page.results.filter { !ResourceMatch.matches(word: word, in: $0) }.count) }
        found.partial = Self.partialNote(some: page.results.count, matched: every.count, lacking: lacking)
        return found
    }

    /// What an answer says of the resources that match only some of a type's words; `nil` when none do.
    static func partialNote(some: Int, matched: Int, lacking: [(word: String, count: Int)]) -> String? {
        guard some > matched else { return nil }
        let without = lacking.compactMap { $0.count > 0 ? "\($0.count) without \($0.word)" : nil }
        return "\(some - matched) more resources match only some of the words and are not listed (\(without.joined(separator: ", "))); "
            + "call again with fewer words to include them."
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
            return Self.partialNote(some: some, matched: matched, lacking: zip(words, alone).map { ($0, some - $1) })
        } catch {
            return "Whether other resources match only some of the words was not checked: "
                + ((error as? UserFacingError)?.userMessage ?? "\(error)")
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
