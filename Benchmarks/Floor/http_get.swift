// Per-call floor: a minimal URLSession client that GETs one URL sequentially and prints each
// round trip in microseconds, one per line (after one unprinted warm-up request), then
// "switches N": how many times its threads blocked during the timed requests.
// Usage: http_get URL BEARER_TOKEN COUNT
import Dispatch
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Voluntary context switches summed over this process's live threads (Linux; 0 elsewhere).
func threadSwitches() -> Int {
    let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
    return threads.reduce(0) { total, thread in
        guard let status = try? String(contentsOfFile: "/proc/self/task/\(thread)/status", encoding: .utf8) else { return total }
        let line = status.split(separator: "\n").first { $0.hasPrefix("voluntary_ctxt_switches:") }
        return total + (line.flatMap { Int($0.split(separator: "\t").last ?? "") } ?? 0)
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let url = URL(string: arguments[1]), let count = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: http_get URL TOKEN COUNT\n".utf8))
    exit(2)
}
var request = URLRequest(url: url)
request.setValue("application/json", forHTTPHeaderField: "Accept")
request.setValue("Bearer \(arguments[2])", forHTTPHeaderField: "Authorization")
let session = URLSession(configuration: .ephemeral)
let done = DispatchSemaphore(value: 0)
Task.detached { [request] in
    _ = try? await session.data(for: request)
    var lines: [String] = []
    let switchesBefore = threadSwitches()
    for _ in 0..<count {
        let started = DispatchTime.now().uptimeNanoseconds
        _ = try? await session.data(for: request)
        lines.append(String((DispatchTime.now().uptimeNanoseconds - started) / 1_000))
    }
    lines.append("switches \(threadSwitches() - switchesBefore)")
    print(lines.joined(separator: "\n"))
    done.signal()
}
done.wait()
