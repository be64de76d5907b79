import Foundation
import OpsRampAPI
import OpsRampJSON
import OpsRampMCP
import OpsRampSupport
import Testing

@testable import OpsRampConfiguration
@testable import OpsRampTools

let fixedNow = Date(timeIntervalSince1970: 1_764_403_200) // 2025-11-29T08:00:00Z

func offlineEnvironment(
    portal: PortalSettings = PortalSettings(portalURL: nil, portalURLDerived: false, alertDashboardID: nil),
    maxResultBytes: Int = 40_000
) -> ToolEnvironment {
    ToolEnvironment(
        client: nil, connectionProblems: [.missing("OPSRAMP_BASE_URL", hint: "set it")], portal: portal,
        maxResultBytes: maxResultBytes, now: { fixedNow })
}

@Suite("get_alerts query building")
struct AlertQueryTests {
    func filters(_ arguments: [String: JSONValue], zone: OperatorTimeZone = .utc) throws -> AlertFilters {
        let environment = ToolEnvironment(
            client: nil, connectionProblems: [], portal: offlineEnvironment().portal,
            maxResultBytes: 40_000, timeZone: zone, now: { fixedNow })
        return try AlertFilters(ToolArguments(arguments), environment: environment)
    }

    func query(_ arguments: [String: JSONValue]) throws -> String {
        try filters(arguments).query.description
    }

    @Test("structured arguments become OpsRamp queryString keys; a window always has both ends")
    func structured() throws {
        #expect(
            try query(["states": ["Critical"], "since": "1h"])
                == "states:Critical+startDate:2025-11-29T07:00:00 0000+endDate:2025-11-29T08:00:00 0000+alertTimeBase:created")
        #expect(
            try query(["priorities": ["P0", "P1"], "open_only": true, "resource_ids": ["r-1", "r-2"]])
                == "priority:P0,P1+resourceIds:r-1,r-2+actions:OPEN")
        #expect(
            try query(["since": "2h", "until": "1h", "time_base": "updated"])
                == "startDate:2025-11-29T06:00:00 0000+endDate:2025-11-29T07:00:00 0000+alertTimeBase:updated")
        #expect(try query(["query_string": "alertTypes:Monitoring+metrics:PING"]) == "alertTypes:Monitoring+metrics:PING")
        #expect(try query([:]) == "")
    }

    @Test("states, priorities and actions are accepted in any case and sent in OpsRamp's spelling")
    func anyCase() throws {
        #expect(try query(["states": ["CRITICAL", "warning", "Ok"], "priorities": ["p1"]]) == "states:Critical,Warning,Ok+priority:P1")
        #expect(try query(["actions": ["open", "Acknowledged"]]) == "actions:OPEN,ACKNOWLEDGED")
        #expect(try query(["actions": ["TICKETED"], "open_only": true]) == "actions:TICKETED,OPEN")
        #expect(try query(["actions": ["OPEN"], "open_only": true]) == "actions:OPEN")
        #expect(try query(["query_string": "states:CRITICAL,ok+actions:open"]) == "states:Critical,Ok+actions:OPEN")
    }

    @Test("statusHistory keys travel in the statusHistory parameter, not in queryString")
    func statusHistory() throws {
        let split = try filters([
            "states": ["Critical"], "query_string": "acknowledgedBy:ops.engineer+metrics:PING+startClosedTime:2025-11-28T00:00:00 0000",
        ])
        #expect(split.query.description == "states:Critical+metrics:PING")
        #expect(split.statusHistory.description == "acknowledgedBy:ops.engineer+startClosedTime:2025-11-28T00:00:00 0000")
        var described: [String: JSONValue] = [:]
        split.describe(into: &described)
        #expect(described["statusHistory"] == "acknowledgedBy:ops.engineer+startClosedTime:2025-11-28T00:00:00 0000")
        #expect(described["window"] == nil)
    }

    @Test("a window read in the operator's zone is sent in UTC and described in the answer")
    func windowInZone() throws {
        // fixedNow is midnight in Los Angeles (PST), 08:00 UTC.
        let zoned = try filters(["since": "2025-11-28T07:00", "time_base": "updated"], zone: losAngeles)
        #expect(zoned.query.description == "startDate:2025-11-28T15:00:00 0000+endDate:2025-11-29T08:00:00 0000+alertTimeBase:updated")
        var described: [String: JSONValue] = [:]
        zoned.describe(into: &described)
        #expect(
            described["window"] == [
                "since": "2025-11-28T15:00:00Z", "until": "2025-11-29T08:00:00Z",
                "timeZone": "America/Los_Angeles", "timeBase": "updated",
            ])
        #expect(try filters(["since": "today"], zone: losAngeles).window?.since == utc("2025-11-29T08:00:00Z"))
        #expect(try filters(["since": "yesterday"], zone: losAngeles).window?.since == utc("2025-11-28T08:00:00Z"))
    }

    @Test("bad filters are tool failures that explain the fix")
    func failures() {
        func message(_ arguments: [String: JSONValue]) -> String {
            do {
                _ = try query(arguments)
                return ""
            } catch {
                return (error as? UserFacingError)?.userMessage ?? "\(error)"
            }
        }
        #expect(message(["since": "yesterday-ish"]).contains("Accepted: a relative time (30m"))
        #expect(message(["since": "1h", "until": "2h"]).contains("is after until"))
        #expect(message(["query_string": "state:Critical"]).contains("valid keys"))
        #expect(message(["states": ["Critical"], "query_string": "states:Ok"]).contains("given twice"))
        #expect(message(["resource_ids": ["a+b"]]).contains("'+'"))
        #expect(message(["states": ["Critcal"]]).contains("\"Critcal\" is not one of Critical, Warning, Info, Ok"))
        #expect(message(["actions": ["OPENED"]]).contains("is not one of OPEN, ACKNOWLEDGED"))
        #expect(message(["query_string": "startDate:2025-11-29T07:00:00 0000"]).contains("give the time window with since"))
        #expect(message(["query_string": "alertTimeBase:updated"]).contains("time_base"))
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

    @Test(
        "each mistake is named, with a pointer to get_query_examples",
        arguments: [
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

    @Test("portal links are built only from settings; the advice about them is for the operator, under the exposed name")
    func portalLinks() {
        let derived = PortalSettings(portalURL: URL(string: "https://org.app.opsramp.com"), portalURLDerived: true, alertDashboardID: "d-1")
        let links = PortalLinks(derived)
        #expect(links.dashboard == "https://org.app.opsramp.com/portal/dashboards/d-1")
        #expect(links.alertsPage == "https://org.app.opsramp.com/portal/infra-ui/alerts")
        let prefixed = ToolNames(prefix: "prod_")
        #expect(OpsRampToolbox.portalAdvice(derived, names: prefixed).contains { $0.contains("derived") })
        let unset = PortalSettings(portalURL: nil, portalURLDerived: false, alertDashboardID: "d-1")
        #expect(PortalLinks(unset).dashboard == nil)
        let advice = OpsRampToolbox.portalAdvice(unset, names: prefixed)
        #expect(advice.count == 1 && advice[0].contains("OPSRAMP_PORTAL_URL") && advice[0].contains("prod_get_alert_statistics_dashboard"))
        let complete = PortalSettings(portalURL: URL(string: "https://org.app.opsramp.com"), portalURLDerived: false, alertDashboardID: "d-1")
        #expect(OpsRampToolbox.portalAdvice(complete, names: prefixed).isEmpty)
        #expect(OpsRampToolbox.portalAdvice(unset, names: ToolNames(exposed: [.getAlerts])).isEmpty)
    }

    @Test("tool selection and prefix")
    func selection() throws {
        let (registry, unknown) = OpsRampToolbox.registry(
            offlineEnvironment(),
            selection: ToolSelection(include: ["get_alerts", "get_query_examples"], exclude: ["get_query_examples"], prefix: "prod_"))
        #expect(registry.names == ["prod_get_alerts"])
        #expect(unknown.isEmpty)
        let typo = OpsRampToolbox.registry(
            offlineEnvironment(), selection: ToolSelection(include: ["get_alertz", "get_alerts"], exclude: [], prefix: ""))
        #expect(typo.unknown == ["get_alertz"])
        #expect(typo.registry.names == ["get_alerts"])
        #expect(OpsRampToolbox.allTools(offlineEnvironment()).map(\.name) == OpsRampToolbox.toolNames)
    }
}
