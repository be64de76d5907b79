import Foundation
import OpsRampAPI
import OpsRampAuth
import OpsRampConfiguration

/// What `--check` tells the user for each kind of failure: what OpsRamp's answer most likely
/// means, and which setting to change. Pure functions, so the wording is tested without a network.
enum CheckAdvice {
    /// Spring Security's answer to a request it cannot place, which OpsRamp gives for a token
    /// request on the wrong path: a 401 that is about the path, not the credentials.
    static let wrongPathMarker = "Full authentication is required"

    static func forToken(_ error: TokenError, tokenPath: String) -> String {
        let other = tokenPath == Configuration.Defaults.tokenPath ? "/auth/oauth/token" : Configuration.Defaults.tokenPath
        switch error {
        case .rejected(401, let detail) where detail.localizedCaseInsensitiveContains(wrongPathMarker):
            return "OpsRamp answered HTTP 401 \"\(detail)\" at \(tokenPath).\n"
                + "That is OpsRamp's answer for a token request on the wrong path, not for wrong credentials: "
                + "set \(ConfigurationVariable.tokenPath.name)=\(other) and run --check again."
        case .unexpectedResponse:
            return error.description + "\nSome tenants use the other token path: try \(ConfigurationVariable.tokenPath.name)=\(other)."
        default:
            return error.description
        }
    }

    /// `tool` is the release-version tool as this server names it; `nil` when it is not served.
    static func forReleaseVersion(_ error: OpsRampError, tool: String? = "get_release_version") -> String {
        let continues = "This endpoint is undocumented; the alert search below is what proves the connection."
        guard let status = OpsRampClient.releaseVersionUnavailableStatus(error) else {
            return error.userMessage + "\n" + continues
        }
        let forWhom = status == 403 ? " for this integration" : ""
        return "not available on this pod (HTTP \(status)\(forWhom))" + (tool.map { "; \($0) will say the same. " } ?? ". ") + continues
    }

    /// The tenant id forms OpsRamp uses, and whether the configured one has such a form.
    static func tenantFormat(_ tenantID: String) -> String {
        let verdict = looksLikeTenantID(tenantID) ? "\(tenantID) has that form" : "\(tenantID) does not have that form"
        return "Check \(ConfigurationVariable.tenantID.name): the client (or partner) id the integration belongs to. OpsRamp tenant ids are a UUID "
            + "(5878ee58-8c5b-46a8-b975-3754c3c67977), client_<number> or msp_<number>; \(verdict)."
    }

    /// OpsRamp tenant ids are UUIDs or `client_<n>` / `msp_<n>`.
    static func looksLikeTenantID(_ id: String) -> Bool {
        if UUID(uuidString: id) != nil { return true }
        for prefix in ["client_", "msp_"] where id.hasPrefix(prefix) {
            let number = id.dropFirst(prefix.count)
            return !number.isEmpty && number.allSatisfy { $0.isASCII && $0.isNumber }
        }
        return false
    }
}
