/// Severity of a log message. The names and order are those of MCP's `logging/setLevel`
/// (RFC 5424 syslog levels), so one type serves stderr logging and client notifications.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    case debug, info, notice, warning, error, critical, alert, emergency

    public init?(name: String) {
        let lowered = name.lowercased()
        guard let level = LogLevel.allCases.first(where: { $0.description == lowered }) ?? (lowered == "warn" ? .warning : nil)
        else { return nil }
        self = level
    }

    public var description: String {
        switch self {
        case .debug: "debug"
        case .info: "info"
        case .notice: "notice"
        case .warning: "warning"
        case .error: "error"
        case .critical: "critical"
        case .alert: "alert"
        case .emergency: "emergency"
        }
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}
