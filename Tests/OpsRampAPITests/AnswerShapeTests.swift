import Foundation
import OpsRampHTTP
import OpsRampJSON
import Testing

@testable import OpsRampAPI

@Suite("Answers that are not result pages")
struct AnswerShapeTests {
    func errorAnswer(_ body: JSONValue?, acceptsCount: Bool = false) -> OpsRampError? {
        do {
            _ = try SearchPage.read(body, endpoint: "alert search", acceptsCount: acceptsCount)
            return nil
        } catch {
            return error
        }
    }

    @Test(
        "a 2xx error object is OpsRamp's error, never an empty page",
        arguments: [
            (["code": "0002", "message": "Invalid search key: closedBy"], "0002", "Invalid search key: closedBy"),
            (["code": 3, "message": "No tenant"], "3", "No tenant"),
            (["error": "invalid_request", "error_description": "Bad filter"], nil, "Bad filter"),
            (
                ["status": "FAILED", "reason": "x"], nil,
                "an object with none of results, totalResults, nextPage or pageNo (its fields: reason, status)"
            ),
            ([:], nil, "an empty object, with none of results, totalResults, nextPage or pageNo"),
            ([["code": "0002", "fieldName": "queryString", "message": "Invalid key"]], "0002", "queryString: Invalid key"),
        ] as [(JSONValue, String?, String)])
    func errorObjects(_ body: JSONValue, code: String?, message: String) {
        #expect(errorAnswer(body) == .errorAnswer(endpoint: "alert search", code: code, message: message))
    }

    @Test("the error's message says it is not 'no matches' and carries OpsRamp's text")
    func errorMessage() {
        let text = OpsRampError.errorAnswer(endpoint: "resources/minimal", code: "0002", message: "Invalid query key: make").userMessage
        #expect(text.contains("resources/minimal"))
        #expect(text.contains("(code 0002): Invalid query key: make"))
        #expect(text.contains("not \"no matches\""))
    }

    @Test("result pages are recognised by any one of results, totalResults, nextPage or pageNo")
    func resultPages() throws {
        #expect(try SearchPage.read(["totalResults": 0], endpoint: "t").results.isEmpty)
        #expect(try SearchPage.read(["pageNo": 1], endpoint: "t").nextPage == false)
        #expect(try SearchPage.read(["nextPage": "true", "results": []], endpoint: "t").nextPage)
        let page = try SearchPage.read(
            ["results": [["id": "a"]], "totalResults": "208", "nextPage": true, "nextPageNo": 2, "pageSize": 100],
            endpoint: "t")
        #expect(page == SearchPage(results: [["id": "a"]], totalResults: 208, nextPage: true, nextPageNo: 2, pageSize: 100))
        #expect(try SearchPage.read(["results": [], "pageNo": "3"], endpoint: "t").pageNo == 3)
        #expect(try SearchPage.read(["results": [], "nextPage": false, "nextPageNo": 0], endpoint: "t").nextPageNo == nil)
        // A list of alerts is results, even though alerts carry a message-like subject.
        #expect(try SearchPage.read([["uniqueId": "1", "message": "m", "code": "c"]], endpoint: "t").results.count == 1)
    }

    @Test("an OpsQL count answer is read as a count, in both shapes; elsewhere it is an error")
    func counts() throws {
        #expect(try SearchPage.read(["count": 42], endpoint: "OpsQL", acceptsCount: true).count == 42)
        #expect(try SearchPage.read(["count": "42"], endpoint: "OpsQL", acceptsCount: true).count == 42)
        #expect(try SearchPage.read(["results": [["count": 7]], "nextPage": false], endpoint: "OpsQL", acceptsCount: true).count == 7)
        #expect(try SearchPage.read(["results": [["count": 7]]], endpoint: "alert search").count == nil)
        #expect(errorAnswer(["count": 42]) != nil)
    }

    @Test("a 200 error object from the alert search is an error through the client too")
    func throughTheClient() async {
        let transport = ScriptedTransport([ScriptedTransport.json(200, #"{"code":"0002","message":"Invalid search key: closedBy"}"#)])
        await #expect(throws: OpsRampError.errorAnswer(endpoint: "alert search", code: "0002", message: "Invalid search key: closedBy")) {
            try await makeClient(transport).alertsPage(query: QueryString(), pageNo: 1, pageSize: 10)
        }
        let minimal = ScriptedTransport([ScriptedTransport.json(200, #"{"message":"Service is busy"}"#)])
        await #expect(throws: OpsRampError.errorAnswer(endpoint: "resources/minimal", code: nil, message: "Service is busy")) {
            try await makeClient(minimal).minimalResources(query: QueryString(), state: .active, limit: 10)
        }
    }

    @Test("a 500 'No resource found' is a not-found, not retried; other 500s are still retried")
    func noResourceFound() async {
        let sleeps = RecordedSleeps()
        let transport = ScriptedTransport(
            Array(
                repeating: ScriptedTransport.json(
                    500,
                    #"{"code":"0003","message":"No resource found with UUID : 8e821346-d93f-464e-84b8-d17f02ae4a6c"}"#), count: 4))
        await #expect(throws: OpsRampError.notFound(detail: "No resource found with UUID : 8e821346-d93f-464e-84b8-d17f02ae4a6c")) {
            try await makeClient(transport, sleeps: sleeps).minimalResources(query: QueryString(), state: .active, limit: 10)
        }
        #expect(transport.apiRequests.count == 1)
        #expect(sleeps.all.isEmpty)
        let message = OpsRampError.notFound(detail: "No resource found with UUID : x").userMessage
        #expect(message.contains("no such object") && message.contains("Check the id"))
        #expect(!OpsRampError.notFound(detail: "").userMessage.contains("no such object"))

        let transient = ScriptedTransport([
            ScriptedTransport.json(500, #"{"code":"0005","message":"Try again"}"#),
            ScriptedTransport.json(200, "[]"),
        ])
        await #expect(throws: Never.self) {
            try await makeClient(transient).minimalResources(query: QueryString(), state: .active, limit: 10)
        }
        #expect(transient.apiRequests.count == 2)
    }
}
