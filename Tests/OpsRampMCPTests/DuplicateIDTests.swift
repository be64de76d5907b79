import OpsRampJSON
import OpsRampLogging
import Testing

@testable import OpsRampMCP

@Suite("Dispatcher: a reused request id")
struct DuplicateIDTests {
    @Test("two running requests that share an id are both answered; the first ending does not forget the second")
    func duplicateIDs() async throws {
        let sink = CollectingSink()
        let server = makeServer(sink: sink)
        await server.handshake()
        await server.feed(#"{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"slow","arguments":{"seconds":0.1}}}"#)
        await server.feed(#"{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"slow","arguments":{"seconds":0.6}}}"#)
        try await Task.sleep(for: .milliseconds(300))
        #expect(await server.inFlight[.number(JSONNumber(9))] != nil)
        _ = await sink.waitFor(3)
        #expect(sink.all.filter { $0["id"] == 9 }.count == 2)
    }
}
