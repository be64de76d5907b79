import Foundation
import Testing

@testable import OpsRampSecrets

@Suite("Secret redactor")
struct SecretRedactorTests {
    /// A secret with every character class that encoders treat differently, and a combining-mark neighbour.
    static let secret = "Zq9#p@ss w+rd/\"x\\y-é-secret"

    func redactor() -> SecretRedactor {
        let redactor = SecretRedactor()
        redactor.register(Self.secret)
        return redactor
    }

    /// The forms the secret takes on the way out, built independently of the matcher.
    static var forms: [(String, String)] {
        let json = String(JSONSerialization.jsonString(Self.secret).dropFirst().dropLast())
        let percentAll = Self.secret.utf8.map { byte -> String in
            let char = Character(Unicode.Scalar(byte))
            return byte < 0x80 && (char.isLetter || char.isNumber || "-._~".contains(char)) ? String(char) : String(format: "%%%02X", byte)
        }.joined()
        // swift-format-ignore: NeverForceUnwrap
        // Percent-encoding a Swift String (always valid Unicode) does not fail.
        return [
            ("raw", Self.secret),
            ("percent-encoded, upper-case hex", percentAll),
            ("percent-encoded, lower-case hex", percentAll.lowercasedHex()),
            (
                "form-encoded",
                Self.secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: " -._~")))!
                    .replacingOccurrences(of: " ", with: "+")
            ),
            ("JSON-escaped", json),
            ("JSON-escaped twice", String(JSONSerialization.jsonString(json).dropFirst().dropLast())),
            (
                "JSON with \\u escapes",
                Self.secret.unicodeScalars.map { $0.isASCII && $0.value >= 0x30 && $0 != "\\" ? String($0) : String(format: "\\u%04x", $0.value) }
                    .joined()
            ),
        ]
    }

    @Test("every encoded form of a secret is replaced, in plain text")
    func everyForm() {
        let redactor = redactor()
        for (name, form) in Self.forms {
            let text = "before \(form) after"
            #expect(redactor.redact(text) == "before <redacted> after", "\(name): \(form)")
        }
    }

    @Test("a secret followed by a combining mark is still found (bytes, not grapheme clusters)")
    func combiningMark() {
        let redactor = redactor()
        let text = "x " + Self.secret + "\u{0301} y"
        #expect(!redactor.redact(text).contains(Self.secret))
        #expect(redactor.redact(text).utf8.starts(with: "x <redacted>".utf8))
    }

    @Test("in a JSON document the secret is masked inside strings and the document stays valid JSON")
    func jsonDocument() throws {
        let redactor = redactor()
        let inner = try JSONSerialization.data(withJSONObject: ["detail": "client_secret=\(Self.secret)"])
        let outer = try JSONSerialization.data(withJSONObject: ["text": String(decoding: inner, as: UTF8.self), "plain": Self.secret])
        let redacted = redactor.redactJSON(Array(outer))
        let text = String(decoding: redacted, as: UTF8.self)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(redacted)) as? [String: String])
        #expect(parsed["plain"] == "<redacted>")
        #expect(parsed["text"]?.contains("<redacted>") == true)
        #expect(!text.contains("ss w+rd"))
    }

    @Test("text without a secret comes back unchanged, and nothing is registered for short values")
    func unchanged() {
        let redactor = redactor()
        let text = "100% of \\ the + signs: Zq9 and ss w+ are fine"
        #expect(redactor.redact(text) == text)
        redactor.register("abc")
        #expect(redactor.redact("abc abc") == "abc abc")
        #expect(SecretRedactor().redact(Self.secret) == Self.secret)
    }

    @Test("a longer secret that contains a shorter one is masked whole")
    func longestFirst() {
        let redactor = SecretRedactor()
        redactor.register("token-123456")
        redactor.register("token-123456-extended")
        #expect(redactor.redact("a token-123456-extended b token-123456 c") == "a <redacted> b <redacted> c")
    }

    @Test("an excerpt redacts before it cuts, so no prefix of a secret survives the cut")
    func excerpt() {
        let redactor = redactor()
        let text = String(repeating: "a", count: 95) + Self.secret
        let cut = Excerpt.of(text, limit: 100, redactor: redactor)
        #expect(!cut.contains("Zq9"))
        #expect(cut == String(repeating: "a", count: 95) + "<reda...")
        // One "character" of a million combining marks is still cut at 100 scalars.
        let heavy = "a" + String(repeating: "\u{0301}", count: 1_000_000)
        #expect(Excerpt.of(heavy, redactor: redactor).unicodeScalars.count <= 103)
    }
}

@Suite("Secret redactor: escapes that cannot start a secret are passed over")
struct SecretRedactorEscapesTests {
    @Test(
        "JSON text full of escapes: every form of a secret is still found, whatever byte it starts with",
        arguments: ["canary-Secret-1234", "\"quoted-secret\"", "/slash-secret-1", " space-first-secret", "%percent-secret", "\\back-secret"])
    func escapesAndForms(secret: String) {
        let redactor = SecretRedactor()
        redactor.register(secret)
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        }
        let once = escaped(secret)
        let twice = escaped(once)
        let noise = #"{\"a\":\"b\\n\",\"c\":\"\/\"} %41%2B+ \u0041 "#
        // A raw quote or backslash is JSON syntax, not text: only the escaped forms of such a secret can occur.
        let forms = secret.contains("\"") || secret.contains("\\") ? [once, twice] : [secret, once, twice]
        for form in forms {
            let text = noise + form + noise
            let redacted = String(decoding: redactor.redactJSON(Array(("\"" + text + "\"").utf8)), as: UTF8.self)
            #expect(redacted.contains(SecretRedactor.replacement), "\(form)")
            #expect(!redacted.contains(form) || form.isEmpty)
        }
        // Noise alone is left exactly as it was.
        #expect(redactor.redactJSON(Array(("\"" + noise + "\"").utf8)) == Array(("\"" + noise + "\"").utf8))
    }
}
