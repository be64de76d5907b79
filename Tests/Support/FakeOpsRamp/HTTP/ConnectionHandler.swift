import Foundation

/// Serves one accepted socket on its own thread: reads requests one after another
/// (HTTP/1.1 keep-alive), asks the server for a plan, and carries it out.
struct ConnectionHandler {
    let fd: Int32
    let server: FakeOpsRamp

    func run() {
        var reader = HTTPRequestReader(fd: fd)
        while !server.isStopping {
            switch reader.next(sendContinue: { POSIXSocket.sendAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) }) {
            case .closed:
                return
            case .rejected(let status, let reason):
                let response = HTTPResponse.raw(status, reason, contentType: "text/plain")
                POSIXSocket.sendAll(fd, response.serialized(closeConnection: true))
                return
            case .request(let request):
                let plan = server.plan(for: request)
                guard server.pause(plan.delay) else { return }
                guard carryOut(plan.outcome, keepAlive: request.wantsKeepAlive) else { return }
            }
        }
    }

    /// Does what the plan says; returns whether the connection may serve another request.
    private func carryOut(_ outcome: ResponseOutcome, keepAlive: Bool) -> Bool {
        switch outcome {
        case .respond(let response):
            let sent = POSIXSocket.sendAll(fd, response.serialized(closeConnection: !keepAlive))
            return sent && keepAlive
        case .hang:
            var discarded: [UInt8] = []
            while POSIXSocket.receive(fd, into: &discarded) > 0 { discarded.removeAll(keepingCapacity: true) }
            if !server.isStopping { server.state.withLock { $0.abandonedHangCount += 1 } }
            return false
        case .reset:
            POSIXSocket.setAbortiveClose(fd)
            return false
        case .stall(let response):
            let whole = response.serialized(closeConnection: false)
            let head = response.head(closeConnection: false).count
            POSIXSocket.sendAll(fd, Array(whole.prefix(head + (whole.count - head) / 2)))
            var discarded: [UInt8] = []
            while POSIXSocket.receive(fd, into: &discarded) > 0 { discarded.removeAll(keepingCapacity: true) }
            if !server.isStopping { server.state.withLock { $0.abandonedHangCount += 1 } }
            return false
        case .truncate(let response):
            let half = Array(response.body.prefix(response.body.count / 2))
            POSIXSocket.sendAll(fd, response.head(closeConnection: true) + half)
            POSIXSocket.shutdownWrite(fd)
            return false
        }
    }
}
