import Foundation
import OpsRampJSON
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A `.env` in the working directory belongs to whatever project the host was started in;
/// nothing in it, nor its absence of content, may stop the server.
@Suite("Process: stray .env files")
struct EnvironmentFileTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("opsramp-env-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Makes `.env` in `directory` one of the odd things a project folder may hold.
    func makeOddEnvironmentFile(_ kind: String, in directory: URL) throws {
        let path = directory.appendingPathComponent(".env").path
        switch kind {
        case "non-UTF-8": try Data([0x41, 0x3D, 0xFF, 0xFE, 0x0A, 0xC3, 0x28]).write(to: URL(fileURLWithPath: path))
        case "directory": try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case "FIFO": #expect(mkfifo(path, 0o600) == 0)
        case "device": try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
        default: try "A=1\n".write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    @Test(
        "an implicit .env that cannot be read is skipped with a warning, and the server serves",
        arguments: ["non-UTF-8", "directory", "FIFO", "device"])
    func unreadableImplicitFile(_ kind: String) async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try makeOddEnvironmentFile(kind, in: directory)
        let server = try ServerProcess(workingDirectory: directory)
        let info = try await server.initialize()
        #expect(info["serverInfo"]?["name"] == "opsramp-mcp-server")
        let tools = try await server.request("tools/list")["result"]?["tools"]?.arrayValue ?? []
        #expect(tools.count == 6)
        try await Task.sleep(for: .milliseconds(100))
        #expect(server.stderrText.contains("skipped .env"), "\(server.stderrText)")
    }

    @Test(
        "an explicit --env-file that is not a readable text file is still a usage error (exit 2), promptly",
        arguments: ["non-UTF-8", "directory", "FIFO"])
    func unreadableExplicitFile(_ kind: String) async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try makeOddEnvironmentFile(kind, in: directory)
        let process = try ServerProcess(arguments: ["--list-tools", "--env-file", directory.appendingPathComponent(".env").path])
        process.closeStdin()
        #expect(await process.waitForExit(timeout: 10) == 2)
        #expect(process.stderrText.contains(".env"))
    }

    @Test("a settings file holding the secret that others may read, or that is a symlink, gets a warning")
    func looseSettingsFile() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let real = directory.appendingPathComponent("real.env").path
        try "OPSRAMP_CLIENT_SECRET=loose-file-secret-123\n".write(toFile: real, atomically: true, encoding: .utf8)
        #expect(chmod(real, 0o644) == 0)
        let process = try ServerProcess(arguments: ["--env-file", real])
        try await process.initialize()
        process.closeStdin()
        #expect(await process.waitForExit(timeout: 10) == 0)
        #expect(process.stderrText.contains("readable or writable by other users"), "\(process.stderrText)")
        #expect(process.stderrText.contains("chmod 600"))

        #expect(chmod(real, 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent(".env").path, withDestinationPath: real)
        let linked = try ServerProcess(workingDirectory: directory)
        try await linked.initialize()
        linked.closeStdin()
        #expect(await linked.waitForExit(timeout: 10) == 0)
        #expect(linked.stderrText.contains("symbolic link"), "\(linked.stderrText)")
        #expect(!linked.stderrText.contains("readable or writable by other users"))
        #expect(!(linked.stderrText + process.stderrText).contains("loose-file-secret-123"))
    }
}
