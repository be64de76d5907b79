import Foundation
import OpsRampHTTP
import OpsRampJSON
import OpsRampSupport
import Testing

@testable import OpsRampAuth

@Suite("OpsRamp error bodies: one reader for the API and the token endpoint")
struct OpsRampErrorBodyTests {
    static func detail(_ body: String, limit: Int = 300) -> String {
        OpsRampErrorBody.detail(of: HTTPResponse(status: 400, headers: [:], body: Data(body.utf8)), limit: limit)
    }

    @Test(
        "the keys are tried in one documented order: error_description, message, error, errorMessage",
        arguments: [
            (#"{"error":"invalid_client","error_description":"Bad client credentials","message":"m"}"#, "Bad client credentials"),
            (#"{"error":"invalid_client","message":"Bad client credentials"}"#, "Bad client credentials"),
            (#"{"error":"invalid_client","errorMessage":"e"}"#, "invalid_client"),
            (#"{"errorMessage":"Tenant not found"}"#, "Tenant not found"),
            (#"{"error_description":"","message":"the empty one is skipped"}"#, "the empty one is skipped"),
            (#"[{"fieldName":"queryString","message":"Invalid key"},{"message":"Second"}]"#, "queryString: Invalid key; Second"),
            (#"{"code":"0002"}"#, #"{"code":"0002"}"#),
            ("<html><body><h1>502 Bad Gateway</h1></body></html>", "502 Bad Gateway"),
            ("", ""),
        ])
    func keyOrder(_ body: String, _ expected: String) {
        #expect(Self.detail(body) == expected)
    }

    @Test("the token grant reads its error bodies with the same reader")
    func tokenGrantUsesIt() {
        let body = #"{"error":"invalid_client","message":"Bad client credentials"}"#
        let response = HTTPResponse(status: 401, headers: [:], body: Data(body.utf8))
        #expect(throws: TokenError.rejected(status: 401, detail: OpsRampErrorBody.detail(of: response))) {
            try ClientCredentialsGrant.parse(response, path: "/tenancy/auth/oauth/token")
        }
        #expect(OpsRampErrorBody.detail(of: response) == "Bad client credentials")
    }

    @Test("a long error text is cut near the limit")
    func bounded() {
        #expect(
            Self.detail(#"{"message":"\#(String(repeating: "x", count: 1_000))"}"#, limit: 50).count < 60,
            "cut near 50 characters (an ellipsis marks the cut)")
    }

    @Test("the token errors are user-facing errors with the words of their description")
    func userFacing() {
        let error: any UserFacingError = TokenError.rejected(status: 401, detail: "bad")
        #expect(error.userMessage.contains("OPSRAMP_CLIENT_SECRET"))
        #expect(error.userMessage == TokenError.rejected(status: 401, detail: "bad").description)
    }
}
