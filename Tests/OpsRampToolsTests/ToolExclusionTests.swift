import OpsRampConfiguration
import OpsRampJSON
import OpsRampLogging
import Testing

@testable import OpsRampAPI
@testable import OpsRampMCP
@testable import OpsRampTools

/// A tool left out by `OPSRAMP_MCP_EXCLUDE_TOOLS` is named nowhere: not in another tool's
/// description or schema, the instructions, the prompts, the documents, an error's advice, and
/// no `next` points at it.
@Suite("Tools left out of the selection")
struct ToolExclusionTests {
    static let context = ToolContext(
        revision: .v2025_06_18, logger: Logger(label: "test", backend: LogBackend(level: .emergency)),
        progress: .none)

    /// Everything the server says that could name a tool, for `selection`.
    static func texts(_ selection: ToolSelection) async throws -> [String] {
        let (registry, _) = OpsRampToolbox.registry(offlineEnvironment(), selection: selection)
        let names = OpsRampToolbox.names(for: selection).names
        var texts = registry.tools.map { $0.description + JSONWriter.string($0.inputSchema) + JSONWriter.string($0.outputSchema ?? .null) }
        texts.append(OpsRampToolbox.instructions(names))
        for prompt in OpsRampPrompts.all(names: names) {
            texts.append(try prompt.render(["group": "AWS EC2"]).map(\.text).joined())
        }
        let catalog = OpsRampResources.catalog(names)
        texts += catalog.resources.map { $0.description + $0.text() }
        var environment = offlineEnvironment(maxResultBytes: 2_000)
        environment.names = names
        texts.append(environment.advice(for: .notFound(detail: "No resource found with UUID : x")))
        texts.append(environment.advice(for: .badRequest(detail: "bad filter")))
        texts.append(GetReleaseVersion.unavailable(status: 404, names: names))
        // The OpsQL tool's answer to a query it cannot send.
        if let opsql = registry.tools.first(where: { $0.name == names[.executeOpsQLQuery] }) {
            do {
                _ = try await opsql.handler(ToolArguments(["query": ["fields": ["id"]]]), context)
                Issue.record("an OpsQL query without objectType was accepted")
            } catch let failure as ToolFailure {
                texts.append(failure.userMessage)
            }
        }
        // The dashboard's answers (when it is served): complete, cut by size, and ranked from part of the alerts.
        let surveys =
            names.isExposed(.getAlertStatisticsDashboard)
            ? [Self.survey(missing: nil), Self.survey(missing: "one call ranks devices by at most 5000 alerts")] : []
        for survey in surveys {
            for bytes in [40_000, 2_000] {
                let sized = ToolEnvironment(
                    client: nil, connectionProblems: [], portal: environment.portal, maxResultBytes: bytes,
                    now: { fixedNow }, names: names)
                let output = GetAlertStatisticsDashboard.answer(
                    survey, arguments: ToolArguments(["since": "1h"]), window: nil,
                    links: PortalLinks(sized.portal), environment: sized)
                texts.append(JSONWriter.string(.object(output.data)))
                if let tool = output.data["next"]?["tool"]?.stringValue {
                    #expect(registry.names.contains(tool), "next targets \(tool), which is not served")
                }
            }
        }
        return texts
    }

    /// Forty devices with open alerts; `missing` says the ranking saw only part of the alerts.
    static func survey(missing: String?) -> AttentionSurvey {
        let alerts: [JSONValue] = (0..<40).map { index in
            [
                "uniqueId": .string("a\(index)"), "currentState": index % 2 == 0 ? "Critical" : "Warning", "priority": "P1",
                "createdDate": "2025-11-29T07:30:00+0000", "subject": .string("Disk full on host-\(index)"),
                "resourceId": .string("r\(index)"), "resourceName": .string("host-\(index)"), "resourceType": "Linux",
            ]
        }
        return AttentionSurvey(
            alerts: alerts, byState: ["Critical": 20, "Warning": 20, "Info": 1, "Ok": 0], byPriority: nil,
            attentionTotal: missing == nil ? 40 : 6_000, missing: missing, skipped: nil)
    }

    @Test(
        "with any one tool left out (prefixed or not), no text names it and no next points at it",
        arguments: ToolName.allCases, ["", "prod_"])
    func singleExclusion(_ excluded: ToolName, prefix: String) async throws {
        let texts = try await Self.texts(ToolSelection(include: nil, exclude: [excluded.rawValue], prefix: prefix))
        for text in texts {
            #expect(!text.contains(excluded.rawValue), "\(excluded.rawValue) named in: \(text.prefix(400))")
        }
        // And the others are still named where they were, under the prefix.
        let everything = texts.joined(separator: "\n")
        for tool in ToolName.allCases where tool != excluded && tool != .getReleaseVersion {
            #expect(everything.contains(prefix + tool.rawValue), "\(tool.rawValue) no longer named anywhere")
        }
    }

    @Test("the reviewer's selection: get_alerts and get_query_examples left out under prod_")
    func twoExcluded() async throws {
        let texts = try await Self.texts(ToolSelection(include: nil, exclude: ["get_alerts", "get_query_examples"], prefix: "prod_"))
        for text in texts {
            #expect(!text.contains("get_alerts") && !text.contains("get_query_examples"), "\(text.prefix(400))")
        }
        #expect(texts.contains { $0.contains("opsql://examples") }, "the OpsQL error points at the examples resource instead")
    }
}
