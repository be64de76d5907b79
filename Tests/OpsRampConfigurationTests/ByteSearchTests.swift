import Foundation
import Testing

@testable import OpsRampConfiguration

@Suite("Byte search for ASCII needles: the same answers as Foundation's range(of:)")
struct ByteSearchTests {
    @Test(
        "first and last occurrences, absent needles, needles longer than the text, text around non-ASCII characters",
        arguments: [
            ("https://acme.api.opsramp.com", "://"), ("no scheme here", "://"), ("://", "://"), (":/", "://"),
            ("/usr/share/zoneinfo/Europe/Berlin", "/zoneinfo/"), ("/a/zoneinfo/b/zoneinfo/c", "/zoneinfo/"),
            ("/auth/../token", ".."), ("/auth/token", ".."), ("", ".."), ("é/zoneinfo/Zürich", "/zoneinfo/"),
            ("😀://x", "://"),
        ])
    func sameAsFoundation(_ text: String, _ needle: String) {
        #expect(text.byteRange(of: needle) == text.range(of: needle))
        #expect(text.byteRange(of: needle, last: true) == text.range(of: needle, options: .backwards))
        #expect(text.containsBytes(needle) == text.contains(needle))
        let sub = text.dropFirst(0)
        #expect(sub.byteRange(of: needle) == sub.range(of: needle))
    }

    @Test("ASCII letters and digits are exactly CharacterSet.alphanumerics restricted to ASCII")
    func letterOrDigit() {
        for value in UInt32(0)...0x7F {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(scalar.isASCIILetterOrDigit == CharacterSet.alphanumerics.contains(scalar), "U+\(String(value, radix: 16))")
        }
        #expect(!Unicode.Scalar(0xE9)!.isASCIILetterOrDigit)
    }
}
