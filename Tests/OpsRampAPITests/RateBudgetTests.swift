import Foundation
import Testing

@testable import OpsRampAPI

@Suite("OpsRamp's per-minute budgets")
struct RateBudgetTests {
    @Test("a bucket takes its minute's allowance and no more; a slot frees when its request is a minute old")
    func take() {
        let budget = RequestRateBudget()
        let start = ContinuousClock.now
        for second in 0..<50 {
            #expect(budget.take(.pagedRead, at: start + .seconds(second)))
        }
        #expect(!budget.take(.pagedRead, at: start + .seconds(50)))
        #expect(budget.remaining(.pagedRead, at: start + .seconds(50)) == 0)
        // The other bucket is untouched.
        #expect(budget.take(.query, at: start + .seconds(50)))
        // The first request ages out at 60 s; three more need the first three to age out.
        #expect(budget.secondsUntil(1, fitIn: .pagedRead, at: start + .seconds(50)) == 10)
        #expect(budget.secondsUntil(3, fitIn: .pagedRead, at: start + .seconds(50)) == 12)
        #expect(budget.secondsUntil(1, fitIn: .query, at: start + .seconds(50)) == 0)
        #expect(budget.take(.pagedRead, at: start + .seconds(60)))
        #expect(!budget.take(.pagedRead, at: start + .seconds(60)))
    }

    @Test("a paged search past the minute's 50 is not sent: the call fails with a rate-budget error that says when to retry")
    func neverSent() async throws {
        let page = #"{"results":[],"totalResults":7,"pageNo":1,"pageSize":1,"nextPage":false}"#
        let transport = ScriptedTransport(Array(repeating: ScriptedTransport.json(200, page), count: 60))
        let client = makeClient(transport)
        for _ in 0..<50 {
            #expect(try await client.countAlerts(query: QueryString()) == 7)
        }
        await #expect(throws: OpsRampError.self) { try await client.countAlerts(query: QueryString()) }
        do {
            _ = try await client.countAlerts(query: QueryString())
            Issue.record("a 52nd paged search was sent")
        } catch {
            guard case .rateBudgetSpent(.pagedRead, 50, let seconds) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect((1...60).contains(seconds))
            #expect(error.userMessage.contains("rate budget") && error.userMessage.contains("Try again in about \(seconds) s"))
        }
        #expect(transport.apiRequests.count == 50)
        #expect(client.requestsLeft(.pagedRead) == 0)
    }
}
