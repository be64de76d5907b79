import Foundation

/// What can be told about an OpsRamp URL without sending anything to it.
enum OpsRampHosts {
    /// The API URL to use when `url` points at the portal (`https://acme.app.opsramp.com` ->
    /// `https://acme.api.opsramp.com`); `nil` when `url` is not a portal URL.
    static func apiURL(insteadOfPortal url: URL) -> URL? {
        guard let host = url.host?.lowercased(), host == "app.opsramp.com" || host.hasSuffix(".app.opsramp.com") else { return nil }
        var components = URLComponents()
        components.scheme = "https"
        components.host = host == "app.opsramp.com" ? "api.opsramp.com" : host.dropLast(".app.opsramp.com".count) + ".api.opsramp.com"
        return components.url
    }

    /// Why `url` cannot be the API base URL, naming the URL to use instead; `nil` when it can.
    ///
    /// Three mistakes are visible before any request: the portal host (the web UI), a path that
    /// is already an OpsRamp API path (`/api/v2`, `/tenancy/...`, `/opsql/...`: the server adds
    /// those itself, so requests would go to `/api/v2/api/v2/...`), and any path on an OpsRamp
    /// host, which serves the API at its root. A path on another host is allowed, for a reverse
    /// proxy that publishes OpsRamp under a prefix (`https://gateway.corp/opsramp`).
    static func baseURLProblem(_ url: URL) -> String? {
        let name = ConfigurationVariable.baseURL.name
        let given = url.absoluteString
        if let api = apiURL(insteadOfPortal: url) {
            return "\(name) \(given) is the OpsRamp portal (the web UI), not the API: set \(name)=\(api.absoluteString) "
                + "(the portal's host with app replaced by api)"
        }
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return nil }
        let segments = components.path.split(separator: "/").map(String.init)
        guard !segments.isEmpty else { return nil }
        let keep: Int
        let reason: String
        if let start = apiPathStart(segments) {
            keep = start
            let apiPath = "/" + segments[start...].joined(separator: "/")
            reason =
                "includes an OpsRamp API path (\(apiPath)); the server adds the API paths itself, so requests would be sent "
                + "to \(apiPath)/api/v2/..."
        } else if isOpsRampHost(url.host ?? "") {
            keep = 0
            reason = "has a path (\(components.path)); OpsRamp serves its API at the host's root"
        } else {
            return nil
        }
        components.path = keep == 0 ? "" : "/" + segments[..<keep].joined(separator: "/")
        let instead = components.url?.absoluteString ?? given
        return "\(name) \(given) \(reason): set \(name)=\(instead)"
    }

    /// Where an OpsRamp API path begins in `segments`, or `nil`: `api/v2`, `api` at the end,
    /// OpsRamp's service roots (`tenancy`, `opsql`, `metricsql`), `<service>/api`, `auth/oauth`, `v3/api`.
    static func apiPathStart(_ segments: [String]) -> Int? {
        let lowered = segments.map { $0.lowercased() }
        func isVersion(_ text: String) -> Bool {
            text.count > 1 && text.hasPrefix("v") && text.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
        }
        for (index, segment) in lowered.enumerated() {
            let next = index + 1 < lowered.count ? lowered[index + 1] : nil
            let starts =
                switch segment {
                case "api": next == nil || next.map(isVersion) == true
                case "tenancy", "opsql", "metricsql": true
                case "dashboards", "reporting", "graph", "monitoring", "integrations": next == "api"
                case "auth": next == "oauth"
                default: isVersion(segment) && next == "api"
                }
            if starts { return index }
        }
        return nil
    }

    /// OpsRamp's own hosts (`*.opsramp.com`, pods on `*.opsramp.net`), which serve the API at the root.
    static func isOpsRampHost(_ host: String) -> Bool {
        let host = host.lowercased()
        return ["opsramp.com", "opsramp.net"].contains { host == $0 || host.hasSuffix("." + $0) }
    }
}
