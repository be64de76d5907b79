import Foundation
import Testing

@testable import OpsRampAPI

@Suite("OpsRamp dates written without a date formatter")
struct OpsRampDateTests {
    @Test(
        "ISO 8601 in UTC, whole seconds rounded down, as ISO8601DateFormatter writes it",
        arguments: [
            0.0, 1_764_403_200, 1_764_403_200.999, 951_782_400, 4_102_444_799, 1_709_164_800 + 86_399.5,
        ])
    func iso(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        #expect(OpsRampDate.iso(date) == formatter.string(from: date))
        #expect(OpsRampDate.queryValue(date) == String(formatter.string(from: date).dropLast()) + " 0000")
    }
}
