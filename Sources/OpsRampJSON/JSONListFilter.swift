/// Which members to build in the objects of a document's list: the elements of a top-level array,
/// or of the array under `listKey` in a top-level object (a result page's `results`).
///
/// A page of forty-field objects of which the caller reads ten is mostly built to be thrown away;
/// with a filter, the other members are still checked (the document must be valid JSON, as ever)
/// but skipped without allocating. Members outside the list's objects are all built.
public struct JSONListFilter: Sendable {
    public let listKey: String
    public let members: Set<String>
    /// For a kept member whose value is an object: the members of that object to build.
    public let nested: [String: Set<String>]
    /// Applied to each element of the list under `listKey` as soon as it is parsed, so that a caller that
    /// turns each object into something smaller never holds a page of the larger objects. Not applied
    /// to the elements of a top-level array (which may be a list of errors to be read as they are).
    public let item: (@Sendable (JSONValue) -> JSONValue)?
    let names: MemberNames

    public init(
        listKey: String, members: Set<String>, nested: [String: Set<String>] = [:],
        item: (@Sendable (JSONValue) -> JSONValue)? = nil
    ) {
        self.listKey = listKey
        self.members = members
        self.nested = nested
        self.item = item
        names = MemberNames(members, nested: nested.mapValues { MemberNames($0, nested: [:]) })
    }
}

/// Member names as UTF-8, by length, each with the names to keep inside its object value: a name in
/// the input is looked up by its bytes, so a skipped member costs neither a string nor a hash.
final class MemberNames: Sendable {
    struct Entry: Sendable {
        let bytes: [UInt8]
        let name: String
        let nested: MemberNames?
    }

    let names: Set<String>
    let nested: [String: MemberNames]
    /// `byLength[n]`: the names of `n` bytes.
    private let byLength: [[Entry]]

    init(_ names: Set<String>, nested: [String: MemberNames]) {
        self.names = names
        self.nested = nested
        var table = [[Entry]](repeating: [], count: (names.map(\.utf8.count).max() ?? 0) + 1)
        for name in names { table[name.utf8.count].append(Entry(bytes: Array(name.utf8), name: name, nested: nested[name])) }
        byLength = table
    }

    /// The kept name spelled by `bytes` (a name without escapes), if it is one.
    func entry(named bytes: UnsafeBufferPointer<UInt8>) -> Entry? {
        guard bytes.count < byLength.count else { return nil }
        for candidate in byLength[bytes.count] where candidate.bytes.elementsEqual(bytes) {
            return candidate
        }
        return nil
    }

    /// The same for a name that had escapes.
    func entry(named name: String) -> Entry? {
        names.contains(name) ? Entry(bytes: [], name: name, nested: nested[name]) : nil
    }
}
