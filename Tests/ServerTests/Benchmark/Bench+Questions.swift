import FakeOpsRamp
import Foundation
import OpsRampJSON

extension Bench {
    /// The operator's three questions and tools/list: calls, OpsRamp requests and answer bytes (text content).
    mutating func questions() throws {
        let tenant = try FakeTenant()
        var peaks: [String] = []
        for (label, prefix) in [("", ""), (" (OPSRAMP_MCP_TOOL_PREFIX=prod_)", "prod_")] {
            let listing = try server(tenant, ["OPSRAMP_MCP_TOOL_PREFIX": prefix])
            let (line, _) = listing.roundTrip(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#)
            peaks.append("tools/list\(label) \(mb(listing.peakMemoryKB))")
            listing.finish()
            report.budget("tools/list answer\(label)", bytes: line?.utf8.count ?? Int.max, under: 11_000)
        }
        let sample = try FakeTenant()
        let asked = try server(sample, ["OPSRAMP_TIMEZONE": "UTC"])
        for (index, (question, tool, arguments, budget)) in [
            ("Q1 critical alerts from the last hour", "get_alerts", #"{"states":["Critical"],"since":"1h"}"#, nil),
            ("Q2 status of our AWS EC2 instances", "get_minimal_resource_details", #"{"type":"AWS EC2"}"#, nil),
            ("Q3 devices needing attention today (sample tenant, 12 resources)", "get_alert_statistics_dashboard", #"{"since":"today"}"#, nil),
        ].enumerated() as EnumeratedSequence<[(String, String, String, Int?)]> {
            let before = sample.fake.requests.filter { $0.route != .token }.count
            let (line, _) = asked.roundTrip(call(90 + index, tool, arguments))
            report.answer(question, line: line, opsRampRequests: sample.fake.requests.filter { $0.route != .token }.count - before, under: budget)
        }
        peaks.append("the three questions \(mb(asked.peakMemoryKB))")
        asked.finish()
        let crowded = try FakeTenant()
        let attention = FakeData.attentionTenant(now: crowded.now)
        crowded.fake.alerts = attention.alerts
        crowded.fake.resources = attention.resources
        let ranked = try server(crowded, ["OPSRAMP_TIMEZONE": "UTC"])
        for (index, (question, arguments)) in [
            ("Q3 with 65 devices needing attention, default top 10", #"{"since":"today"}"#),
            ("Q3 with 65 devices needing attention, top 65", #"{"since":"today","top":65}"#),
        ].enumerated() {
            let before = crowded.fake.requests.filter { $0.route != .token }.count
            let (line, _) = ranked.roundTrip(call(95 + index, "get_alert_statistics_dashboard", arguments))
            report.answer(question, line: line, opsRampRequests: crowded.fake.requests.filter { $0.route != .token }.count - before, under: 10_000)
        }
        peaks.append("65 devices \(mb(ranked.peakMemoryKB))")
        ranked.finish()
        report.note("questions: server peak RSS: " + peaks.joined(separator: ", "))
    }
}
