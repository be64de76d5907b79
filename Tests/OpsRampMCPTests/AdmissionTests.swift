import Testing

@testable import OpsRampMCP

@Suite("Admission: which requests a session serves, and under which revision")
struct AdmissionTests {
    static let client = ClientDescription(name: "test", version: "1")
    static let session = SessionState.ready(revision: .v2025_06_18, client: client)

    enum Expected: Equatable {
        case initialize, ping
        case serve(Admission.Handler, ProtocolRevision)
        case refuse(JSONRPCErrorCode)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let method: MCPMethod
        let envelope: ProtocolRevision?
        let state: SessionState
        let expected: Expected
        var testDescription: String {
            let phase = state.revision.map { "after initialize (\($0.rawValue))" } ?? "before initialize"
            return "\(method.rawValue) \(phase)\(envelope.map { ", stateless \($0.rawValue)" } ?? "") -> \(expected)"
        }
    }

    static let rows: [Row] = [
        // Before initialize: only initialize, ping and stateless requests.
        Row(method: .initialize, envelope: nil, state: .awaitingInitialize, expected: .initialize),
        Row(method: .ping, envelope: nil, state: .awaitingInitialize, expected: .ping),
        Row(method: .toolsList, envelope: nil, state: .awaitingInitialize, expected: .refuse(.invalidRequest)),
        Row(method: .toolsCall, envelope: nil, state: .awaitingInitialize, expected: .refuse(.invalidRequest)),
        Row(method: .loggingSetLevel, envelope: nil, state: .awaitingInitialize, expected: .refuse(.invalidRequest)),
        Row(method: .promptsGet, envelope: nil, state: .awaitingInitialize, expected: .refuse(.invalidRequest)),
        Row(method: .serverDiscover, envelope: nil, state: .awaitingInitialize, expected: .refuse(.invalidParams)),
        // After initialize: everything under the session's revision, but not a second initialize.
        Row(method: .initialize, envelope: nil, state: session, expected: .refuse(.invalidRequest)),
        Row(method: .initialize, envelope: .v2026_07_28, state: session, expected: .refuse(.invalidRequest)),
        Row(method: .ping, envelope: nil, state: session, expected: .ping),
        Row(method: .toolsList, envelope: nil, state: session, expected: .serve(.listTools, .v2025_06_18)),
        Row(method: .toolsCall, envelope: nil, state: session, expected: .serve(.callTool, .v2025_06_18)),
        Row(method: .resourcesList, envelope: nil, state: session, expected: .serve(.listResources, .v2025_06_18)),
        Row(method: .resourcesTemplatesList, envelope: nil, state: session, expected: .serve(.listResourceTemplates, .v2025_06_18)),
        Row(method: .resourcesRead, envelope: nil, state: session, expected: .serve(.readResource, .v2025_06_18)),
        Row(method: .promptsList, envelope: nil, state: session, expected: .serve(.listPrompts, .v2025_06_18)),
        Row(method: .promptsGet, envelope: nil, state: session, expected: .serve(.getPrompt, .v2025_06_18)),
        Row(method: .completionComplete, envelope: nil, state: session, expected: .serve(.complete, .v2025_06_18)),
        Row(method: .loggingSetLevel, envelope: nil, state: session, expected: .serve(.setLogLevel, .v2025_06_18)),
        Row(method: .serverDiscover, envelope: nil, state: session, expected: .refuse(.invalidParams)),
        // The stateless revision: served in any session state under the revision it names; ping and setLevel are gone.
        Row(method: .initialize, envelope: .v2026_07_28, state: .awaitingInitialize, expected: .initialize),
        Row(method: .serverDiscover, envelope: .v2026_07_28, state: .awaitingInitialize, expected: .serve(.discover, .v2026_07_28)),
        Row(method: .toolsList, envelope: .v2026_07_28, state: .awaitingInitialize, expected: .serve(.listTools, .v2026_07_28)),
        Row(method: .toolsCall, envelope: .v2026_07_28, state: session, expected: .serve(.callTool, .v2026_07_28)),
        Row(method: .ping, envelope: .v2026_07_28, state: .awaitingInitialize, expected: .refuse(.methodNotFound)),
        Row(method: .ping, envelope: .v2026_07_28, state: session, expected: .refuse(.methodNotFound)),
        Row(method: .loggingSetLevel, envelope: .v2026_07_28, state: .awaitingInitialize, expected: .refuse(.methodNotFound)),
        Row(method: .loggingSetLevel, envelope: .v2026_07_28, state: session, expected: .refuse(.methodNotFound)),
    ]

    @Test("each method, session state and revision gets its decision", arguments: rows)
    func decision(_ row: Row) {
        let actual: Expected =
            switch Admission.decide(row.method, envelope: row.envelope, state: row.state) {
            case .initialize: .initialize
            case .ping: .ping
            case .serve(let handler, let revision): .serve(handler, revision)
            case .refuse(let error): .refuse(error.code)
            }
        #expect(actual == row.expected)
    }

    @Test("every handshake revision serves its session's requests under that revision", arguments: ProtocolRevision.handshakeRevisions)
    func sessionRevision(_ revision: ProtocolRevision) {
        let state = SessionState.ready(revision: revision, client: Self.client)
        #expect(Admission.decide(.toolsList, envelope: nil, state: state) == .serve(.listTools, revision: revision))
        #expect(Admission.decide(.ping, envelope: nil, state: state) == .ping)
    }

    @Test("refusals say what to do")
    func refusalMessages() {
        #expect(
            Admission.decide(.toolsList, envelope: nil, state: .awaitingInitialize)
                == .refuse(JSONRPCError(.invalidRequest, "Server not initialized: send \"initialize\" before \"tools/list\"")))
        #expect(
            Admission.decide(.ping, envelope: .v2026_07_28, state: .awaitingInitialize)
                == .refuse(JSONRPCError(.methodNotFound, "Method not found: ping does not exist in protocol revision 2026-07-28")))
    }
}
