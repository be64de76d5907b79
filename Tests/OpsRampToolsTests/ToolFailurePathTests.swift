import Foundation
import OpsRampMCP
import OpsRampSupport
import Testing

@testable import OpsRampAPI
@testable import OpsRampTools

/// Every error a tool meets reaches the answer one way: as a `UserFacingError` with its own message.
@Suite("From an error to a tool failure")
struct ToolFailurePathTests {
    @Test(
        "the API, token and filter errors are user-facing errors",
        arguments: [
            (OpsRampError.rateLimited(retryAfterSeconds: 3) as any UserFacingError, "in about 3 s"),
            (OpsRampError.authentication(.rejected(status: 401, detail: "")), "OPSRAMP_CLIENT_ID"),
            (QueryStringError.duplicateKey("states"), "Invalid filter: the filter \"states\" is given twice"),
            (ToolFailure("as written"), "as written"),
        ])
    func adopted(_ error: any UserFacingError, _ words: String) {
        #expect(error.userMessage.contains(words), "\(error.userMessage)")
    }

    @Test("without a connection, a tool call fails with the not-configured message itself")
    func notConfigured() async {
        let environment = offlineEnvironment(maxResultBytes: 2_000)
        do {
            _ = try await environment.withClient { _ in 1 }
            Issue.record("a call without a connection ran")
        } catch let error as OpsRampError {
            guard case .notConfigured = error else {
                Issue.record("\(error)")
                return
            }
            #expect(error.userMessage.contains("not configured"))
        } catch {
            Issue.record("not a user-facing error: \(error)")
        }
    }

    @Test("an API failure with advice gets the advice appended, naming the served tool")
    func adviceAppended() {
        let environment = offlineEnvironment(maxResultBytes: 2_000)
        #expect(environment.advice(for: .badRequest(detail: "x")).contains("has working examples"))
        #expect(environment.advice(for: .server(status: 503, detail: "")).isEmpty)
    }
}
