import FakeOpsRamp
import Foundation
import OpsRampHTTP
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension FakeOpsRamp {
    /// A GET of `path` (the release version unless told) with a bearer token this fake accepts.
    func authorizedRequest(_ path: String = "/tenancy/api/v3/release-version", timeoutInterval: TimeInterval = 60) throws -> URLRequest {
        var request = URLRequest(url: try #require(URL(string: baseURL + path)), timeoutInterval: timeoutInterval)
        request.setValue("Bearer \(issueToken())", forHTTPHeaderField: "Authorization")
        return request
    }
}

extension TransferLimits {
    /// Limits no test exchange comes near: 5 s, 1 MiB.
    static let ordinary = TransferLimits(timeout: .seconds(5), maximumBodyBytes: 1 << 20)
}
