import Foundation
import OpsRampJSON
import Testing

@testable import OpsRampAPI

@Suite("Paging decisions")
struct PagingPolicyTests {
    typealias State = PagingPolicy.State
    static let policy = PagingPolicy(maximumPages: 5, minimumTimePerPage: .seconds(5), reservedRequests: 5)

    static func state(
        pageNo: Int = 1, next: Bool = true, nextPageNo: Int? = nil, empty: Bool = false, collected: Int = 100,
        limit: Int = 1000, pages: Int = 1, timeLeft: Duration? = .seconds(40), requests: Int? = 49
    ) -> State {
        State(
            pageNo: pageNo, nextPage: next, nextPageNo: nextPageNo, pageWasEmpty: empty, collected: collected, limit: limit,
            pagesFetched: pages, timeLeft: timeLeft, requestsLeft: requests)
    }

    @Test(
        "each situation leads to one decision",
        arguments: [
            (state(), PagingPolicy.Decision.fetch(pageNo: 2)),
            (state(nextPageNo: 3), .fetch(pageNo: 3)),
            (state(pageNo: 2, nextPageNo: 0), .fetch(pageNo: 3)),
            (state(pageNo: 2, nextPageNo: 2), .fetch(pageNo: 3)),
            (state(next: false), .stop(.complete)),
            (state(empty: true), .stop(.complete)),
            (state(collected: 1000), .stop(.limitReached)),
            (state(next: false, collected: 1000), .stop(.complete)),
            (state(pages: 5), .stop(.pageCap(5))),
            (state(timeLeft: .milliseconds(4900)), .stop(.timeBudget)),
            (state(timeLeft: nil), .fetch(pageNo: 2)),
            (state(requests: 5), .stop(.rateBudget)),
            (state(requests: 6), .fetch(pageNo: 2)),
            (state(requests: nil), .fetch(pageNo: 2)),
        ] as [(State, PagingPolicy.Decision)])
    func decisions(_ state: State, expected: PagingPolicy.Decision) {
        #expect(Self.policy.decide(state) == expected)
    }

    @Test("only the stops that leave pages behind explain themselves")
    func explanations() {
        #expect(PagingPolicy.Stop.complete.explanation(pagesFetched: 2, perMinute: 50) == nil)
        #expect(PagingPolicy.Stop.limitReached.explanation(pagesFetched: 2, perMinute: 50) == nil)
        #expect(PagingPolicy.Stop.timeBudget.explanation(pagesFetched: 2, perMinute: 50)?.contains("time budget") == true)
        #expect(PagingPolicy.Stop.rateBudget.explanation(pagesFetched: 2, perMinute: 50)?.contains("50 paged requests per minute") == true)
        #expect(PagingPolicy.Stop.pageCap(20).explanation(pagesFetched: 20, perMinute: 50)?.contains("20 pages") == true)
    }
}

@Suite("Paging through OpsRamp")
struct PagingTests {
    /// One page of a paged resources/minimal envelope over `total` resources, `size` per page.
    static func envelope(page: Int, size: Int = 100, total: Int) -> String {
        let start = (page - 1) * size
        let ids = (start..<min(total, start + size)).map { #"{"id":"r-\#($0)","name":"host-\#($0)"}"# }
        let pages = (total + size - 1) / size
        let next = page < pages
        return #"{"results":[\#(ids.joined(separator: ","))],"totalResults":\#(total),"pageNo":\#(page),"pageSize":\#(size),"#
            + #""totalPages":\#(pages),"nextPage":\#(next)\#(next ? ",\"nextPageNo\":\(page + 1)" : "")}"#
    }

    @Test("a paged resources/minimal answer is followed by pageNo and counted by totalResults")
    func minimalEnvelope() async throws {
        let transport = ScriptedTransport((1...3).map { ScriptedTransport.json(200, Self.envelope(page: $0, total: 208)) })
        let collected = try await makeClient(transport).minimalResources(query: QueryString(), state: .all, limit: 1000)
        #expect(collected.items.count == 208)
        #expect(collected.totalResults == 208)
        #expect(collected.pagesFetched == 3)
        #expect(!collected.moreAvailable)
        #expect(collected.incomplete == nil)
        let queries = transport.apiRequests.map { URLComponents(url: $0.url!, resolvingAgainstBaseURL: false)?.queryItems ?? [] }
        #expect(queries[0].map(\.name) == ["state"])
        #expect(queries[1].first { $0.name == "pageNo" }?.value == "2")
        #expect(queries[1].first { $0.name == "pageSize" }?.value == "100")
        #expect(queries[2].first { $0.name == "pageNo" }?.value == "3")
    }

    @Test("the limit stops paging; the match count is still OpsRamp's")
    func minimalLimit() async throws {
        let transport = ScriptedTransport((1...3).map { ScriptedTransport.json(200, Self.envelope(page: $0, total: 208)) })
        let collected = try await makeClient(transport).minimalResources(query: QueryString(), state: .active, limit: 150)
        #expect(collected.items.count == 150)
        #expect(collected.totalResults == 208)
        #expect(collected.pagesFetched == 2)
        #expect(collected.moreAvailable)
        #expect(collected.incomplete == nil)
    }

    @Test("a later page that fails leaves a partial answer that says so; a first page that fails is an error")
    func failedLaterPage() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.json(200, Self.envelope(page: 1, total: 208)),
            ScriptedTransport.json(404, #"{"message":"gone"}"#),
        ])
        let collected = try await makeClient(transport).minimalResources(query: QueryString(), state: .active, limit: 1000)
        #expect(collected.items.count == 100)
        #expect(collected.totalResults == 208)
        #expect(collected.moreAvailable)
        #expect(collected.incomplete?.contains("page 2 could not be fetched") == true)

        let first = ScriptedTransport([ScriptedTransport.json(404, #"{"message":"gone"}"#)])
        await #expect(throws: OpsRampError.notFound(detail: "gone")) {
            try await makeClient(first).minimalResources(query: QueryString(), state: .active, limit: 1000)
        }
    }

    @Test("an endpoint that ignores pageNo and repeats page 1 is not counted twice")
    func ignoredPageNo() async throws {
        let transport = ScriptedTransport(Array(repeating: ScriptedTransport.json(200, Self.envelope(page: 1, total: 208)), count: 3))
        let collected = try await makeClient(transport).minimalResources(query: QueryString(), state: .active, limit: 1000)
        #expect(collected.items.count == 100)
        #expect(Set(collected.items.compactMap { $0["id"]?.stringValue }).count == 100)
        #expect(collected.totalResults == 208)
        #expect(collected.incomplete?.contains("answered page 1 when page 2 was asked for") == true)
    }

    @Test("paging stops before the per-minute budget of paged requests is spent, and says so")
    func rateBudget() async throws {
        let transport = ScriptedTransport((1...60).map { ScriptedTransport.json(200, Self.envelope(page: $0, size: 10, total: 600)) })
        let client = makeClient(transport, paging: PagingPolicy(maximumPages: 100, minimumTimePerPage: .seconds(5), reservedRequests: 5))
        let collected = try await client.minimalResources(query: QueryString(), state: .active, limit: 1000)
        // The first request is an ordinary GET; each later page counts, and 5 of the 50 are left for other calls.
        #expect(collected.pagesFetched == 46)
        #expect(collected.items.count == 460)
        #expect(collected.incomplete?.contains("50 paged requests per minute") == true)
        #expect(client.rateBudget.remaining(.pagedRead) == 5)
    }

    @Test("a call near the end of its time budget fetches no further page")
    func timeBudget() async throws {
        let transport = ScriptedTransport((1...3).map { ScriptedTransport.json(200, Self.envelope(page: $0, total: 208)) })
        let client = makeClient(transport)
        let collected = try await client.bounded(by: .now + .seconds(4))
            .minimalResources(query: QueryString(), state: .active, limit: 1000)
        #expect(collected.pagesFetched == 1)
        #expect(collected.incomplete?.contains("time budget") == true)
    }

    @Test("alert pages follow nextPageNo when OpsRamp names one")
    func nextPageNo() async throws {
        let client = makeClient(ScriptedTransport())
        let fetched = PageLog()
        let collected = try await client.collectPages(
            offset: 0, limit: 30, pageSize: 10, progress: { _, _ in },
            fetch: {
                pageNo async throws(OpsRampError) in
                fetched.add(pageNo)
                let items = (0..<10).map { JSONValue.int(pageNo * 100 + $0) }
                return SearchPage(results: items, totalResults: 1000, nextPage: true, nextPageNo: pageNo == 1 ? 5 : nil)
            })
        #expect(fetched.pages == [1, 5, 6])
        #expect(collected.items.count == 30)
    }
}

@Suite("OpsQL paging")
struct OpsQLPagingTests {
    @Test(
        "join queries are recognised by a dotted attribute outside quoted values",
        arguments: [
            (["objectType": "alert", "fields": ["id", "resource.name"]], true),
            (["objectType": "resource", "fields": ["id"], "filterCriteria": "tags.name = \"env\" AND tags.value = \"prod\""], true),
            (["objectType": "alert", "fields": ["id"], "filterCriteria": "resource.tags.value='Production'"], true),
            (["objectType": "alert", "fields": ["id"], "groupBy": ["resource.type"]], true),
            (["objectType": "resource", "fields": ["id"], "filterCriteria": "name = \"web.example.com\""], false),
            (["objectType": "resource", "fields": ["id"], "filterCriteria": "ipAddress = '10.0.0.1' AND version > 1.5"], false),
            (["objectType": "alert", "fields": ["id", "currentState"], "filterCriteria": "currentState = \"CRITICAL\""], false),
        ] as [(JSONValue, Bool)])
    func joinDetection(_ body: JSONValue, isJoin: Bool) {
        #expect(OpsRampClient.isJoinQuery(body.objectValue ?? [:]) == isJoin)
    }

    @Test("a join query is fetched in pages of 100 even when it asks for more")
    func joinPageSize() async throws {
        let page = #"{"results":[\#((0..<100).map { #"{"id":"a\#($0)"}"# }.joined(separator: ","))],"nextPage":true}"#
        let transport = ScriptedTransport(Array(repeating: ScriptedTransport.json(200, page), count: 3))
        let collected = try await makeClient(transport).runOpsQL(
            ["objectType": "alert", "fields": ["id", "resource.name"], "pageSize": 500], limit: 250)
        #expect(collected.pageSize == 100)
        #expect(collected.items.count == 250)
        let sizes = transport.apiRequests.compactMap { try? JSONParser.parse($0.httpBody ?? Data()) }.map { $0["pageSize"] }
        #expect(sizes == [100, 100, 100])
        let plain = ScriptedTransport([ScriptedTransport.json(200, #"{"results":[{"id":"x"}],"nextPage":false}"#)])
        let single = try await makeClient(plain).runOpsQL(["objectType": "alert", "fields": ["id"], "pageSize": 500], limit: 1000)
        #expect(single.pageSize == 500)
    }

    @Test("a count answer to a row query is reported as a count, not as zero rows")
    func countInsteadOfRows() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(200, #"{"count": 1234}"#)])
        let collected = try await makeClient(transport).runOpsQL(["objectType": "alert", "fields": ["id"]], limit: 10)
        #expect(collected.count == 1234)
        #expect(collected.items.isEmpty)
    }
}
