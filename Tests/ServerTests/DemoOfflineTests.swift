import FakeOpsRamp
import Foundation
import OpsRampJSON
import TestChildProcess
import Testing

/// Whether this machine can run a process in a network namespace of its own (root, `unshare`, `ip`).
enum NetworkNamespace {
    static let unshare = "/usr/bin/unshare"
    static let ip = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs the command after it in a new network namespace whose only interface is loopback, brought up.
    static var launcher: [String] {
        [unshare, "--net", "/bin/sh", "-c", "\(ip ?? "ip") link set lo up && exec \"$0\" \"$@\""]
    }

    static let available: Bool = {
        #if os(Linux)
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: unshare), let ip else { return false }
        return SpawnedProcess.runBlocking(unshare, ["--net", ip, "link"], environment: [:], directory: "/", timeout: .seconds(10))?.status == 0
        #else
        return false
        #endif
    }()
}

@Suite("Process: --demo without a network", .enabled(if: NetworkNamespace.available, "needs root, unshare and ip (Linux)"))
struct DemoOfflineTests {
    @Test("in a network namespace with nothing but loopback, --demo answers the operator questions")
    func loopbackOnly() async throws {
        let expected = DemoExpectations()
        // Such a namespace has one interface, loopback.
        let (status, links) = await SpawnedProcess.run(
            NetworkNamespace.launcher[0],
            Array(NetworkNamespace.launcher.dropFirst())
                + [NetworkNamespace.ip ?? "ip", "-o", "link"], environment: [:], timeout: .seconds(10))
        #expect(status == 0)
        #expect(
            links.split(separator: "\n").map { $0.split(separator: ":").dropFirst().first?.trimmingCharacters(in: .whitespaces) } == ["lo"],
            "\(links)")

        let server = try await startDemo(launcher: NetworkNamespace.launcher)
        let critical = try await server.callTool("get_alerts", ["states": ["Critical"], "since": "1h"])
        #expect(Set((critical.structured?["alerts"]?.arrayValue ?? []).compactMap { $0["uniqueId"]?.stringValue }) == expected.criticalLastHour)
        let ec2 = try await server.callTool(
            "execute_opsql_query",
            [
                "query": [
                    "objectType": "resource", "fields": ["name", "state"], "filterCriteria": "make = \"AWS\" AND nativeType = \"EC2 Instance\"",
                ]
            ])
        #expect(ec2.structured?["returned"]?.intValue == expected.ec2Instances.count)
        let open = try await server.callTool("get_alerts", ["states": ["Critical", "Warning"], "open_only": true, "since": "24h"])
        #expect(
            Set((open.structured?["alerts"]?.arrayValue ?? []).compactMap { $0["resourceName"]?.stringValue }) == expected.devicesNeedingAttention)
    }

    @Test(
        "with loopback down (a sandbox without networking), --demo stops at start-up and says it needs loopback, not OpsRamp settings",
        arguments: [["--demo"], ["--demo", "--check"]])
    func loopbackDown(_ arguments: [String]) async throws {
        // A new network namespace whose loopback interface is left down: binding works, connecting does not.
        let server = try ServerProcess(arguments: arguments, launcher: [NetworkNamespace.unshare, "--net"])
        let status = await server.waitForExit(timeout: 20)
        #expect(status == 2, "\(server.stderrText)")
        let stderr = server.stderrText
        #expect(stderr.contains("loopback interface does not accept connections"), "\(stderr)")
        #expect(stderr.contains("ip link set lo up"))
        #expect(!stderr.contains("OPSRAMP_BASE_URL"), "the demo uses no OpsRamp settings: \(stderr)")
        #expect(try server.messages().isEmpty, "nothing on stdout")
    }
}
