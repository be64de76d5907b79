import Configuration
import Foundation
import JSON
import MCP
import OpsRampAPI
@testable import OpsRampTools
import Testing

let fixedNow = Date(timeIntervalSince1970: 1_764_403_200) // 2025-11-29T08:00:00Z

func offlineEnvironment(portal: PortalSettings = PortalSettings(portalURL: nil, portalURLDerived: false, alertDashboardID: nil),
                        maxResultBytes: Int = 40_000) -> ToolEnvironment {
    ToolEnvironment(client: nil, connectionProblems: [.missing("OPSRAMP_BASE_URL", hint: "set it")], portal: portal,
                    maxResultBytes: maxResultBytes, now: { fixedNow })
}

@Suite("Time expressions")
struct TimeExpressionTests {
    @Test("relative times count back from now", arguments: [
        ("30m", 1_800.0), ("1h", 3_600), ("24h", 86_400), ("7d", 604_800), ("2w", 1_209_600), ("90s", 90), ("-15min", 900), ("3 hours ago", 10_800),
    ])
    func relative(_ text: String, seconds: Double) {
        #expect(TimeExpression.parse(text, now: fixedNow) == fixedNow.addingTimeInterval(-seconds))
    }

    @Test("absolute times and keywords")
    func absolute() {
        #expect(TimeExpression.parse("2025-11-29T06:30:00Z", now: fixedNow) == Date(timeIntervalSince1970: 1_764_397_800))
        #expect(TimeExpression.parse("2025-11-29T07:30:00+01:00", now: fixedNow) == Date(timeIntervalSince1970: 1_764_397_800))
        #expect(TimeExpression.parse("2025-11-29", now: fixedNow) == Date(timeIntervalSince1970: 1_764_374_400))
        #expect(TimeExpression.parse("today", now: fixedNow) == Date(timeIntervalSince1970: 1_764_374_400))
        #expect(TimeExpression.parse("now", now: fixedNow) == fixedNow)
    }

    @Test("nonsense is refused", arguments: ["soon", "1x", "h", "", "2025-13-45", "99999999w"])
    func invalid(_ text: String) {
        #expect(TimeExpression.parse(text, now: fixedNow) == nil)
    }
}

@Suite("get_alerts query building")
struct AlertQueryTests {
    func query(_ arguments: [String: JSONValue]) throws -> String {
        try GetAlerts.buildQuery(ToolArguments(arguments), environment: offlineEnvironment()).description
    }

    @Test("structured arguments become OpsRamp queryString keys")
    func structured() throws {
        #expect(try query(["states": ["Critical"], "since": "1h"]) == "states:Critical+startDate:2025-11-29T07:00:00 0000+alertTimeBase:created")
        #expect(try query(["priorities": ["P0", "P1"], "open_only": true, "resource_ids": ["r-1", "r-2"]])
            == "priority:P0,P1+resourceIds:r-1,r-2+actions:OPEN")
        #expect(try query(["since": "2h", "until": "1h", "time_base": "updated"])
            == "startDate:2025-11-29T06:00:00 0000+endDate:2025-11-29T07:00:00 0000+alertTimeBase:updated")
        #expect(try query(["query_string": "alertTypes:Monitoring+metrics:PING"]) == "alertTypes:Monitoring+metrics:PING")
        #expect(try query([:]) == "")
    }

    @Test("bad filters are tool failures that explain the fix")
    func failures() {
        func message(_ arguments: [String: JSONValue]) -> String {
            do {
                _ = try query(arguments)
                return ""
            } catch {
                return (error as? ToolFailure)?.userMessage ?? "\(error)"
            }
        }
        #expect(message(["since": "yesterday-ish"]).contains("relative time such as 30m"))
        #expect(message(["since": "1h", "until": "2h"]).contains("must be earlier than until"))
        #expect(message(["query_string": "state:Critical"]).contains("valid keys"))
        #expect(message(["states": ["Critical"], "query_string": "states:Ok"]).contains("given twice"))
        #expect(message(["resource_ids": ["a+b"]]).contains("'+'"))
    }
}

@Suite("OpsQL validation")
struct OpsQLValidationTests {
    func problem(_ query: JSONValue) -> String? {
        do {
            _ = try OpsQLRequestValidator.validate(query)
            return nil
        } catch {
            return (error as? ToolFailure)?.userMessage
        }
    }

    @Test("valid queries pass, as objects or as JSON text")
    func valid() {
        #expect(problem(["objectType": "alert", "fields": ["id"], "filterCriteria": "currentState = \"CRITICAL\""]) == nil)
        #expect(problem(.string(#"{"objectType":"resource","fields":["id","name"],"pageSize":500}"#)) == nil)
        #expect(problem(["objectType": "resource", "aggregateFunction": "count", "groupBy": []]) == nil)
        for example in QueryExampleCatalog.examples {
            #expect(problem(example.body) == nil, "example \"\(example.question)\" must be valid")
        }
    }

    @Test("each mistake is named, with a pointer to get_query_examples", arguments: [
        (JSONValue.string("{objectType: alert}"), "not valid JSON"),
        (JSONValue.int(5), "must be a JSON object"),
        (["fields": ["id"]], "objectType is required"),
        (["objectType": "alerts", "fields": ["id"]], "objectType \"alerts\""),
        (["objectType": "alert"], "fields is required"),
        (["objectType": "alert", "fields": []], "non-empty list"),
        (["objectType": "alert", "fields": ["id"], "filter": "x"], "\"filter\" is not an OpsQL request field"),
        (["objectType": "alert", "fields": ["id"], "filterCriteria": "a = \"b"], "unclosed quote"),
        (["objectType": "alert", "fields": ["id"], "filterCriteria": "(a = 1"], "unclosed '('"),
        (["objectType": "alert", "fields": ["id"], "pageSize": 5000], "from 1 to 1000"),
        (["objectType": "alert", "fields": ["id"], "sortByOrder": "UP"], "ASC"),
    ] as [(JSONValue, String)])
    func invalid(_ query: JSONValue, expected: String) {
        let message = problem(query) ?? ""
        #expect(message.contains(expected), "\(message)")
        #expect(message.contains("get_query_examples"))
    }
}

@Suite("Result budget and compaction")
struct ResultBudgetTests {
    @Test("keeps as many items as fit and reports how many were dropped")
    func fits() {
        let items = (0..<500).map { JSONValue.string(String(repeating: "x", count: 100) + "\($0)") }
        let output = ResultBudget.fit(items, maxBytes: 5_000) { kept, dropped in
            ["items": .array(kept), "dropped": .int(dropped)]
        }
        let result = output.data
        #expect(ResultBudget.size(result) <= 5_000)
        #expect(output.encoded == JSONWriter.bytes(.object(result)))
        let kept = result["items"]?.arrayValue?.count ?? 0
        #expect(kept > 40)
        #expect(result["dropped"]?.intValue == 500 - kept)
    }

    @Test("an alert is reduced to its essential fields, empty ones dropped")
    func alertCompaction() {
        let alert: JSONValue = [
            "uniqueId": "389547", "subject": "Disk full", "currentState": "Critical", "priority": "P1", "status": "New",
            "createdDate": "2026-11-29T10:00:00+0000", "updatedTime": "2026-11-29T10:05:00+0000", "metric": "disk", "component": "",
            "resource": ["id": "r-1", "name": "web-01", "ipAddress": "10.0.0.1", "resourceType": "Linux", "consoles": []],
            "device": ["id": "r-1"], "tenantId": 5, "rba": false, "statusHistory": ["createdBy": "system"],
        ]
        #expect(AlertSummary.compact(alert) == [
            "uniqueId": "389547", "subject": "Disk full", "currentState": "Critical", "priority": "P1", "status": "New",
            "createdDate": "2026-11-29T10:00:00+0000", "updatedTime": "2026-11-29T10:05:00+0000", "metric": "disk",
            "resourceId": "r-1", "resourceName": "web-01", "resourceIp": "10.0.0.1", "resourceType": "Linux",
        ])
    }

    @Test("portal links are built only from settings")
    func portalLinks() {
        let links = PortalLinks(PortalSettings(portalURL: URL(string: "https://org.app.opsramp.com"), portalURLDerived: true, alertDashboardID: "d-1"))
        #expect(links.dashboard == "https://org.app.opsramp.com/portal/dashboards/d-1")
        #expect(links.alertsPage == "https://org.app.opsramp.com/portal/infra-ui/alerts")
        #expect(links.notes.contains { $0.contains("derived") })
        let none = PortalLinks(PortalSettings(portalURL: nil, portalURLDerived: false, alertDashboardID: "d-1"))
        #expect(none.dashboard == nil)
        #expect(none.notes.first?.contains("OPSRAMP_PORTAL_URL") == true)
    }

    @Test("tool selection and prefix")
    func selection() throws {
        let (registry, unknown) = OpsRampToolbox.registry(offlineEnvironment(), selection: ToolSelection(include: ["get_alerts", "get_query_examples"], exclude: ["get_query_examples"], prefix: "prod_"))
        #expect(registry.names == ["prod_get_alerts"])
        #expect(unknown.isEmpty)
        let typo = OpsRampToolbox.registry(offlineEnvironment(), selection: ToolSelection(include: ["get_alertz", "get_alerts"], exclude: [], prefix: ""))
        #expect(typo.unknown == ["get_alertz"])
        #expect(typo.registry.names == ["get_alerts"])
        #expect(OpsRampToolbox.allTools(offlineEnvironment()).map(\.name) == OpsRampToolbox.toolNames)
    }
}
