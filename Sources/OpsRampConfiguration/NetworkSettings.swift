import Foundation
import OpsRampSecrets

/// A proxy libcurl will use, as the user may see it: scheme, host and port, never credentials.
public struct ProxySetting: Sendable, Equatable {
    /// The variable it came from, e.g. `HTTPS_PROXY`.
    public let variable: String
    /// `http://proxy.corp:3128`; a user name or password in the value is left out.
    public let display: String
}

/// How requests reach OpsRamp on a corporate network: the proxy libcurl picks from the
/// environment, and a CA bundle for networks that intercept TLS.
///
/// Proxies are libcurl's own business: it reads `HTTPS_PROXY`/`https_proxy`, `http_proxy`
/// (lower case only: it ignores `HTTP_PROXY`), `ALL_PROXY`/`all_proxy` and `NO_PROXY`/`no_proxy`
/// from the process environment. These settings mirror that choice so `--check` can report it;
/// they are therefore read from the real environment only, never from a `.env` file.
public struct NetworkSettings: Sendable {
    /// `OPSRAMP_CA_BUNDLE`: a readable PEM file of CA certificates to trust instead of the system's CA file.
    public let caBundle: String?
    /// The proxy for `https://` base URLs.
    public let httpsProxy: ProxySetting?
    /// The proxy for `http://` base URLs.
    public let httpProxy: ProxySetting?
    /// Hosts that bypass the proxy (`NO_PROXY`), as given.
    public let noProxy: String?

    init(caBundle: String? = nil, httpsProxy: ProxySetting? = nil, httpProxy: ProxySetting? = nil, noProxy: String? = nil) {
        self.caBundle = caBundle
        self.httpsProxy = httpsProxy
        self.httpProxy = httpProxy
        self.noProxy = noProxy
    }

    /// The variables libcurl reads, in the order it prefers them.
    static let httpsProxyVariables = ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]
    static let httpProxyVariables = ["http_proxy", "all_proxy", "ALL_PROXY"]
    static let noProxyVariables = ["no_proxy", "NO_PROXY"]
    /// Every proxy variable libcurl reads, in a stable order (plus `HTTP_PROXY`, which it ignores but people set).
    public static let environmentVariables = [
        "https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY",
        "no_proxy", "NO_PROXY",
    ]
    static var allProxyVariables: Set<String> { Set(environmentVariables) }

    /// The proxy a request to `url` goes through, or `nil` when it goes direct.
    public func proxy(for url: URL) -> ProxySetting? {
        let proxy = url.scheme?.lowercased() == "https" ? httpsProxy : httpProxy
        guard let proxy, let host = url.host else { return nil }
        return Self.bypasses(host: host, noProxy: noProxy) ? nil : proxy
    }

    /// libcurl's `NO_PROXY` rule: `*` matches every host; otherwise comma-separated names match
    /// the host itself or any name below it (a leading dot is optional). Address ranges are not
    /// evaluated here (libcurl 7.86 and later understand them), so a range never counts as a match.
    public static func bypasses(host: String, noProxy: String?) -> Bool {
        guard let noProxy else { return false }
        let bare = host.trimming(["[", "]"]).lowercased()
        for entry in noProxy.split(separator: ",") {
            var name = entry.trimmingWhitespace().lowercased()
            if name == "*" { return true }
            while name.hasPrefix(".") { name.removeFirst() }
            guard !name.isEmpty else { continue }
            if bare == name || bare.hasSuffix("." + name) { return true }
        }
        return false
    }
}
