import Foundation
import OpsRampAuth
import OpsRampHTTP
import OpsRampJSON
import Testing

@testable import OpsRampAPI

@Suite("OpsRamp client: the time budget of one tool call")
struct DeadlineTests {
    @Test("a shared deadline stops retries that would not fit, and a spent one stops new requests")
    func sharedDeadline() async {
        let sleeps = RecordedSleeps()
        let transport = ScriptedTransport([ScriptedTransport.json(429, "{}", headers: ["retry-after": "2"])])
        let client = makeClient(transport, sleeps: sleeps)
        await #expect(throws: OpsRampError.rateLimited(retryAfterSeconds: 2)) {
            try await client.bounded(by: .now + .milliseconds(1500)).releaseVersion()
        }
        #expect(sleeps.all.isEmpty)

        let spent = ScriptedTransport()
        let other = makeClient(spent)
        await #expect(throws: OpsRampError.self) {
            try await other.bounded(by: .now).releaseVersion()
        }
        #expect(spent.apiRequests.isEmpty)
    }
}
