import Testing

@testable import OpsRampLogging

@Suite("Log lines")
struct LogTextTests {
    @Test("control characters from client text are escaped, never written raw")
    func controls() {
        let hostile = "a\u{1B}[31mred\u{07}\u{00}b\nforged 2026 info line\r\tc\u{85}d\u{2028}e\u{202E}f"
        let clean = LogText.clean(hostile)
        #expect(clean == "a\\x1B[31mred\\x07\\x00b\\nforged 2026 info line\\r\\tc\\u0085d\\u2028e\\u202Ef")
        #expect(!clean.unicodeScalars.contains { $0.value < 0x20 || (0x80...0x9F).contains($0.value) })
    }

    @Test("ordinary text, including non-ASCII, is left alone")
    func ordinary() {
        let text = "Zürich – 東京 – emoji 🙂 – backslash \\ stays"
        #expect(LogText.clean(text) == text)
    }

    @Test("a long message is cut on a character boundary with a note of what was cut")
    func cut() {
        let long = String(repeating: "é", count: 10_000)
        let clean = LogText.clean(long, limit: 1001)
        #expect(clean.utf8.count < 1100)
        #expect(clean.hasPrefix(String(repeating: "é", count: 500)))
        #expect(clean.contains("more bytes cut]"))
        #expect(LogText.precut(long, limit: 1001).utf8.count == 1000)
    }
}
