import FakeOpsRamp
import Foundation
import JSON
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

    static func run(_ executable: String, _ arguments: [String], timeout: Double = 120) async -> (Int32, String) {
        await SpawnedProcess.run(executable, arguments, environment: ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()], timeout: timeout)
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
                let (status, output) = await SDKPythons.run(python, [SDKPythons.script, mode, ServerProcess.binaryURL.path,
                                                               JSONWriter.string(.object(environment.mapValues(JSONValue.string)))])
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

@Suite("Interop: --demo through the official MCP Python SDK", .enabled(if: SDKPythons.available, "set MCP_SDK_PYTHONS or run .ci/run to install the SDKs"))
struct DemoInteropTests {
    @Test("each SDK line asks --demo the three operator questions and gets the demo tenant's answers, each saying it is sample data")
    func operatorQuestions() async throws {
        var runs = 0
        for python in SDKPythons.all {
            let modes = await SDKPythons.major(python) >= 2 ? ["legacy", "auto"] : ["legacy"]
            for mode in modes {
                let expected = DemoExpectations()
                let (status, output) = await SDKPythons.run(python, [SDKPythons.interopScript("demo_client.py"), mode,
                                                                     ServerProcess.binaryURL.path, #"{"PATH": "/usr/bin:/bin"}"#])
                let line = output.split(separator: "\n").last.map(String.init) ?? ""
                let report = try JSONParser.parse(line)
                #expect(status == 0 && report["ok"] == true, "\(mode) with \(python): \(report["error"] ?? .null)")
                #expect(report["instructions"]?.stringValue?.contains("sample data") == true)
                if let title = report["title"]?.stringValue { #expect(title.contains("demo")) }
                #expect(report["notices"]?.objectValue?.count == 6)

                let answers = try #require(report["answers"], "\(line.prefix(500))")
                let critical = answers["critical_last_hour"]?["alerts"]?.arrayValue ?? []
                #expect(Set(critical.compactMap { $0["uniqueId"]?.stringValue }) == expected.criticalLastHour)
                let rows = answers["ec2_status"]?["results"]?.arrayValue ?? []
                func summary(_ row: JSONValue) -> [String] { ["name", "state", "status", "instanceId"].map { row[$0]?.stringValue ?? "" } }
                #expect(Set(rows.map(summary)) == Set(expected.ec2Instances.map(summary)))
                for state in ["Critical", "Warning", "Info", "Ok"] {
                    #expect(answers["attention_counts"]?["openAlertsByState"]?[state]?.intValue
                        == expected.openToday.filter { $0["currentState"]?.stringValue == state }.count, "\(state)")
                }
                let devices = Set((answers["attention_alerts"]?["alerts"]?.arrayValue ?? []).compactMap { $0["resourceName"]?.stringValue })
                #expect(devices == expected.devicesNeedingAttention)
                print("demo interop \(report["sdk"]?.stringValue ?? "") \(mode): ok \(report["ok"] ?? .null), protocol \(report["protocol"] ?? .null)")
                runs += 1
            }
        }
        #expect(runs >= 1)
    }
}
