import Foundation
import Testing

@testable import OpsRampConfiguration

@Suite("Trimming without Foundation: the same sets as Foundation's")
struct TrimmingTests {
    /// Every scalar up to U+3100 (all of Unicode's white space is below it) and a few beyond.
    static let scalars: [Unicode.Scalar] = (0...0x3100).compactMap(Unicode.Scalar.init) + ["\u{FEFF}", "\u{1F600}", "\u{E0020}"]

    @Test("each scalar is trimmed from both ends exactly when Foundation trims it")
    func sameAsFoundation() {
        for scalar in Self.scalars {
            let text = "\(scalar)\(scalar)a \(scalar)b\(scalar)"
            #expect(
                text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines), "U+\(String(scalar.value, radix: 16))")
            #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces), "U+\(String(scalar.value, radix: 16))")
            #expect(text.trimming(["[", "]"]) == text.trimmingCharacters(in: CharacterSet(charactersIn: "[]")))
        }
    }

    @Test(
        "blank, empty, substrings and a combining mark after white space",
        arguments: [
            "", " ", "\t\n\r ", "x", " [::1] ", "[::1]", " \u{301}a ", "\u{2028}line\u{85}", "é ", "  a  b  ",
        ])
    func edges(_ text: String) {
        #expect(text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimming(["[", "]"]) == text.trimmingCharacters(in: CharacterSet(charactersIn: "[]")))
        let sub = text.dropFirst(0)
        #expect(sub.trimmingWhitespace() == sub.trimmingCharacters(in: .whitespaces))
    }
}
