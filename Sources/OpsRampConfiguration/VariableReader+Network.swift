import Foundation
import OpsRampSecrets

extension VariableReader {
    /// The proxy settings from the process environment; a password in a proxy URL is registered
    /// as a secret so that it is redacted from every output.
    static func networkProxies(environment: [String: String]) -> (https: ProxySetting?, http: ProxySetting?, noProxy: String?) {
        func first(_ names: [String]) -> ProxySetting? {
            for name in names {
                guard let raw = environment[name]?.trimmingWhitespace(), !raw.isEmpty else { continue }
                return ProxySetting(variable: name, display: displayProxy(raw))
            }
            return nil
        }
        let noProxy = NetworkSettings.noProxyVariables.lazy
            .compactMap { environment[$0]?.trimmingWhitespace() }
            .first { !$0.isEmpty }
        return (first(NetworkSettings.httpsProxyVariables), first(NetworkSettings.httpProxyVariables), noProxy)
    }

    /// `http://user:pass@proxy:3128/` -> `http://proxy:3128`; a bare `proxy:3128` is shown as libcurl reads it (`http://`).
    static func displayProxy(_ raw: String) -> String {
        let withScheme = raw.contains("://") ? raw : "http://" + raw
        guard let components = URLComponents(string: withScheme), let host = components.host, !host.isEmpty else {
            return "(a value that is not a URL)"
        }
        if let password = components.password { _ = Secret(password.removingPercentEncoding ?? password) }
        let scheme = components.scheme?.lowercased() ?? "http"
        let port = components.port.map { ":\($0)" } ?? ""
        let credentials = components.user != nil ? " (with credentials, not shown)" : ""
        return "\(scheme)://\(host)\(port)\(credentials)"
    }

    /// `OPSRAMP_CA_BUNDLE`, when set: a readable file holding at least one PEM certificate.
    /// A bundle that cannot be used is a connection problem, since the connection would fail anyway.
    mutating func certificateBundle(home: String?) -> String? {
        guard let raw = optional(.caBundle) else { return nil }
        #if os(Linux)
        let path = raw.hasPrefix("~/") && home != nil ? (home ?? "") + raw.dropFirst() : raw
        let name = ConfigurationVariable.caBundle.name
        guard let data = FileManager.default.contents(atPath: path) else {
            connectionProblems.append(ConfigurationProblem(variable: name, message: "\(name): no readable file at \(path)"))
            return nil
        }
        guard String(decoding: data.prefix(4_000_000), as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
            connectionProblems.append(
                ConfigurationProblem(
                    variable: name, message: "\(name): \(path) holds no PEM certificate (expected -----BEGIN CERTIFICATE----- blocks)"))
            return nil
        }
        return path
        #else
        warnings.append(
            ConfigurationProblem(
                variable: ConfigurationVariable.caBundle.name,
                message: "\(ConfigurationVariable.caBundle.name) is used on Linux only and was ignored: on macOS, URLSession trusts "
                    + "the CAs in the System keychain, where a corporate CA belongs"))
        _ = (raw, home)
        return nil
        #endif
    }
}
