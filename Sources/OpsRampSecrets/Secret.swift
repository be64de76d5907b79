/// A value that must never be shown: client secrets and access tokens.
///
/// Printing, interpolating or dumping a `Secret` yields `<redacted>`; the only way to the
/// text is `exposedValue`, which code calls exactly where the value goes on the wire.
/// Creating a secret also registers it with `SecretRedactor`, so even text that embeds
/// the value by accident (an upstream error echoing it) is scrubbed before it is logged.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let exposedValue: String

    public init(_ value: String) {
        exposedValue = value
        SecretRedactor.shared.register(value)
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
    public var isEmpty: Bool { exposedValue.isEmpty }
}
