import Dispatch
import Foundation

extension FakeOpsRamp {
    /// Binds 127.0.0.1 on an ephemeral port and starts the accept thread.
    public func start() throws {
        let alreadyUsed = state.withLock { $0.phase != .idle }
        guard !alreadyUsed else { throw FakeOpsRampError.alreadyStarted }
        let (listener, port) = try POSIXSocket.listenOnLoopback()
        let claimed = state.withLock { state -> Bool in
            guard state.phase == .idle else { return false }
            state.phase = .running(listener: listener, port: port)
            return true
        }
        guard claimed else {
            POSIXSocket.closeDescriptor(listener)
            throw FakeOpsRampError.alreadyStarted
        }
        threads.enter()
        let thread = Thread { [self] in
            acceptLoop(listener: listener)
            POSIXSocket.closeDescriptor(listener)
            threads.leave()
        }
        thread.name = "FakeOpsRamp.accept"
        thread.start()
    }

    /// Closes the listener and every connection (hung ones included) and waits briefly for the
    /// threads to finish. Idempotent; the fake cannot be started again afterwards.
    public func stop() {
        let connections = state.withLock { state -> [Int32]? in
            guard case .running = state.phase else {
                state.phase = .stopped
                return nil
            }
            state.phase = .stopped
            stopping.store(true, ordering: .sequentiallyConsistent)
            // Shut down under the lock: a connection thread removes its descriptor here before closing it.
            for fd in state.connections { POSIXSocket.shutdownBoth(fd) }
            return Array(state.connections)
        }
        guard connections != nil else { return }
        _ = threads.wait(timeout: .now() + 5)
    }

    var isStopping: Bool { stopping.load(ordering: .sequentiallyConsistent) }

    /// Sleeps in short steps so that `stop()` is never held up by latency or a delay fault.
    /// Returns `false` when the server stopped meanwhile.
    func pause(_ seconds: Double) -> Bool {
        var remaining = seconds
        while remaining > 0 {
            if isStopping { return false }
            let step = min(remaining, 0.01)
            Thread.sleep(forTimeInterval: step)
            remaining -= step
        }
        return !isStopping
    }

    private func acceptLoop(listener: Int32) {
        while !isStopping {
            switch POSIXSocket.accept(on: listener, timeoutMilliseconds: acceptPollMilliseconds) {
            case .timedOut:
                continue
            case .failed:
                if isStopping { return }
                Thread.sleep(forTimeInterval: 0.01)
            case .connection(let fd):
                let admitted = state.withLock { state -> Bool in
                    guard !isStopping else { return false }
                    state.connections.insert(fd)
                    state.acceptedConnectionCount += 1
                    return true
                }
                guard admitted else {
                    POSIXSocket.closeDescriptor(fd)
                    return
                }
                startConnectionThread(fd: fd)
            }
        }
    }

    private func startConnectionThread(fd: Int32) {
        threads.enter()
        let thread = Thread { [self] in
            ConnectionHandler(fd: fd, server: self).run()
            state.withLock { _ = $0.connections.remove(fd) }
            POSIXSocket.closeDescriptor(fd)
            threads.leave()
        }
        thread.name = "FakeOpsRamp.connection.\(fd)"
        thread.start()
    }
}
