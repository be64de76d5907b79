import Foundation

extension OpsRampConnection {
    /// True when requests, the client secret among them, would cross the network unencrypted:
    /// `http://` to a host that is not this machine (allowed only with OPSRAMP_ALLOW_INSECURE_HTTP=1).
    public var sendsInClearText: Bool {
        baseURL.scheme?.lowercased() == "http" && !VariableReader.isLoopback(baseURL.host ?? "")
    }
}
