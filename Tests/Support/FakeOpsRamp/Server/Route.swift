/// The OpsRamp endpoint a request addressed. Faults are queued per route, and every
/// recorded request carries the route its path matched (`nil` for unknown paths).
public enum Route: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// `POST /tenancy/auth/oauth/token` and `POST /auth/oauth/token` (reference §2).
    case token
    /// `GET /api/v2/tenants/{tenantId}/alerts/search` (§6).
    case alerts
    /// `GET /api/v2/tenants/{tenantId}/resources/minimal` (§7).
    case minimalResources
    /// `POST /opsql/api/v3/tenants/{tenantId}/queries` and its v7 alias (§9).
    case opsql
    /// `GET /tenancy/api/v3/release-version` (§8).
    case releaseVersion
    /// Fault injection only: matches every request, after the request's own route queue is empty.
    case any

    public var description: String {
        switch self {
        case .token: "token"
        case .alerts: "alerts"
        case .minimalResources: "minimalResources"
        case .opsql: "opsql"
        case .releaseVersion: "releaseVersion"
        case .any: "any"
        }
    }
}

/// A request path matched to a route: the method the route accepts and the tenant id in the path.
struct RouteMatch: Sendable, Equatable {
    let route: Route
    let method: String
    /// The `{tenantId}` path segment; `nil` for tenant-independent paths (token, release version).
    let tenantID: String?
}

/// Maps decoded request paths to routes. Matching is exact: a trailing slash or a doubled
/// slash is an unknown path, so a client that builds URLs sloppily sees a 404.
enum RouteMatcher {
    static func match(path: String) -> RouteMatch? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard segments.first == "" else { return nil }
        let parts = Array(segments.dropFirst())
        switch parts.count {
        case 3 where parts == ["auth", "oauth", "token"],
            4 where parts == ["tenancy", "auth", "oauth", "token"]:
            return RouteMatch(route: .token, method: "POST", tenantID: nil)
        case 4 where parts == ["tenancy", "api", "v3", "release-version"]:
            return RouteMatch(route: .releaseVersion, method: "GET", tenantID: nil)
        case 6 where parts[0] == "api" && parts[1] == "v2" && parts[2] == "tenants" && !parts[3].isEmpty:
            switch (parts[4], parts[5]) {
            case ("alerts", "search"): return RouteMatch(route: .alerts, method: "GET", tenantID: parts[3])
            case ("resources", "minimal"): return RouteMatch(route: .minimalResources, method: "GET", tenantID: parts[3])
            default: return nil
            }
        case 6
        where parts[0] == "opsql" && parts[1] == "api" && ["v3", "v7"].contains(parts[2])
            && parts[3] == "tenants" && !parts[4].isEmpty && parts[5] == "queries":
            return RouteMatch(route: .opsql, method: "POST", tenantID: parts[4])
        default:
            return nil
        }
    }
}
