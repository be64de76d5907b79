import Foundation
import OpsRampAPI
import OpsRampConfiguration
import OpsRampJSON
import OpsRampMCP

/// What the tools need from the rest of the server, handed over once at start-up.
public struct ToolEnvironment: Sendable {
    /// `nil` when the OpsRamp settings are incomplete; `connectionProblems` says why.
    public let client: OpsRampClient?
    public let connectionProblems: [ConfigurationProblem]
    public let portal: PortalSettings
    /// Largest tool result, in bytes of JSON text.
    public let maxResultBytes: Int
    /// The zone for times given without one, dates, `today` and `yesterday`.
    public let timeZone: OperatorTimeZone
    /// The current time; replaced in tests.
    let now: @Sendable () -> Date
    /// What each tool is called in this server; set by `OpsRampToolbox.registry` from the tool selection.
    public internal(set) var names: ToolNames

    public init(
        client: OpsRampClient?, connectionProblems: [ConfigurationProblem], portal: PortalSettings,
        maxResultBytes: Int, timeZone: OperatorTimeZone = .utc, now: @escaping @Sendable () -> Date = { Date() },
        names: ToolNames = ToolNames()
    ) {
        self.client = client
        self.connectionProblems = connectionProblems
        self.portal = portal
        self.maxResultBytes = maxResultBytes
        self.timeZone = timeZone
        self.now = now
        self.names = names
    }

    /// The configured tenant id, when the connection is configured.
    var tenantID: String? { client?.connection.tenantID }

    /// Reads `since`/`until` arguments in the operator's zone (see `TimeWindow.read`).
    func window(since: String?, until: String?, timeBase: AlertTimeBase) throws -> TimeWindow? {
        try TimeWindow.read(since: since, until: until, timeBase: timeBase, now: now(), timeZone: timeZone)
    }

    /// Runs `operation` with the API client bound to one call budget, adding to API failures where
    /// to look next (see `advice(for:)`) and turning cancellation into `CancellationError`. The
    /// failures stay `UserFacingError`s, which the tool call answers with their `userMessage`.
    func withClient<T: Sendable>(_ operation: (OpsRampClient) async throws -> T) async throws -> T {
        guard let client else {
            throw OpsRampError.notConfigured(connectionProblems.map(\.message))
        }
        do {
            // One budget for everything this tool call asks of OpsRamp, so that hosts that give
            // up after 60 s always get an answer first.
            return try await operation(client.bounded(by: .now + RetryPolicy.standardCallBudget))
        } catch let error as OpsRampError {
            if case .cancelled = error { throw CancellationError() }
            let advice = advice(for: error)
            if advice.isEmpty { throw error }
            throw ToolFailure(error.userMessage + advice)
        }
    }

    /// Where to look next, naming the tools as this server exposes them (the API client knows no tool names).
    func advice(for error: OpsRampError) -> String {
        switch error {
        case .notFound(let detail) where OpsRampClient.namesMissingObject(detail):
            names.available(.getMinimalResourceDetails).map { " Resource ids come from \($0)." } ?? ""
        case .badRequest:
            names.available(.getQueryExamples).map { " For OpsQL, \($0) has working examples." } ?? ""
        default:
            ""
        }
    }
}
