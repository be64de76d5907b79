import Foundation
import OpsRampLogging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and validates single variables, collecting problems instead of failing on the first.
struct VariableReader {
    let values: [String: String]
    /// Problems with the settings the API tools need.
    var connectionProblems: [ConfigurationProblem] = []
    /// Problems with optional settings; those fall back to their defaults.
    var warnings: [ConfigurationProblem] = []

    init(values: [String: String]) {
        self.values = values
    }

    /// The trimmed value, or `nil` when unset or blank.
    func optional(_ variable: ConfigurationVariable) -> String? {
        guard let raw = values[variable.name]?.trimmingWhitespaceAndNewlines(), !raw.isEmpty else { return nil }
        return raw
    }

    mutating func required(_ variable: ConfigurationVariable, hint: String) -> String? {
        guard let value = optional(variable) else {
            connectionProblems.append(.missing(variable.name, hint: hint))
            return nil
        }
        guard !Self.isPlaceholder(value) else {
            connectionProblems.append(
                ConfigurationProblem(
                    variable: variable.name, message: "\(variable.name) still holds a placeholder (<...>): \(hint)"))
            return nil
        }
        return value
    }

    /// `<...>`: how `--print-host-config` marks a value the user must fill in.
    static func isPlaceholder(_ value: String) -> Bool {
        value.hasPrefix("<") && value.hasSuffix(">")
    }

    func flag(_ variable: ConfigurationVariable) -> Bool {
        guard let value = optional(variable)?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(value)
    }

    /// An `https://` URL (or `http://` to a loopback host, or anywhere when insecure HTTP is allowed),
    /// without query, fragment or credentials, and without a trailing slash.
    mutating func url(_ variable: ConfigurationVariable, allowInsecure: Bool, required: Bool, hint: String) -> URL? {
        guard let raw = optional(variable) else {
            if required { connectionProblems.append(.missing(variable.name, hint: hint)) }
            return nil
        }
        if required, Self.isPlaceholder(raw) {
            connectionProblems.append(
                ConfigurationProblem(variable: variable.name, message: "\(variable.name) still holds a placeholder (<...>): \(hint)"))
            return nil
        }
        let problem: String?
        var result: URL?
        // URL rather than URLComponents: reading a host from URLComponents initialises ICU's IDNA
        // tables (over a megabyte of resident memory) even for a plain ASCII host.
        if let parsed = URL(string: raw), let scheme = parsed.scheme?.lowercased(), let host = parsed.host, !host.isEmpty {
            if parsed.user != nil || parsed.password != nil {
                problem = "must not contain a user name or password"
            } else if parsed.query != nil || parsed.fragment != nil {
                problem = "must not contain a query (?...) or fragment (#...)"
            } else if scheme == "https" || (scheme == "http" && (allowInsecure || Self.isLoopback(host))) {
                result = Self.normalized(raw, scheme: scheme)
                problem = result == nil ? "is not a valid URL" : nil
            } else if scheme == "http" {
                problem = "must use https:// (plain http is allowed only for localhost, or with \(ConfigurationVariable.allowInsecureHTTP.name)=1)"
            } else {
                problem = "must start with https://"
            }
        } else {
            problem = "is not a valid URL (expected something like https://acme.api.opsramp.com)"
        }
        if let problem {
            // A URL with credentials is not repeated back: the point of the message is that it holds a password.
            let shown = problem.contains("password") ? "" : "; got \(Self.quoted(raw))"
            let entry = ConfigurationProblem(variable: variable.name, message: "\(variable.name) \(problem)\(shown)")
            if required { connectionProblems.append(entry) } else { warnings.append(entry) }
        }
        return result
    }

    /// A rejected value for a message: quoted, and cut short, since a mangled setting (say, a
    /// file read as one line) may carry other settings with it.
    static func quoted(_ raw: String) -> String {
        let limit = 40
        return raw.count > limit ? "\"\(raw.prefix(limit))...\"" : "\"\(raw)\""
    }

    /// `localhost`, an IPv4 address in 127.0.0.0/8, or `::1`. Only address literals count: a name
    /// such as `127.0.0.1.example.com` can point anywhere.
    /// `raw` (a URL with a host and no query or fragment) with its scheme lower-cased and without
    /// trailing slashes.
    static func normalized(_ raw: String, scheme: String) -> URL? {
        guard let separator = raw.byteRange(of: "://") else { return nil }
        let rest = raw[separator.upperBound...]
        let pathStart = rest.firstIndex(of: "/") ?? rest.endIndex
        var path = rest[pathStart...]
        while path.hasSuffix("/") { path = path.dropLast() }
        return URL(string: scheme + "://" + rest[..<pathStart] + path)
    }

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimming(["[", "]"]).lowercased()
        if bare == "localhost" { return true }
        var ipv4 = in_addr()
        if inet_pton(AF_INET, bare, &ipv4) == 1 {
            return UInt32(bigEndian: ipv4.s_addr) >> 24 == 127
        }
        var ipv6 = in6_addr()
        if inet_pton(AF_INET6, bare, &ipv6) == 1 {
            return withUnsafeBytes(of: &ipv6) { bytes in bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1 }
        }
        return false
    }

    /// Tenant ids: a UUID or `client_1234` / `msp_1234`; letters, digits, `-` and `_` only,
    /// so that a tenant id can never change the path of a request.
    mutating func identifier(_ variable: ConfigurationVariable, hint: String) -> String? {
        guard let raw = optional(variable) else {
            connectionProblems.append(.missing(variable.name, hint: hint))
            return nil
        }
        if Self.isPlaceholder(raw) {
            connectionProblems.append(
                ConfigurationProblem(variable: variable.name, message: "\(variable.name) still holds a placeholder (<...>): \(hint)"))
            return nil
        }
        guard Self.isIdentifier(raw) else {
            connectionProblems.append(
                ConfigurationProblem(
                    variable: variable.name,
                    message: "\(variable.name) may contain only letters, digits, '-' and '_' (a UUID or client_1234); got \(Self.quoted(raw))"))
            return nil
        }
        return raw
    }

    mutating func optionalIdentifier(_ variable: ConfigurationVariable) -> String? {
        guard let raw = optional(variable) else { return nil }
        guard Self.isIdentifier(raw) else {
            warnings.append(
                ConfigurationProblem(
                    variable: variable.name,
                    message: "\(variable.name) may contain only letters, digits, '-' and '_'; ignored \(Self.quoted(raw))"))
            return nil
        }
        return raw
    }

    static func isIdentifier(_ text: String) -> Bool {
        text.count <= 128
            && text.unicodeScalars.allSatisfy { scalar in
                scalar.isASCIILetterOrDigit || scalar == "-" || scalar == "_"
            }
    }

    mutating func path(_ variable: ConfigurationVariable, default fallback: String) -> String {
        guard let raw = optional(variable) else { return fallback }
        let allowed = raw.unicodeScalars.allSatisfy { $0.isASCIILetterOrDigit || "/-_.".unicodeScalars.contains($0) }
        guard raw.hasPrefix("/"), !raw.containsBytes(".."), allowed else {
            warnings.append(
                ConfigurationProblem(
                    variable: variable.name,
                    message: "\(variable.name) must be a path such as /auth/oauth/token; ignored \(Self.quoted(raw)), using \(fallback)"))
            return fallback
        }
        return raw
    }

    mutating func number(_ variable: ConfigurationVariable, default fallback: Double, range: ClosedRange<Double>) -> Double {
        guard let raw = optional(variable) else { return fallback }
        guard let value = Double(raw), range.contains(value) else {
            warnings.append(
                ConfigurationProblem(
                    variable: variable.name,
                    message:
                        "\(variable.name) must be a number from \(Self.show(range.lowerBound)) to \(Self.show(range.upperBound)); "
                        + "ignored \(Self.quoted(raw)), using \(Self.show(fallback))"
                ))
            return fallback
        }
        return value
    }

    private static func show(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    mutating func logLevel() -> LogLevel {
        guard let raw = optional(.logLevel) else { return .info }
        guard let level = LogLevel(name: raw) else {
            warnings.append(
                ConfigurationProblem(
                    variable: ConfigurationVariable.logLevel.name,
                    message:
                        "\(ConfigurationVariable.logLevel.name) must be one of debug, info, notice, warning, error; "
                        + "ignored \(Self.quoted(raw)), using info"
                ))
            return .info
        }
        return level
    }

    func list(_ variable: ConfigurationVariable) -> [String]? {
        guard let raw = optional(variable) else { return nil }
        let items = raw.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        return items.isEmpty ? nil : items
    }
}
