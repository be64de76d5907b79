// Per-call floor: a minimal URLSession client that GETs one URL sequentially.
//
//   http_get URL BEARER_TOKEN COUNT   prints each of COUNT round trips in microseconds, one per line
//                                     (after one unprinted warm-up request), then "switches N": how
//                                     many times its threads blocked during the timed requests.
//   http_get URL BEARER_TOKEN batches after one warm-up request prints "ready", then for each line
//                                     "N" on stdin makes N timed requests and prints one line: their
//                                     round trips in microseconds and "switches N", space-separated.
//                                     The benchmark alternates such batches with the server's calls,
//                                     so both are measured over the same stretch of time.
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
let batches = arguments.count == 4 && arguments[3] == "batches"
guard arguments.count == 4, let url = URL(string: arguments[1]), batches || Int(arguments[3]) != nil else {
    FileHandle.standardError.write(Data("usage: http_get URL TOKEN COUNT|batches\n".utf8))
    exit(2)
}
var request = URLRequest(url: url)
request.setValue("application/json", forHTTPHeaderField: "Accept")
request.setValue("Bearer \(arguments[2])", forHTTPHeaderField: "Authorization")
let session = URLSession(configuration: .ephemeral)

/// `count` timed requests, then the thread blocks they cost.
@Sendable func timed(_ count: Int) async -> (microseconds: [String], switches: Int) {
    var lines: [String] = []
    let switchesBefore = threadSwitches()
    for _ in 0..<count {
        let started = DispatchTime.now().uptimeNanoseconds
        _ = try? await session.data(for: request)
        lines.append(String((DispatchTime.now().uptimeNanoseconds - started) / 1_000))
    }
    return (lines, threadSwitches() - switchesBefore)
}

func emit(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

/// Runs `work` on the concurrency pool and waits for it on this (the main) thread, so that stdin
/// is read here and no pool thread ever blocks.
func runOnPool<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var result: T?
    Task.detached {
        result = await work()
        done.signal()
    }
    done.wait()
    guard let result else { fatalError("the pool work ended without a result") }
    return result
}

runOnPool { [request] in _ = try? await session.data(for: request) }
if batches {
    emit("ready")
    while let line = readLine(), let count = Int(line) {
        let (times, switches) = runOnPool { await timed(count) }
        emit((times + ["switches", String(switches)]).joined(separator: " "))
    }
} else {
    let (times, switches) = runOnPool { await timed(Int(arguments[3]) ?? 0) }
    emit((times + ["switches \(switches)"]).joined(separator: "\n"))
}
