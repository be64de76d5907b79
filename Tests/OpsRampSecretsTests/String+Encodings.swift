import Foundation

extension JSONSerialization {
    static func jsonString(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data()
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}

extension String {
    func lowercasedHex() -> String {
        var result = ""
        var rest = self[...]
        while let percent = rest.firstIndex(of: "%") {
            result += rest[..<percent]
            let hex = rest[percent...].prefix(3)
            result += hex.lowercased()
            rest = rest[rest.index(percent, offsetBy: hex.count)...]
        }
        return result + rest
    }
}
