import OpsRampJSON
import OpsRampLogging

/// What a running tool may use besides its arguments.
public struct ToolContext: Sendable {
    /// The revision negotiated with this client.
    let revision: ProtocolRevision
    public let logger: Logger
    /// Reports progress when the client asked for it (`_meta.progressToken`); otherwise does nothing.
    public let progress: ProgressReporter
}

/// Sends `notifications/progress` for one request.
public struct ProgressReporter: Sendable {
    private let send: (@Sendable (_ progress: Double, _ total: Double?, _ message: String?) -> Void)?

    init(send: (@Sendable (Double, Double?, String?) -> Void)?) {
        self.send = send
    }

    /// A reporter for requests that carried no progress token.
    public static let none = ProgressReporter(send: nil)

    public func report(_ progress: Double, total: Double? = nil, message: String? = nil) {
        send?(progress, total, message)
    }
}
