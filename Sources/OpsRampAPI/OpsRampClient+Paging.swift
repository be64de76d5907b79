import OpsRampJSON

extension OpsRampClient {
    /// Pages through any paged endpoint: pages are numbered from 1 and hold `pageSize` items,
    /// so items `offset ..< offset+limit` live on pages `offset/pageSize + 1` onwards.
    ///
    /// Follows OpsRamp's `nextPage` (to `nextPageNo` when it names one) until `limit` items are in,
    /// within `paging`'s page cap, the call's time budget and `bucket`'s per-minute budget. A failure
    /// of the first page is thrown; a failure of a later page ends the loop, and the result says so in
    /// `incomplete` (with OpsRamp's `totalResults`), as it does when a budget stopped the loop.
    /// `isFull` (given the items so far) stops the loop when the caller can use no more; that is no gap.
    func collectPages(
        offset: Int, limit: Int, pageSize: Int, bucket: RateBucket? = nil,
        isFull: (([JSONValue]) -> Bool)? = nil,
        transform: (JSONValue) -> JSONValue = { $0 },
        progress: @Sendable (Int, Int) -> Void,
        fetch: (Int) async throws(OpsRampError) -> SearchPage
    ) async throws(OpsRampError) -> CollectedResults {
        var pageNo = offset / pageSize + 1
        var skip = offset % pageSize
        var items: [JSONValue] = []
        var total: Int?
        var count: Int?
        var more = false
        var pages = 0
        var incomplete: String?
        while true {
            let page: SearchPage
            do {
                page = try await fetch(pageNo)
            } catch .cancelled {
                throw .cancelled
            } catch {
                guard pages > 0 else { throw error }
                more = true
                incomplete = "page \(pageNo) could not be fetched, so only the first \(pages) page(s) are here: \(error.userMessage)"
                break
            }
            if pages > 0, let answered = page.pageNo, answered != pageNo, !page.results.isEmpty {
                // An endpoint that ignores pageNo would repeat page 1: never pass that off as more results.
                more = true
                incomplete = "OpsRamp answered page \(answered) when page \(pageNo) was asked for, so only the first \(pages) page(s) are here"
                break
            }
            pages += 1
            total = page.totalResults ?? total
            if items.isEmpty, page.results.isEmpty, let answered = page.count {
                count = answered
                break
            }
            let usable = page.results.dropFirst(skip)
            skip = 0
            let room = limit - items.count
            items.append(contentsOf: usable.prefix(room).map(transform))
            more = usable.count > room || page.nextPage
            progress(items.count, limit)
            if let isFull, items.count < limit, more, isFull(items) { break }
            let state = PagingPolicy.State(
                pageNo: pageNo, nextPage: page.nextPage, nextPageNo: page.nextPageNo, pageWasEmpty: page.results.isEmpty,
                collected: items.count, limit: limit, pagesFetched: pages, timeLeft: timeLeftInOperation,
                requestsLeft: bucket.map { rateBudget.remaining($0) })
            switch paging.decide(state) {
            case .fetch(let next):
                pageNo = next
                continue
            case .stop(let reason):
                incomplete = reason.explanation(pagesFetched: pages, perMinute: bucket.map(rateBudget.limit) ?? RateBucket.pagedRead.perMinute)
                if incomplete != nil { logger.info("paging stopped early: \(reason)") }
            }
            break
        }
        if let total { more = offset + items.count < total }
        return CollectedResults(
            items: items, totalResults: total, moreAvailable: more, pagesFetched: pages,
            pageSize: pageSize, count: count, incomplete: incomplete)
    }
}
