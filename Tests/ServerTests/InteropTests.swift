import FakeOpsRamp
import Foundation
import OpsRampJSON
import TestChildProcess
import Testing

/// Python interpreters with the official MCP SDK installed, from `MCP_SDK_PYTHONS`
/// (colon-separated; `.ci/run` sets it up), or the venvs `.ci/run` leaves in `.build-venvs/`.
enum SDKPythons {
    static let all: [String] = {
        if let listed = ProcessInfo.processInfo.environment["MCP_SDK_PYTHONS"] {
            // Listed explicitly (as CI does): a missing interpreter must fail the test, not skip it.
            return listed.split(separator: ":").map(String.init)
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return ["mcp1", "mcp2"].map { root.appendingPathComponent(".build-venvs/\($0)/bin/python").path }
            .filter { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var available: Bool { !all.isEmpty }

    static var script: String { interopScript("sdk_client.py") }

    /// `Tests/Interop/<name>`.
    static func interopScript(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Interop/\(name)").path
    }

    /// The SDK's major version behind `python`.
    static func major(_ python: String) async -> Int {
        let (status, output) = await run(python, ["-c", "from importlib.metadata import version; print(version('mcp'))"])
        return status == 0 ? Int(output.split(separator: ".").first ?? "") ?? 0 : 0
    }

    static func run(_ executable: String, _ arguments: [String], timeout: Duration = .seconds(120)) async -> (Int32, String) {
        await SpawnedProcess.run(
            executable, arguments, environment: ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()],
            timeout: timeout)
    }
}

@Suite("Interop: the official MCP Python SDK", .enabled(if: SDKPythons.available, "set MCP_SDK_PYTHONS or run .ci/run to install the SDKs"))
struct InteropTests {
    @Test("each SDK line connects in each mode it supports, calls every tool, reads resources and prompts, completes, cancels")
    func sdkClients() async throws {
        var runs = 0
        for python in SDKPythons.all {
            let modes = await SDKPythons.major(python) >= 2 ? ["legacy", "modern", "auto"] : ["legacy"]
            for mode in modes {
                let tenant = try FakeTenant()
                tenant.fake.inject(.hang, on: .releaseVersion)
                var environment = tenant.environment(["OPSRAMP_MCP_LOG_LEVEL": "debug"])
                environment["PATH"] = "/usr/bin:/bin"
                let (status, output) = await SDKPythons.run(
                    python,
                    [
                        SDKPythons.script, mode, ServerProcess.binaryURL.path,
                        JSONWriter.string(.object(environment.mapValues(JSONValue.string))),
                    ])
                let report = output.split(separator: "\n").last.map(String.init) ?? ""
                print("interop \(python.split(separator: "/").suffix(3).first ?? "") \(mode): \(report)")
                #expect(status == 0, "\(mode) with \(python): \(report)")
                #expect(report.contains("\"ok\": true"))
                #expect(!output.contains(FakeTenant.canarySecret))
                runs += 1
            }
        }
        #expect(runs >= 1)
    }
}

@Suite(
    "Interop: --demo through the official MCP Python SDK",
    .enabled(if: SDKPythons.available, "set MCP_SDK_PYTHONS or run .ci/run to install the SDKs"))
struct DemoInteropTests {
    @Test("each SDK line asks --demo the three operator questions and gets the demo tenant's answers, each saying it is sample data")
    func operatorQuestions() async throws {
        var runs = 0
        for python in SDKPythons.all {
            let modes = await SDKPythons.major(python) >= 2 ? ["legacy", "auto"] : ["legacy"]
            for mode in modes {
                let expected = DemoExpectations()
                let (status, output) = await SDKPythons.run(
                    python,
                    [
                        SDKPythons.interopScript("demo_client.py"), mode,
                        ServerProcess.binaryURL.path, #"{"PATH": "/usr/bin:/bin"}"#,
                    ])
                let line = output.split(separator: "\n").last.map(String.init) ?? ""
                let report = try JSONParser.parse(line)
                #expect(status == 0 && report["ok"] == true, "\(mode) with \(python): \(report["error"] ?? .null)")
                #expect(report["instructions"]?.stringValue?.contains("sample data") == true)
                if let title = report["title"]?.stringValue { #expect(title.contains("demo")) }
                #expect(report["notices"]?.objectValue?.count == 6)

                let answers = try #require(report["answers"], "\(line.prefix(500))")
                let critical = answers["critical_last_hour"]?["alerts"]?.arrayValue ?? []
                #expect(Set(critical.compactMap { $0["uniqueId"]?.stringValue }) == expected.criticalLastHour)
                let common = answers["ec2_status"]?["common"]?.objectValue ?? [:]
                let rows = (answers["ec2_status"]?["resources"]?.arrayValue ?? []).map {
                    JSONValue.object(($0.objectValue ?? [:]).merging(common) { own, _ in own })
                }
                func summary(_ row: JSONValue) -> [String] { ["id", "name", "state"].map { row[$0]?.stringValue ?? "" } }
                #expect(Set(rows.map(summary)) == Set(expected.ec2Instances.map(summary)))
                #expect(rows.allSatisfy { $0["openCritical"]?.intValue != nil })
                func count(_ state: String) -> Int { expected.openToday.filter { $0["currentState"]?.stringValue == state }.count }
                #expect(answers["attention"]?["attention"]?["total"]?.intValue == count("Critical") + count("Warning"))
                #expect(answers["attention"]?["otherOpen"] == ["Info": .int(count("Info")), "Ok": .int(count("Ok"))])
                let devices = Set(AnswerChecks.tableRows(answers["attention"]?["devices"]).compactMap { $0["name"]?.stringValue })
                #expect(devices == expected.devicesNeedingAttention)
                print(
                    "demo interop \(report["sdk"]?.stringValue ?? "") \(mode): ok \(report["ok"] ?? .null), protocol \(report["protocol"] ?? .null)")
                runs += 1
            }
        }
        #expect(runs >= 1)
    }
}

@Suite(
    "Interop: the three questions through the official MCP Python SDK",
    .enabled(if: SDKPythons.available, "set MCP_SDK_PYTHONS or run .ci/run to install the SDKs"))
struct InteropQuestionsTests {
    static var script: String { SDKPythons.interopScript("questions.py") }

    @Test("each question, chosen from the tool descriptions, is answered in one call under a prefix, matching the fake's data")
    func questions() async throws {
        var runs = 0
        for python in SDKPythons.all {
            let modes = await SDKPythons.major(python) >= 2 ? ["legacy", "auto"] : ["legacy"]
            for mode in modes {
                let tenant = try FakeTenant()
                var environment = tenant.environment([
                    "OPSRAMP_MCP_TOOL_PREFIX": "prod_", "OPSRAMP_TIMEZONE": "UTC",
                    "OPSRAMP_MCP_LOG_LEVEL": "info",
                ])
                environment["PATH"] = "/usr/bin:/bin"
                let (status, output) = await SDKPythons.run(
                    python,
                    [
                        Self.script, mode, ServerProcess.binaryURL.path,
                        JSONWriter.string(.object(environment.mapValues(JSONValue.string))),
                    ])
                let line = output.split(separator: "\n").last.map(String.init) ?? ""
                #expect(status == 0, "\(mode) with \(python): \(line.prefix(2_000))")
                let report = try JSONParser.parse(line)
                #expect(report["ok"] == true)
                let answers = report["answers"]?.arrayValue ?? []
                #expect(answers.count == 3)
                guard answers.count == 3 else { continue }
                print(
                    "interop questions \(report["sdk"]?.stringValue ?? "") \(mode): "
                        + answers.map { "\($0["tool"]?.stringValue ?? "") \($0["bytes"]?.intValue ?? 0) bytes" }.joined(separator: ", "))
                #expect(
                    answers.map { $0["tool"]?.stringValue ?? "" }
                        == ["prod_get_alerts", "prod_get_minimal_resource_details", "prod_get_alert_statistics_dashboard"])
                // One call per question: one alert search; one OpsQL query and the open alerts of what it found;
                // the dashboard's page of attention alerts and its Info and Ok counts.
                #expect(tenant.requests(on: .alerts).count == 5)
                #expect(tenant.requests(on: .opsql).count == 1)
                let facts = FakeFacts(alerts: tenant.sample.alerts)

                let critical = answers[0]["structured"]
                let expected = facts.open(states: ["Critical"], since: tenant.now.addingTimeInterval(-3_605))
                #expect(
                    (critical?["alerts"]?.arrayValue ?? []).compactMap { $0["uniqueId"]?.stringValue }
                        == expected.compactMap { $0["uniqueId"]?.stringValue })

                let ec2 = answers[1]["structured"]
                let instances = tenant.sample.resources.filter { $0["make"] == "AWS" && $0["nativeType"] == "EC2 Instance" }
                let open = facts.openByResource()
                let rows = ec2?["resources"]?.arrayValue ?? []
                #expect(Set(rows.compactMap { $0["id"]?.stringValue }) == Set(instances.compactMap { $0["id"]?.stringValue }))
                for row in rows {
                    let id = row["id"]?.stringValue ?? ""
                    #expect(row["state"] == instances.first { $0["id"]?.stringValue == id }?["state"])
                    #expect(row["openCritical"]?.intValue == open[id]?["Critical"] ?? 0)
                    #expect(row["openWarning"]?.intValue == open[id]?["Warning"] ?? 0)
                }

                try AnswerChecks.expectDevices(answers[2]["structured"], facts: facts, since: AnswerChecks.midnightUTC(tenant.now), shown: nil)
                #expect(!output.contains(FakeTenant.canarySecret))
                runs += 1
            }
        }
        #expect(runs >= 1)
    }
}
