import OpsRampConfiguration
import Testing

@testable import OpsRampLogging

@Suite("Log file refusals, phrased with the setting that names the file")
struct LogFileErrorMessageTests {
    @Test("a symbolic link is refused with the variable to point at the real file, as the server has always said")
    func symbolicLinkNamesTheSetting() {
        let error = LogFileError(path: "/var/log/mcp.log", reason: .symbolicLink)
        #expect(error.description == "refusing log file /var/log/mcp.log: it is a symbolic link")
        #expect(error.message == "refusing log file /var/log/mcp.log: it is a symbolic link; point OPSRAMP_MCP_LOG_FILE at the real file")
    }

    @Test("other refusals need no setting named and read as the logging layer wrote them")
    func otherRefusalsAreUnchanged() {
        let fifo = LogFileError(path: "/tmp/fifo", reason: .notRegularFile)
        #expect(fifo.message == "refusing log file /tmp/fifo: it is not a regular file")
        let denied = LogFileError(path: "/root/x.log", reason: .system(13))
        #expect(denied.message == denied.description)
        #expect(denied.message.hasPrefix("cannot open log file /root/x.log: "))
    }
}
