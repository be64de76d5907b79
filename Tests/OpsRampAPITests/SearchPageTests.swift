import Foundation
import OpsRampAuth
import OpsRampHTTP
import OpsRampJSON
import Testing

@testable import OpsRampAPI

@Suite("Search pages and paging")
struct SearchPageTests {
    @Test("reads the envelope, a bare array, and an empty body")
    func shapes() throws {
        let envelope = try SearchPage.read(["results": [1, 2], "totalResults": 9, "nextPage": true], endpoint: "t")
        #expect(envelope.results.count == 2 && envelope.totalResults == 9 && envelope.nextPage)
        let bare = try SearchPage.read([1, 2, 3], endpoint: "t")
        #expect(bare.results.count == 3 && !bare.nextPage)
        let empty = try SearchPage.read(nil, endpoint: "t")
        #expect(empty.results.isEmpty && empty.totalResults == 0)
        #expect(throws: OpsRampError.self) { try SearchPage.read("oops", endpoint: "t") }
        #expect(throws: OpsRampError.self) { try SearchPage.read(["results": "x"], endpoint: "t") }
    }

    @Test("collects items offset..<offset+limit across pages")
    func paging() async throws {
        let client = makeClient(ScriptedTransport())
        let all = (0..<23).map { JSONValue.int($0) }
        let fetched = PageLog()
        let collected = try await client.collectPages(
            offset: 7, limit: 10, pageSize: 5, progress: { _, _ in },
            fetch: { pageNo async throws(OpsRampError) in
                fetched.add(pageNo)
                let slice = Array(all.dropFirst((pageNo - 1) * 5).prefix(5))
                return SearchPage(results: slice, totalResults: all.count, nextPage: pageNo * 5 < all.count)
            })
        #expect(collected.items == (7..<17).map { JSONValue.int($0) })
        #expect(fetched.pages == [2, 3, 4])
        #expect(collected.moreAvailable)
        #expect(collected.totalResults == 23)
    }
}

final class PageLog: @unchecked Sendable {
    // @unchecked: only used from one task at a time in these tests.
    private(set) var pages: [Int] = []
    func add(_ page: Int) { pages.append(page) }
}
