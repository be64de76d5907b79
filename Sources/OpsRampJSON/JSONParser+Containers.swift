// Objects (all members, or only those a filter keeps) and arrays.

extension JSONParser.Cursor {
    /// `listKey`: the member whose array's objects are filtered by `keeping`. `keeping` without `listKey`:
    /// this object's own members are filtered.
    mutating func parseObject(listKey: String? = nil, keeping: Set<String>? = nil) throws(JSONParseError) -> JSONValue {
        if listKey == nil, keeping != nil, let filter { return try parseFilteredObject(filter.names) }
        try enter()
        index += 1
        // Members are gathered first and the dictionary built once at its final size:
        // inserting one by one would rehash at every doubling.
        var members: [(String, JSONValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object([:])
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            guard bytes[index] == UInt8(ascii: "\"") else { throw fail(.unexpectedByte(bytes[index])) }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            guard bytes[index] == UInt8(ascii: ":") else { throw fail(.unexpectedByte(bytes[index])) }
            index += 1
            skipWhitespace()
            if let listKey, key == listKey, index < bytes.count, bytes[index] == UInt8(ascii: "[") {
                members.append((key, try parseArray(keeping: keeping, item: filter?.item)))
            } else if listKey == nil, let keeping, !keeping.contains(key) {
                try skipValue()
            } else {
                members.append((key, try parseValue()))
            }
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                var object = [String: JSONValue](minimumCapacity: members.count)
                for (key, value) in members { object[key] = value } // a repeated key: the last one wins
                return .object(object)
            default: throw fail(.unexpectedByte(bytes[index]))
            }
        }
    }

    /// An object of the filtered list: members `names` names are built (an object value by the names
    /// given for it), the others checked and skipped.
    mutating func parseFilteredObject(_ names: MemberNames) throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1
        var members: [(String, JSONValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object([:])
        }
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
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            guard bytes[index] == UInt8(ascii: ":") else { throw fail(.unexpectedByte(bytes[index])) }
            index += 1
            skipWhitespace()
            if let kept {
                if let inner = kept.nested, index < bytes.count, bytes[index] == UInt8(ascii: "{") {
                    members.append((kept.name, try parseFilteredObject(inner)))
                } else {
                    members.append((kept.name, try parseValue()))
                }
            } else {
                try skipValue()
            }
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                var object = [String: JSONValue](minimumCapacity: members.count)
                for (key, value) in members { object[key] = value } // a repeated key: the last one wins
                return .object(object)
            default: throw fail(.unexpectedByte(bytes[index]))
            }
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
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(array)
        }
        while true {
            skipWhitespace()
            let element =
                if let keeping, index < bytes.count, bytes[index] == UInt8(ascii: "{") {
                    try parseObject(keeping: keeping)
                } else {
                    try parseValue()
                }
            array.append(item.map { $0(element) } ?? element)
            skipWhitespace()
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return .array(array)
            default: throw fail(.unexpectedByte(bytes[index]))
            }
        }
    }
}
