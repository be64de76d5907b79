/// Short, safe quotations of text the server did not write (client values, upstream answers)
/// for messages and logs.
public enum Excerpt {
    /// What "about 100 characters" means for an echoed name, key, value or URI.
    public static let echoLimit = 100

    /// At most `limit` Unicode scalars of `text`, secrets redacted first (so a cut can never leave
    /// the start of a secret behind), with `...` when cut. Counting scalars rather than characters
    /// keeps this bounded even for one "character" made of millions of combining marks.
    public static func of(_ text: String, limit: Int = echoLimit, redactor: SecretRedactor = .shared) -> String {
        // Redact a bounded prefix only: the part past the cut is dropped anyway.
        let head = cut(text, limit: limit + 4096)
        let tail = cut(redactor.redact(head.text), limit: limit)
        return tail.text + (head.wasCut || tail.wasCut ? "..." : "")
    }

    /// `text` cut to `limit` scalars; `wasCut` when something was left out.
    static func cut(_ text: String, limit: Int) -> (text: String, wasCut: Bool) {
        guard text.utf8.count > limit else { return (text, false) }
        var scalars = String.UnicodeScalarView()
        var iterator = text.unicodeScalars.makeIterator()
        var taken = 0
        while taken < limit, let scalar = iterator.next() {
            scalars.append(scalar)
            taken += 1
        }
        return (String(scalars), iterator.next() != nil)
    }
}
