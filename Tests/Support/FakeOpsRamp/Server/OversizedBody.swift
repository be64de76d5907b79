import Foundation
import OpsRampJSON

/// Valid JSON bodies of about a requested size, shaped like the route's normal answer:
/// an alerts envelope, an OpsQL page, a bare resource array, or an object with a long string.
enum OversizedBody {
    static func make(bytes target: Int, route: Route?) -> [UInt8] {
        switch route {
        case .alerts:
            return repeated(target: target, prefix: #"{"results":["#, item: alertItem) { count in
                #"],"totalResults":\#(count),"orderBy":"ts","pageNo":1,"pageSize":\#(count),"#
                    + #""totalPages":1,"nextPage":false,"descendingOrder":true}"#
            }
        case .opsql:
            return repeated(target: target, prefix: #"{"results":["#, item: alertItem) { count in
                #"],"pageNo":1,"pageSize":\#(count),"nextPage":false,"descendingOrder":false}"#
            }
        case .minimalResources:
            return repeated(target: target, prefix: "[", item: resourceItem) { _ in "]" }
        case .token, .releaseVersion, .any, nil:
            let padding = String(repeating: "x", count: max(0, target - #"{"padding":""}"#.utf8.count))
            return JSONWriter.bytes(["padding": .string(padding)])
        }
    }

    /// `prefix`, then items `0, 1, 2…` separated by commas until the size is reached, then the suffix.
    private static func repeated(
        target: Int, prefix: String, item: (Int) -> [UInt8],
        suffix: (Int) -> String
    ) -> [UInt8] {
        var output = Array(prefix.utf8)
        output.reserveCapacity(target + 4096)
        var count = 0
        repeat {
            if count > 0 { output.append(UInt8(ascii: ",")) }
            output += item(count)
            count += 1
        } while output.count + suffix(count).utf8.count < target
        return output + Array(suffix(count).utf8)
    }

    private static let placeholder = "OVERSIZED-ITEM-ID"

    /// Serialised once, split around the id so that each copy gets its own id cheaply.
    private static let alertTemplate = split(
        FakeData.alert(
            id: 0, state: "Critical", priority: "P1", subject: "Synthetic alert for an oversized answer",
            createdMinutesAgo: 5, resourceID: "0d9a7a0e-0000-4000-8000-00000000beef", resourceName: "bulk-host",
            ip: "10.9.9.9", now: Date(timeIntervalSince1970: 1_767_225_600)), replacing: "uniqueId")

    private static let resourceTemplate = split(
        MinimalResourcesEndpoint.minimalObject(
            FakeData.resource(
                id: "", name: "bulk-host", hostName: "bulk-host.example.com", ip: "10.9.9.9", type: "Linux",
                make: "Dell Inc.", nativeType: "Server", state: "active", agentInstalled: true)), replacing: "id")

    private static func alertItem(_ index: Int) -> [UInt8] {
        alertTemplate.head + Array(String(100_000_000 + index).utf8) + alertTemplate.tail
    }

    private static func resourceItem(_ index: Int) -> [UInt8] {
        resourceTemplate.head + Array("bulk-\(index)".utf8) + resourceTemplate.tail
    }

    private static func split(_ value: JSONValue, replacing key: String) -> (head: [UInt8], tail: [UInt8]) {
        guard case .object(var members) = value else { return ([], []) }
        members[key] = .string(placeholder)
        let text = JSONWriter.string(.object(members))
        guard let range = text.range(of: placeholder) else { return (Array(text.utf8), []) }
        return (Array(text[..<range.lowerBound].utf8), Array(text[range.upperBound...].utf8))
    }
}
