import Foundation

/// Opaque list cursors: an offset, wrapped so clients do not build their own.
enum ListCursor {
    static func make(offset: Int) -> String {
        Data("page:\(offset)".utf8).base64EncodedString()
    }

    static func offset(from cursor: String) -> Int? {
        guard let bytes = Data(base64Encoded: cursor) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasPrefix("page:"), let offset = Int(text.dropFirst(5)), offset >= 0 else { return nil }
        return offset
    }
}
