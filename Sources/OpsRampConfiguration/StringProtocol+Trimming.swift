/// Trimming without Foundation: `trimmingCharacters(in:)` bridges through NSString and CoreFoundation,
/// whose string code every setting read at start-up would otherwise page in (some 300 KB resident).
/// The sets are Foundation's, exactly.
extension StringProtocol {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`: Unicode's White_Space property (the Z
    /// categories, U+0009 to U+000D and U+0085) and, as CoreFoundation still counts it, U+200B.
    func trimmingWhitespaceAndNewlines() -> String {
        trimming(where: Self.isWhiteSpace)
    }

    /// `trimmingCharacters(in: .whitespaces)`: category Zs, the tab and U+200B.
    func trimmingWhitespace() -> String {
        trimming(where: { scalar in
            switch scalar.value {
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: false
            default: Self.isWhiteSpace(scalar)
            }
        })
    }

    /// `trimmingCharacters(in: CharacterSet(charactersIn: characters))`.
    func trimming(_ characters: Set<Unicode.Scalar>) -> String {
        trimming(where: { characters.contains($0) })
    }

    /// White_Space and U+200B; ASCII without a look-up in the Unicode tables.
    private static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII
            ? scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value)
            : scalar.value == 0x200B || scalar.properties.isWhitespace
    }

    private func trimming(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        var end = scalars.endIndex
        while end > first {
            let before = scalars.index(before: end)
            if !isTrimmed(scalars[before]) { break }
            end = before
        }
        var trimmed = String.UnicodeScalarView()
        trimmed.append(contentsOf: scalars[first..<end])
        return String(trimmed)
    }
}
