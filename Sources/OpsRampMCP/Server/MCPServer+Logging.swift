import Foundation
import OpsRampJSON
import OpsRampLogging

/// `logging/setLevel` for handshake sessions.
extension MCPServer {
    func setLogLevel(_ params: [String: JSONValue]) throws -> JSONValue {
        guard let name = params["level"]?.stringValue, let level = LogLevel(name: name) else {
            throw JSONRPCError.invalidParams(
                "Invalid params for logging/setLevel: \"level\" must be one of "
                    + LogLevel.allCases.map(\.description).joined(separator: ", "))
        }
        clientLog.setSessionLevel(level)
        logger.info("client log level set to \(level)")
        return .object([:])
    }
}
