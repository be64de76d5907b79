/// Finds one secret in UTF-8 text in any of the forms it takes on the way out of the process:
/// raw, percent-encoded (either hex case, `+` for a space as in form bodies), and JSON-escaped
/// once or twice (a tool result's text is JSON inside JSON). Works on bytes, so a secret
/// followed by a combining mark, or split oddly by grapheme rules, is still found.
///
/// Every form agrees with the raw bytes up to the first `%`, `+` or `\` in the text, so the
/// common case (no match) costs one byte comparison per candidate position.
struct SecretMatcher: Sendable {
    let secret: [UInt8]
    /// The secret holds bytes that can never appear unescaped inside a JSON string.
    let needsJSONEscaping: Bool

    init(_ secret: [UInt8]) {
        self.secret = secret
        needsJSONEscaping = secret.contains { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }
    }

    /// The end of the match starting at `start`, or `nil`. In `json` mode the text is a JSON
    /// document, where a raw `"` or `\` is syntax: only escaped forms of such bytes match.
    func matchEnd(in text: UnsafeBufferPointer<UInt8>, at start: Int, json: Bool) -> Int? {
        let count = secret.count
        var matched = 0
        // The raw prefix shared by every form.
        while matched < count, start + matched < text.count, text[start + matched] == secret[matched] {
            if json && Self.isJSONSpecial(secret[matched]) { break }
            matched += 1
        }
        if matched == count { return start + matched }
        let resume = start + matched
        guard resume < text.count else { return nil }
        switch text[resume] {
        case UInt8(ascii: "%"), UInt8(ascii: "+"):
            return decodedMatch(PercentDecoder(TextSource(text, at: resume)), from: matched)
        case UInt8(ascii: "\\"):
            if let end = decodedMatch(JSONDecoder(TextSource(text, at: resume)), from: matched) { return end }
            return decodedMatch(JSONDecoder(JSONDecoder(TextSource(text, at: resume))), from: matched)
        default:
            return nil
        }
    }

    /// Compares the rest of the secret with what `decoder` yields; the text position after the last byte used.
    private func decodedMatch<Decoder: DecodingSource>(_ decoder: Decoder, from matched: Int) -> Int? {
        var decoder = decoder
        for index in matched..<secret.count {
            guard let byte = decoder.next(), byte == secret[index] else { return nil }
        }
        return decoder.position
    }

    static func isJSONSpecial(_ byte: UInt8) -> Bool {
        byte == 0x22 || byte == 0x5C || byte < 0x20
    }
}

/// A stream of decoded bytes over text, with the text position reached so far.
protocol DecodingSource {
    mutating func next() -> UInt8?
    var position: Int { get }
}

/// The text itself.
struct TextSource: DecodingSource {
    let text: UnsafeBufferPointer<UInt8>
    private(set) var position: Int

    init(_ text: UnsafeBufferPointer<UInt8>, at position: Int) {
        self.text = text
        self.position = position
    }

    mutating func next() -> UInt8? {
        guard position < text.count else { return nil }
        defer { position += 1 }
        return text[position]
    }
}

/// `%HH` (either case) as the byte, `+` as a space, anything else as itself.
struct PercentDecoder<Source: DecodingSource>: DecodingSource {
    private var source: Source
    var position: Int { source.position }

    init(_ source: Source) {
        self.source = source
    }

    mutating func next() -> UInt8? {
        guard let byte = source.next() else { return nil }
        if byte == UInt8(ascii: "+") { return 0x20 }
        guard byte == UInt8(ascii: "%") else { return byte }
        guard let high = source.next().flatMap(hexValue), let low = source.next().flatMap(hexValue) else { return nil }
        return high << 4 | low
    }
}

/// The content of a JSON string: escapes decoded (`\uXXXX` and surrogate pairs to UTF-8);
/// a raw `"` ends the string and so the match.
struct JSONDecoder<Source: DecodingSource>: DecodingSource {
    private var source: Source
    /// UTF-8 bytes of a `\u` escape not handed out yet.
    private var pending: [UInt8] = []
    private var pendingIndex = 0
    var position: Int { source.position }

    init(_ source: Source) {
        self.source = source
    }

    mutating func next() -> UInt8? {
        if pendingIndex < pending.count {
            defer { pendingIndex += 1 }
            return pending[pendingIndex]
        }
        guard let byte = source.next(), byte != 0x22 else { return nil }
        guard byte == 0x5C else { return byte }
        switch source.next() {
        case UInt8(ascii: "\"")?: return 0x22
        case UInt8(ascii: "\\")?: return 0x5C
        case UInt8(ascii: "/")?: return 0x2F
        case UInt8(ascii: "b")?: return 0x08
        case UInt8(ascii: "f")?: return 0x0C
        case UInt8(ascii: "n")?: return 0x0A
        case UInt8(ascii: "r")?: return 0x0D
        case UInt8(ascii: "t")?: return 0x09
        case UInt8(ascii: "u")?:
            guard var scalar = readHex4() else { return nil }
            if (0xD800..<0xDC00).contains(scalar) {
                guard source.next() == 0x5C, source.next() == UInt8(ascii: "u"), let low = readHex4(),
                    (0xDC00..<0xE000).contains(low)
                else { return nil }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let value = Unicode.Scalar(scalar) else { return nil }
            pending.removeAll(keepingCapacity: true)
            UTF8.encode(value) { pending.append($0) }
            pendingIndex = 1
            return pending[0]
        default:
            return nil
        }
    }

    private mutating func readHex4() -> UInt32? {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = source.next().flatMap(hexValue) else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}

private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}
