import Foundation

/// What can be told about an OpsRamp URL without sending anything to it.
public enum OpsRampHosts {
    /// The API URL to use when `url` points at the portal (`https://acme.app.opsramp.com` ->
    /// `https://acme.api.opsramp.com`); `nil` when `url` is not a portal URL.
    public static func apiURL(insteadOfPortal url: URL) -> URL? {
        guard let host = url.host?.lowercased(), host == "app.opsramp.com" || host.hasSuffix(".app.opsramp.com") else { return nil }
        var components = URLComponents()
        components.scheme = "https"
        components.host = host == "app.opsramp.com" ? "api.opsramp.com" : host.dropLast(".app.opsramp.com".count) + ".api.opsramp.com"
        return components.url
    }
}

extension OpsRampConnection {
    /// True when requests, the client secret among them, would cross the network unencrypted:
    /// `http://` to a host that is not this machine (allowed only with OPSRAMP_ALLOW_INSECURE_HTTP=1).
    public var sendsInClearText: Bool {
        baseURL.scheme?.lowercased() == "http" && !VariableReader.isLoopback(baseURL.host ?? "")
    }
}
