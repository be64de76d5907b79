import Foundation
import OpsRampConfiguration
import OpsRampJSON
import OpsRampMCP
import Testing

@testable import OpsRampAPI
@testable import OpsRampTools

/// Every mention of a tool named the way it is served.
func unprefixedMentions(in text: String, prefix: String) -> [String] {
    var found: [String] = []
    for tool in ToolName.allCases {
        var searchRange = text.startIndex..<text.endIndex
        while let range = text.range(of: tool.rawValue, range: searchRange) {
            let before = text[text.startIndex..<range.lowerBound]
            if !before.hasSuffix(prefix) { found.append(tool.rawValue) }
            searchRange = range.upperBound..<text.endIndex
        }
    }
    return found
}

@Suite("Tool names under a prefix")
struct ToolNamesTests {
    @Test(
        "a prefix is checked against MCP's tool-name rules for the longest tool name",
        arguments: [
            ("prod_", nil), ("eu-west.", nil), ("A1", nil), (String(repeating: "p", count: 34), nil),
            (String(repeating: "p", count: 35), "65 characters"), ("prod prod_", "a space"), ("prod/", "\"/\""), ("prød_", "\"ø\""),
        ] as [(String, String?)])
    func prefixRules(_ prefix: String, problem: String?) {
        let found = ToolNames.problem(withPrefix: prefix)
        if let problem {
            #expect(found?.contains(problem) == true, "\(found ?? "nil")")
            #expect(found?.contains("OPSRAMP_MCP_TOOL_PREFIX") == true)
        } else {
            #expect(found == nil)
        }
        #expect(ToolNames.problem(withPrefix: "") == nil)
        #expect(ToolNames.warning(forPrefix: "eu.") != nil && ToolNames.warning(forPrefix: "eu_") == nil)
    }

    @Test("descriptions, schemas, instructions, prompts and references name the tools with their prefix")
    func everywhere() throws {
        let selection = ToolSelection(include: nil, exclude: [], prefix: "prod_")
        let (registry, _) = OpsRampToolbox.registry(offlineEnvironment(), selection: selection)
        let names = OpsRampToolbox.names(for: selection).names
        #expect(registry.names == ToolName.allCases.map { "prod_" + $0.rawValue })
        for tool in registry.tools {
            let text = tool.description + JSONWriter.string(tool.inputSchema) + JSONWriter.string(tool.outputSchema ?? .null)
            #expect(unprefixedMentions(in: text, prefix: "prod_").isEmpty, "\(tool.name)")
        }
        let instructions = OpsRampToolbox.instructions(names)
        #expect(instructions.contains("prod_get_alert_statistics_dashboard"))
        #expect(unprefixedMentions(in: instructions, prefix: "prod_").isEmpty)
        for prompt in OpsRampPrompts.all(names: names) {
            let text = try prompt.render(["group": "AWS EC2"]).map(\.text).joined()
            #expect(text.contains("prod_"), "\(prompt.name)")
            #expect(unprefixedMentions(in: text, prefix: "prod_").isEmpty, "\(prompt.name)")
        }
        for document in [OpsQLReference.markdown(names), OpsQLReference.queryStringMarkdown(names)] {
            #expect(unprefixedMentions(in: document, prefix: "prod_").isEmpty)
        }
    }

    @Test("instructions and prompts leave out the tools that are not exposed")
    func exposure() {
        let names = OpsRampToolbox.names(for: ToolSelection(include: ["get_alerts"], exclude: [], prefix: "")).names
        let instructions = OpsRampToolbox.instructions(names)
        #expect(instructions.contains("get_alerts"))
        #expect(!instructions.contains("get_alert_statistics_dashboard") && !instructions.contains("execute_opsql_query"))
        #expect(OpsRampPrompts.all(names: names).map(\.name) == ["alerts_in_window"])
    }

    @Test("an API error's advice names the tools as exposed")
    func errorAdvice() {
        var environment = offlineEnvironment()
        environment.names = ToolNames(prefix: "prod_")
        #expect(environment.advice(for: .notFound(detail: "No resource found with UUID : x")).contains("prod_get_minimal_resource_details"))
        #expect(environment.advice(for: .badRequest(detail: "")).contains("prod_get_query_examples"))
        #expect(environment.advice(for: .notFound(detail: "")).isEmpty)
    }
}

@Suite("Continuations of cut answers")
struct ContinuationTests {
    let window = TimeWindow(since: utc("2025-11-29T07:00:00Z"), until: utc("2025-11-29T08:00:00Z"), timeZoneName: "UTC", timeBase: .created)

    func answer(items: Int, total: Int?, more: Bool = false, incomplete: String? = nil, offset: Int, limit: Int) throws -> GetAlerts.Answer {
        let arguments = ToolArguments(["states": ["Critical"], "since": "1h", "page": 2, "limit": .int(limit)])
        let collected = CollectedResults(
            items: Array(repeating: .object([:]), count: items), totalResults: total, moreAvailable: more,
            pagesFetched: 1, pageSize: 500, count: nil, incomplete: incomplete)
        let filters = try AlertFilters(ToolArguments(["states": ["Critical"], "since": "1h"]), environment: offlineEnvironment())
        return GetAlerts.Answer(
            arguments: arguments, filters: filters, collected: collected, offset: offset, limit: limit,
            tool: "prod_get_alerts", maxBytes: 40_000)
    }

    @Test(
        "next continues exactly after what was returned, with the window pinned and page replaced by offset",
        arguments: [
            // items fetched, OpsRamp total, kept in the answer, offset, limit -> next offset and limit (nil: nothing left)
            (1000, 1234, 94, 0, 1000, (94, 906)),
            (1000, 1234, 1000, 0, 1000, (1000, 1000)),
            (234, 1234, 234, 1000, 1000, nil),
            (50, 50, 50, 0, 50, nil),
            (500, 2000, 500, 0, 1000, (500, 500)),
        ] as [(Int, Int, Int, Int, Int, (Int, Int)?)])
    func next(_ items: Int, total: Int, kept: Int, offset: Int, limit: Int, expected: (Int, Int)?) throws {
        let next = try answer(items: items, total: total, offset: offset, limit: limit).next(after: kept, grouping: false)
        guard let expected else {
            #expect(next == nil)
            return
        }
        let arguments = try #require(next?.arguments)
        #expect(next?.tool == "prod_get_alerts")
        #expect(arguments["offset"] == .int(expected.0) && arguments["limit"] == .int(expected.1))
        #expect(arguments["page"] == nil)
        #expect(arguments["states"] == ["Critical"])
        #expect(arguments["since"] == "2025-11-29T07:00:00Z" && arguments["until"] == "2025-11-29T08:00:00Z")
    }

    @Test("without OpsRamp's total, more pages or alerts left out still get a continuation")
    func withoutTotal() throws {
        #expect(try answer(items: 50, total: nil, more: true, offset: 0, limit: 50).next(after: 50, grouping: false) != nil)
        #expect(try answer(items: 50, total: nil, offset: 0, limit: 50).next(after: 20, grouping: true)?.arguments["group_by"] == "resource")
        #expect(try answer(items: 50, total: nil, offset: 0, limit: 50).next(after: 50, grouping: false) == nil)
    }

    @Test("offset and page together are refused; a huge offset is refused")
    func offsets() throws {
        #expect(throws: ToolFailure.self) { try GetAlerts.startOffset(ToolArguments(["offset": 5, "page": 2]), limit: 50) }
        #expect(throws: ToolFailure.self) { try GetAlerts.startOffset(ToolArguments(["offset": 20_000_000]), limit: 50) }
        #expect(try GetAlerts.startOffset(ToolArguments(["page": 3]), limit: 50) == 100)
        #expect(try GetAlerts.startOffset(ToolArguments(["offset": 94]), limit: 906) == 94)
    }
}
