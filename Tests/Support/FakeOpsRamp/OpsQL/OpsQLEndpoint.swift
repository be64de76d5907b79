import Foundation
import OpsRampJSON

/// `POST /opsql/api/v3/tenants/{tenantId}/queries` (and the v7 alias), reference §9:
/// filter, sort, page and project; or count. The answer has no `totalResults`.
enum OpsQLEndpoint {
    static func answer(
        body: [UInt8], alerts: [JSONValue], resources: [JSONValue], now: Date,
        variants: FakeVariants = FakeVariants()
    ) -> HTTPResponse {
        let query: OpsQLQuery
        do throws(Rejection) {
            query = try OpsQLQuery(body: body)
        } catch {
            return error.response
        }
        if let limit = variants.opsqlJoinPageLimit, query.isJoin, query.page.pageSize > limit {
            return APIErrors.badRequest("pageSize must be at most \(limit) for queries that join another object")
        }
        let type = query.objectType
        let source: [JSONValue] =
            switch type {
            case .alert: alerts
            case .resource: resources
            case .topology, .tag, .ticket: []
            }
        let evaluator = FilterEvaluator(now: now) { type.value(of: $1, in: $0) }
        let matching = source.filter { evaluator.matches(query.filter, $0) }

        if query.aggregateFunction == "count" {
            if variants.opsqlCountAsObject, query.groupBy.isEmpty {
                return .json(200, ["count": .int(matching.count)])
            }
            return .json(
                200,
                [
                    "results": .array(counts(matching, groupBy: query.groupBy, type: type)),
                    "pageNo": 1,
                    "pageSize": .int(query.page.pageSize),
                    "nextPage": false,
                ])
        }

        let sorted =
            query.sortBy.map { field in
                stableSorted(matching, descending: query.descending) { type.value(of: field, in: $0) }
            } ?? matching
        let start = (query.page.pageNo - 1) * query.page.pageSize
        let pageItems = start < sorted.count ? Array(sorted[start..<min(sorted.count, start + query.page.pageSize)]) : []
        return .json(
            200,
            [
                "results": .array(pageItems.map { project($0, fields: query.fields, type: type) }),
                "pageNo": .int(query.page.pageNo),
                "pageSize": .int(query.page.pageSize),
                "nextPage": .bool(start + query.page.pageSize < sorted.count),
                "descendingOrder": .bool(query.descending),
            ])
    }

    /// Only the requested fields, keyed exactly as requested; fields the object lacks are left out.
    private static func project(_ object: JSONValue, fields: [String], type: OpsQLObjectType) -> JSONValue {
        guard !fields.isEmpty else { return type.fullObject(object) }
        var projected: [String: JSONValue] = [:]
        for field in fields {
            projected.setIfPresent(field, type.value(of: field, in: object))
        }
        return .object(projected)
    }

    /// `[{"count":N}]` without `groupBy`; with it, one object per distinct combination, in first-seen order.
    private static func counts(_ objects: [JSONValue], groupBy: [String], type: OpsQLObjectType) -> [JSONValue] {
        guard !groupBy.isEmpty else { return [["count": .int(objects.count)]] }
        var order: [[JSONValue]] = []
        var tally: [[JSONValue]: Int] = [:]
        for object in objects {
            let key = groupBy.map { type.value(of: $0, in: object) ?? .null }
            if tally[key] == nil { order.append(key) }
            tally[key, default: 0] += 1
        }
        return order.map { key in
            var group: [String: JSONValue] = ["count": .int(tally[key] ?? 0)]
            for (field, value) in zip(groupBy, key) { group[field] = value }
            return .object(group)
        }
    }
}
