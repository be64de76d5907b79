// Objects (all members, or only those a filter keeps) and arrays.

extension JSONParser.Cursor {
    /// `listKey`: the member whose array's objects are filtered by `keeping`. `keeping` without `listKey`:
    /// this object's own members are filtered.
    mutating func parseObject(listKey: String? = nil, keeping: Set<String>? = nil) throws(JSONParseError) -> JSONValue {
        if listKey == nil, keeping != nil, let filter { return try parseFilteredObject(filter.names) }
        try enter()
        index += 1
        // Members are gathered first and the dictionary built once (see `object(_:)`).
        var members: [(String, JSONValue)] = []
        if consumeEmpty(closedBy: UInt8(ascii: "}")) { return .object([:]) }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            guard bytes[index] == UInt8(ascii: "\"") else { throw fail(.unexpectedByte(bytes[index])) }
            let key = try parseString()
            try consumeNameSeparator()
            if let listKey, key == listKey, index < bytes.count, bytes[index] == UInt8(ascii: "[") {
                members.append((key, try parseArray(keeping: keeping, item: filter?.item)))
            } else if listKey == nil, let keeping, !keeping.contains(key) {
                try skipValue()
            } else {
                members.append((key, try parseValue()))
            }
            if try consumeSeparatorOrClose(UInt8(ascii: "}")) { return Self.object(members) }
        }
    }

    /// An object of the filtered list: members `names` names are built (an object value by the names
    /// given for it), the others checked and skipped.
    mutating func parseFilteredObject(_ names: MemberNames) throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1
        var members: [(String, JSONValue)] = []
        if consumeEmpty(closedBy: UInt8(ascii: "}")) { return .object([:]) }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            guard bytes[index] == UInt8(ascii: "\"") else { throw fail(.unexpectedByte(bytes[index])) }
            let kept: MemberNames.Entry?
            if let name = plainName() {
                kept = names.entry(named: name)
            } else {
                kept = names.entry(named: try parseString())
            }
            try consumeNameSeparator()
            if let kept {
                if let inner = kept.nested, index < bytes.count, bytes[index] == UInt8(ascii: "{") {
                    members.append((kept.name, try parseFilteredObject(inner)))
                } else {
                    members.append((kept.name, try parseValue()))
                }
            } else {
                try skipValue()
            }
            if try consumeSeparatorOrClose(UInt8(ascii: "}")) { return Self.object(members) }
        }
    }

    /// At an opening quote: the bytes of a name made of plain ASCII (no escapes, no controls), moving
    /// past its closing quote; `nil`, without moving, for any other string.
    mutating func plainName() -> UnsafeBufferPointer<UInt8>? {
        var scan = index + 1
        while scan < bytes.count {
            let byte = bytes[scan]
            if byte == UInt8(ascii: "\"") {
                let name = UnsafeBufferPointer(rebasing: bytes[(index + 1)..<scan])
                index = scan + 1
                return name
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return nil }
            scan += 1
        }
        return nil
    }

    /// `keeping`: the members built in this array's objects (all when `nil`); `item`: applied to each element.
    mutating func parseArray(
        keeping: Set<String>? = nil,
        item: (@Sendable (JSONValue) -> JSONValue)? = nil
    ) throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1
        var array: [JSONValue] = []
        if consumeEmpty(closedBy: UInt8(ascii: "]")) { return .array(array) }
        while true {
            skipWhitespace()
            let element =
                if let keeping, index < bytes.count, bytes[index] == UInt8(ascii: "{") {
                    try parseObject(keeping: keeping)
                } else {
                    try parseValue()
                }
            array.append(item.map { $0(element) } ?? element)
            if try consumeSeparatorOrClose(UInt8(ascii: "]")) { return .array(array) }
        }
    }

    /// After a member's name: white space, the `:`, white space.
    @inline(__always)
    mutating func consumeNameSeparator() throws(JSONParseError) {
        skipWhitespace()
        guard index < bytes.count else { throw fail(.unexpectedEnd) }
        guard bytes[index] == UInt8(ascii: ":") else { throw fail(.unexpectedByte(bytes[index])) }
        index += 1
        skipWhitespace()
    }

    /// After a member or element: `true` past the container's `close` (leaving its depth), `false`
    /// past a `,`; anything else fails.
    @inline(__always)
    mutating func consumeSeparatorOrClose(_ close: UInt8) throws(JSONParseError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw fail(.unexpectedEnd) }
        switch bytes[index] {
        case UInt8(ascii: ","):
            index += 1
            return false
        case close:
            index += 1
            depth -= 1
            return true
        default: throw fail(.unexpectedByte(bytes[index]))
        }
    }

    /// Just inside a container: `true` past `close` when it is empty (leaving its depth).
    @inline(__always)
    mutating func consumeEmpty(closedBy close: UInt8) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == close else { return false }
        index += 1
        depth -= 1
        return true
    }

    /// The object of `members`, built once at its final size (inserting one by one would rehash at
    /// every doubling); a repeated key: the last one wins.
    @inline(__always)
    static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        var object = [String: JSONValue](minimumCapacity: members.count)
        for (key, value) in members { object[key] = value }
        return .object(object)
    }
}
