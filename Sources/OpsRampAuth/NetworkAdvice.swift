import OpsRampConfiguration
import OpsRampHTTP

/// What to change when the network on the way, not OpsRamp, stopped a request: shared by the
/// token and API errors so that both name the same settings.
public enum NetworkAdvice {
    /// For a certificate the machine does not trust, or one for another host name.
    public static let certificate =
        "Nothing was sent. The certificate is not signed by a CA this machine trusts, or is not "
        + "valid for this host name. On a network that inspects TLS, set \(ConfigurationVariable.caBundle.name) to a PEM file with your "
        + "organisation's CA certificate (ask your IT for it; on macOS add it to the System keychain instead); otherwise "
        + "check that \(ConfigurationVariable.baseURL.name) names the OpsRamp API host. Trying again will not help."

    /// For a proxy that refused the tunnel or could not be reached.
    public static let proxy =
        "Requests go through the proxy set in HTTPS_PROXY (or https_proxy, ALL_PROXY) in the MCP "
        + "host's environment: check its address and port, that it allows this host on port 443 (a 407 means it wants "
        + "credentials, given as http://user:password@proxy:port), or list the host in NO_PROXY if it must be reached "
        + "directly. Trying again will not help until the proxy settings change."
}
