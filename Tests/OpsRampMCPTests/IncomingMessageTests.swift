import OpsRampJSON
import Testing

@testable import OpsRampMCP

@Suite("JSON-RPC message classification")
struct IncomingMessageTests {
    func classify(_ text: String) throws -> IncomingMessage {
        IncomingMessage(try JSONParser.parse(text))
    }

    @Test("requests keep string and number ids exactly")
    func requests() throws {
        #expect(try classify(#"{"jsonrpc":"2.0","id":7,"method":"ping"}"#) == .request(id: .number(JSONNumber(7)), method: "ping", params: nil))
        #expect(
            try classify(#"{"jsonrpc":"2.0","id":"a-1","method":"ping","params":{}}"#) == .request(id: .string("a-1"), method: "ping", params: [:]))
        if case .request(let id, _, _) = try classify(#"{"jsonrpc":"2.0","id":1e3,"method":"ping"}"#) {
            #expect(JSONWriter.string(id.json) == "1e3")
        } else {
            Issue.record("not a request")
        }
    }

    @Test("a message without id is a notification")
    func notifications() throws {
        #expect(
            try classify(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
                == .notification(method: "notifications/initialized", params: nil))
    }

    @Test("invalid shapes are invalid requests, with the id when it is usable")
    func invalid() throws {
        guard case .invalid(nil, _) = try classify("5") else {
            Issue.record("number")
            return
        }
        guard case .invalid(nil, _) = try classify(#"{"jsonrpc":"2.0","id":null,"method":"ping"}"#) else {
            Issue.record("null id")
            return
        }
        guard case .invalid(nil, _) = try classify(#"{"jsonrpc":"2.0","id":{},"method":"ping"}"#) else {
            Issue.record("object id")
            return
        }
        guard case .invalid(.string("x")?, _) = try classify(#"{"jsonrpc":"1.0","id":"x","method":"ping"}"#) else {
            Issue.record("version")
            return
        }
        guard case .invalid(.string("x")?, _) = try classify(#"{"jsonrpc":"2.0","id":"x","method":5}"#) else {
            Issue.record("method type")
            return
        }
        guard case .invalid(.string("x")?, _) = try classify(#"{"jsonrpc":"2.0","id":"x"}"#) else {
            Issue.record("no method")
            return
        }
        guard case .invalid(.string("x")?, _) = try classify(#"{"jsonrpc":"2.0","id":"x","method":"ping","params":3}"#) else {
            Issue.record("params")
            return
        }
        guard case .invalid(nil, _) = try classify(#"{"jsonrpc":"2.0","method":7}"#) else {
            Issue.record("bad notification")
            return
        }
    }

    @Test("responses from the client are recognised (and later dropped)")
    func responses() throws {
        #expect(try classify(#"{"jsonrpc":"2.0","id":1,"result":{}}"#) == .response(id: .number(JSONNumber(1))))
    }
}
