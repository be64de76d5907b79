import Foundation
import OpsRampJSON
import TestChildProcess

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program from `PATH`, or `nil` when it is not installed.
func executableInPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
        let candidate = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// A test CA and a server certificate it signed, made with openssl for this test run only.
struct TestCertificates {
    let directory: URL
    var caFile: String { directory.appendingPathComponent("ca.pem").path }
    var certificateFile: String { directory.appendingPathComponent("server.pem").path }
    var keyFile: String { directory.appendingPathComponent("server.key").path }
    /// Names the server certificate is valid for.
    static let names = "DNS:localhost,IP:127.0.0.1,DNS:tenant.opsramp.invalid"

    init() async throws {
        guard let openssl = executableInPath("openssl") else { throw HarnessError("openssl is not installed") }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsramp-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "subjectAltName=\(Self.names)\nextendedKeyUsage=serverAuth\n"
            .write(to: directory.appendingPathComponent("server.ext"), atomically: true, encoding: .utf8)
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        let steps: [[String]] = [
            ["req", "-x509"] + ec + [
                "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=opsramp-mcp-server test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ],
            ["req"] + ec + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"],
            [
                "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem",
                "-days", "2", "-extfile", "server.ext",
            ],
        ]
        for step in steps {
            // openssl writes its files relative to the working directory, which SpawnedProcess sets.
            let (status, _) = await SpawnedProcess.run(
                openssl, step, environment: ["PATH": "/usr/bin:/bin"], directory: directory.path,
                timeout: .seconds(20))
            guard status == 0 else { throw HarnessError("openssl \(step[0]) failed") }
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// `Tests/Network/net_fixture.py` running as a TLS front or a forward proxy on 127.0.0.1,
/// with the events it reports (handshakes, tunnels, forwarded requests).
final class NetworkFixture: @unchecked Sendable {
    // @unchecked: `child` and `port` are set once in init; output lives in a Mutex-protected buffer.
    private let child: SpawnedProcess
    private let output = SharedBytes()
    let port: Int

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Network/net_fixture.py").path

    /// A TLS front with `certificates`' server certificate, passing plaintext to 127.0.0.1:`backend`.
    static func tlsFront(_ certificates: TestCertificates, backend: Int) async throws -> NetworkFixture {
        try await NetworkFixture(["tls", "--cert", certificates.certificateFile, "--key", certificates.keyFile, "--backend", String(backend)])
    }

    /// A forward proxy that maps each `host:port` to a port on 127.0.0.1 and refuses everything else.
    static func proxy(_ mapping: [String: Int]) async throws -> NetworkFixture {
        try await NetworkFixture(["proxy"] + mapping.flatMap { ["--map", "\($0.key)=\($0.value)"] })
    }

    private init(_ arguments: [String]) async throws {
        guard let python = executableInPath("python3") else { throw HarnessError("python3 is not installed") }
        child = try SpawnedProcess(
            path: python, arguments: [Self.script] + arguments,
            environment: ProcessInfo.processInfo.environment, directory: FileManager.default.temporaryDirectory.path)
        let output = self.output
        SpawnedProcess.drainInBackground(child.stdoutFD, into: { output.append($0) })
        SpawnedProcess.drainInBackground(child.stderrFD, into: { _ in })
        let deadline = ContinuousClock.now + .seconds(20)
        var found: Int?
        while found == nil, ContinuousClock.now < deadline, child.isRunning {
            found = Self.parse(output.value).first { $0["event"] == "ready" }?["port"]?.intValue
            if found == nil { try await Task.sleep(for: .milliseconds(10)) }
        }
        guard let found else {
            child.kill(SIGKILL)
            throw HarnessError("net_fixture.py \(arguments.first ?? "") did not start")
        }
        port = found
    }

    private static func parse(_ bytes: [UInt8]) -> [JSONValue] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }
    }

    /// Every event reported so far, `ready` excluded.
    var events: [JSONValue] { Self.parse(output.value).filter { $0["event"] != "ready" } }

    func events(_ name: String) -> [JSONValue] { events.filter { $0["event"]?.stringValue == name } }

    deinit {
        close(child.stdinFD)
        child.kill(SIGKILL)
        _ = child.exitStatus
    }
}
