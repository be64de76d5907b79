import Foundation
import OpsRampJSON

extension FakeOpsRamp {
    /// Records the request and decides the answer: an injected fault if one is queued for its
    /// route, otherwise the endpoint's answer; latency and rate-limit headers are added to both.
    func plan(for request: HTTPRequest) -> ResponsePlan {
        let now = Date()
        let match = RouteMatcher.match(path: request.path)
        let recorded = RecordedRequest(
            method: request.method, path: request.path, rawQuery: request.rawQuery,
            query: request.query, headers: request.headers, body: Data(request.body),
            route: match?.route)
        let isTokenRequest = match?.route == .token && request.method == "POST"
        // alerts/search always pages; resources/minimal when it asks for a page.
        let isPagedSearch = match?.route == .alerts || (match?.route == .minimalResources && request.query["pageNo"] != nil)
        let (fault, latency, rateHeaders, throttled) = state.withLock { state in
            if state.recordsRequests { state.requests.append(recorded) }
            if isTokenRequest { state.tokenRequestCount += 1 }
            var throttled = false
            if isPagedSearch, let limit = state.variants.pagedSearchesPerMinute {
                state.pagedSearchTimes = state.pagedSearchTimes.filter { now.timeIntervalSince($0) < 60 }
                state.pagedSearchTimes.append(now)
                throttled = state.pagedSearchTimes.count > limit
                if throttled { state.throttledCount += 1 }
            }
            return (throttled ? nil : state.takeFault(for: match?.route), state.latency, state.rateLimit.record(at: now), throttled)
        }
        var plan =
            if throttled {
                FaultResponder.plan(for: .rateLimited(retryAfter: nil, resetIn: 60), route: match?.route, now: now) { APIErrors.notFound }
            } else if let fault {
                FaultResponder.plan(for: fault, route: match?.route, now: now) { answer(request, match: match, now: now) }
            } else {
                ResponsePlan(delay: 0, outcome: .respond(answer(request, match: match, now: now)))
            }
        plan.delay += latency
        plan.updateResponse { response in
            for header in rateHeaders where response.header(header.name) == nil {
                response.headers.append(header)
            }
        }
        return plan
    }

    /// The normal answer: path, method, token, tenant, then the endpoint.
    private func answer(_ request: HTTPRequest, match: RouteMatch?, now: Date) -> HTTPResponse {
        guard let match else { return APIErrors.notFound }
        guard request.method == match.method else { return APIErrors.methodNotAllowed(request.method, allowed: match.method) }
        if match.route == .token { return tokenAnswer(request, now: now) }
        if let failure = authorizationFailure(request, now: now) { return failure }
        if let tenant = match.tenantID, tenant != tenantID { return APIErrors.noTenant(tenant) }
        let cacheKey = request.method == "GET" ? request.path + "?" + request.rawQuery : nil
        let (data, cached) = state.withLock { state in
            (
                (
                    alerts: state.alerts, resources: state.resources, releaseVersion: state.releaseVersion,
                    emptyBody: state.emptyBodyWhenNoResources, envelope: state.minimalResourcesAsEnvelope, variants: state.variants
                ),
                state.cachesAnswers
                    ? cacheKey.flatMap { key in
                        state.answerCache[key].map {
                            state.answersFromCache += 1
                            return $0
                        }
                    } : nil
            )
        }
        if let cached { return cached }
        let response = endpointAnswer(request, route: match.route, data: data, now: now)
        if let cacheKey {
            state.withLock { state in
                if state.cachesAnswers { state.answerCache[cacheKey] = response }
            }
        }
        return response
    }

    private func endpointAnswer(
        _ request: HTTPRequest, route: Route,
        data: (
            alerts: [JSONValue], resources: [JSONValue], releaseVersion: JSONValue, emptyBody: Bool,
            envelope: Bool, variants: FakeVariants
        ), now: Date
    ) -> HTTPResponse {
        switch route {
        case .alerts:
            return AlertsSearchEndpoint.answer(query: request.query, alerts: data.alerts, variants: data.variants)
        case .minimalResources:
            return MinimalResourcesEndpoint.answer(
                query: request.query, resources: data.resources,
                emptyBodyWhenNone: data.emptyBody, asEnvelope: data.envelope,
                variants: data.variants)
        case .opsql:
            return OpsQLEndpoint.answer(
                body: request.body, alerts: data.alerts, resources: data.resources, now: now,
                variants: data.variants)
        case .releaseVersion:
            return .json(200, data.releaseVersion)
        case .token, .any:
            return APIErrors.notFound
        }
    }

    private func tokenAnswer(_ request: HTTPRequest, now: Date) -> HTTPResponse {
        if let rejection = TokenEndpoint.rejection(for: request, clientID: clientID, clientSecret: clientSecret) {
            return rejection
        }
        let token = UUID().uuidString.lowercased()
        let (lifetime, asString) = state.withLock { state in
            state.tokenExpiries[token] = now.addingTimeInterval(Double(state.tokenLifetime))
            return (state.tokenLifetime, state.expiresInAsString)
        }
        return TokenEndpoint.success(token: token, lifetime: lifetime, asString: asString)
    }

    /// `nil` when the request carries `Authorization: Bearer <valid token>` (scheme case-insensitive).
    private func authorizationFailure(_ request: HTTPRequest, now: Date) -> HTTPResponse? {
        let header = request.headers["authorization"] ?? ""
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        let token =
            parts.count == 2 && parts[0].lowercased() == "bearer"
            ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        let (valid, status) = state.withLock { ($0.isValid(token: token, at: now), $0.expiredTokenStatus) }
        return valid ? nil : APIErrors.invalidToken(status: status, token: token)
    }
}
