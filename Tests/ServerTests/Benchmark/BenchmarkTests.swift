import FakeOpsRamp
import Foundation
import Testing

/// The performance benchmark. Run it with `bash Benchmarks/run.sh`, which builds the release
/// binaries and the floor programs and sets the variables read here; a plain `swift test` skips it.
///
/// It measures what users run: a server configured with the four settings a host entry holds (so
/// the OpsRamp client exists), at the default log level, started in an empty directory.
@Suite("Benchmark", .enabled(if: ProcessInfo.processInfo.environment["OPSRAMP_BENCHMARK"] == "1", "run Benchmarks/run.sh"))
struct BenchmarkTests {
    @Test("start-up, idle memory, per-call overhead, concurrency, large answers and memory, as ratios from one run")
    func benchmark() async throws {
        var bench = try Bench()
        if bench.wants(.startup) { try bench.startup() }
        if bench.wants(.idle) { try bench.idleMemory() }
        if bench.wants(.perCall) { try await bench.perCall() }
        if bench.wants(.concurrency) { try bench.concurrency() }
        if bench.wants(.alerts) { try await bench.largeAlerts() }
        if bench.wants(.resources) { try await bench.resourceList() }
        if bench.wants(.sustained) { try bench.sustained() }
        if bench.wants(.sustainedMixed) { try bench.sustainedMixed() }
        if bench.wants(.questions) { try bench.questions() }
        try bench.finish()
    }
}

/// What one benchmark run shares between its sections.
struct Bench {
    /// The sections, selectable with `BENCH_ROWS` (comma-separated; all by default), e.g. to profile one.
    enum Section: String, CaseIterable {
        case startup, idle
        case perCall = "per-call"
        case concurrency, alerts, resources, sustained
        case sustainedMixed = "sustained-mixed"
        case questions
    }

    static let initialize =
        #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}"#
    /// The whole-run peak RSS target, over the servers of the measures issue 15 names (start-up, idle,
    /// per call, get_alerts under the default cap) and of the sustained run. The other sections' servers
    /// (100 calls at once, the questions, the raised cap, the 60,000-resource list) report their own peaks.
    static let peakTargetMB = 36.0

    let environment = ProcessInfo.processInfo.environment
    let sections: Set<Section>
    let floorEcho: String
    let floorGet: String
    /// Runs each server under this command (`BENCH_LAUNCHER`, words separated by spaces), e.g. a profiler.
    let launcher: [String]
    /// An empty working directory, so that no `.env` lying around is read.
    let directory: String
    var report: Report
    /// Peak RSS (kB) over the server processes that count towards the whole-run peak.
    var peakKB = 0

    init() throws {
        let environment = ProcessInfo.processInfo.environment
        floorEcho = try #require(environment["BENCH_FLOOR_ECHO"])
        floorGet = try #require(environment["BENCH_FLOOR_HTTP_GET"])
        launcher = (environment["BENCH_LAUNCHER"] ?? "").split(separator: " ").map(String.init)
        let selected = (environment["BENCH_ROWS"] ?? "").split(separator: ",").compactMap { Section(rawValue: String($0)) }
        sections = selected.isEmpty ? Set(Section.allCases) : Set(selected)
        directory = NSTemporaryDirectory() + "opsramp-bench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        report = Report(
            binary: ServerProcess.binaryURL.path, build: environment["BENCH_BUILD"] ?? "unnamed",
            label: environment["BENCH_LABEL"] ?? "current")
    }

    func wants(_ section: Section) -> Bool {
        sections.contains(section)
    }

    /// The settings a user's host entry holds: the connection and the secret, nothing else.
    func settings(_ tenant: FakeTenant, _ extra: [String: String] = [:]) -> [String: String] {
        var settings = [
            "OPSRAMP_BASE_URL": tenant.fake.baseURL,
            "OPSRAMP_CLIENT_ID": "mcp-test-key",
            "OPSRAMP_CLIENT_SECRET": tenant.secret,
            "OPSRAMP_TENANT_ID": tenant.tenantID,
        ]
        // `BENCH_SERVER_ENV` ("NAME=value NAME=value") adds settings to every server, for experiments.
        for pair in (environment["BENCH_SERVER_ENV"] ?? "").split(separator: " ") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { settings[parts[0]] = parts[1] }
        }
        for (key, value) in extra { settings[key] = value }
        return settings
    }

    /// Spawns a server with `settings` and completes the handshake.
    func server(_ settings: [String: String]) throws -> LineClient {
        let client = try LineClient(path: ServerProcess.binaryURL.path, environment: settings, directory: directory, launcher: launcher)
        _ = client.roundTrip(Self.initialize)
        return client
    }

    func server(_ tenant: FakeTenant, _ extra: [String: String] = [:]) throws -> LineClient {
        try server(settings(tenant, extra))
    }

    func call(_ id: Int, _ tool: String, _ arguments: String = "{}") -> String {
        #"{"jsonrpc":"2.0","id":\#(id),"method":"tools/call","params":{"name":"\#(tool)","arguments":\#(arguments)}}"#
    }

    /// Counts `client`'s peak towards the whole-run peak.
    mutating func track(_ client: LineClient) {
        peakKB = max(peakKB, client.peakMemoryKB)
    }

    func seconds(since started: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    }

    /// The whole-run peak, then the table (stdout and `BENCH_RESULTS`) and its JSON (`BENCH_RESULTS_JSON`).
    mutating func finish() throws {
        if sections != [.resources] {
            report.add(
                BenchmarkRow(
                    key: "peak-rss",
                    what: "peak RSS over the start-up, idle, per-call, get_alerts (default cap) and sustained servers",
                    unit: .kilobytes, value: Double(peakKB), reference: nil, check: .below, target: Self.peakTargetMB * 1024))
        }
        try? FileManager.default.removeItem(atPath: directory)
        let text = report.markdown()
        print(text)
        if let path = environment["BENCH_RESULTS"] { try text.write(toFile: path, atomically: true, encoding: .utf8) }
        if let path = environment["BENCH_RESULTS_JSON"] { try report.json().write(to: URL(fileURLWithPath: path)) }
        let missed = report.rows.filter { $0.met == false }.map(\.key) + report.sizes.filter { !$0.met }.map(\.what)
        #expect(missed.isEmpty, "targets missed: \(missed.joined(separator: ", ")); see the table")
    }
}
