/// Whether to fetch another page: decided from what the last page said and what the call may still
/// spend. No I/O; the paging loop carries the decision out.
public struct PagingPolicy: Sendable {
    /// Most pages one call fetches.
    var maximumPages: Int
    /// Time that must be left in the call's time budget to start another page.
    var minimumTimePerPage: Duration
    /// Requests left unused in the per-minute budget, for other calls.
    var reservedRequests: Int

    public init(maximumPages: Int = 20, minimumTimePerPage: Duration = .seconds(5), reservedRequests: Int = 5) {
        self.maximumPages = maximumPages
        self.minimumTimePerPage = minimumTimePerPage
        self.reservedRequests = reservedRequests
    }

    /// What the loop knows after a page.
    struct State: Sendable, Equatable {
        /// The page just fetched.
        var pageNo: Int
        var nextPage: Bool
        var nextPageNo: Int?
        var pageWasEmpty: Bool
        /// Items kept so far, and how many the caller wants.
        var collected: Int
        var limit: Int
        var pagesFetched: Int
        /// Time left in the call's time budget; `nil` when the call has none.
        var timeLeft: Duration?
        /// Requests left this minute in the budget these pages count against; `nil` when none applies.
        var requestsLeft: Int?
    }

    enum Stop: Sendable, Equatable {
        /// OpsRamp has no more pages.
        case complete
        /// The caller has all it asked for.
        case limitReached
        case pageCap(Int)
        case timeBudget
        case rateBudget
    }

    enum Decision: Sendable, Equatable {
        case fetch(pageNo: Int)
        case stop(Stop)
    }

    func decide(_ state: State) -> Decision {
        if !state.nextPage || state.pageWasEmpty { return .stop(.complete) }
        if state.collected >= state.limit { return .stop(.limitReached) }
        if state.pagesFetched >= maximumPages { return .stop(.pageCap(maximumPages)) }
        if let left = state.timeLeft, left < minimumTimePerPage { return .stop(.timeBudget) }
        if let left = state.requestsLeft, left <= reservedRequests { return .stop(.rateBudget) }
        let next = state.nextPageNo.flatMap { $0 > state.pageNo ? $0 : nil } ?? state.pageNo + 1
        return .fetch(pageNo: next)
    }
}

extension PagingPolicy.Stop {
    /// Why the answer lacks pages OpsRamp has, for the answer itself; `nil` when nothing is missing
    /// beyond what the caller's limit left out.
    func explanation(pagesFetched: Int, perMinute: Int) -> String? {
        switch self {
        case .complete, .limitReached:
            return nil
        case .pageCap(let pages):
            return "stopped after \(pages) pages, the most one call fetches; narrow the filters or continue with the next page"
        case .timeBudget:
            return "stopped after \(pagesFetched) page(s): the rest would not fit in this call's time budget; "
                + "narrow the filters or continue with the next page"
        case .rateBudget:
            return "stopped after \(pagesFetched) page(s) to stay within OpsRamp's \(perMinute) paged requests per minute; "
                + "wait a minute and continue with the next page, or narrow the filters"
        }
    }
}
