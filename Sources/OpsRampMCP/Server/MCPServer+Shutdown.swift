// Shutdown: wait for running requests within the grace period, then cancel the rest.
extension MCPServer {
    /// Waits for running requests up to the grace period, then cancels whatever is left.
    func drain() async {
        await waitUntilIdle(atMost: options.shutdownGrace)
        guard !inFlight.isEmpty else { return }
        logger.info("cancelling \(inFlight.count) request(s) still running at shutdown")
        for entry in inFlight.values { entry.task.cancel() }
        await waitUntilIdle(atMost: .milliseconds(300))
    }

    /// True when no request runs and no batch answer is left to write.
    private var isIdle: Bool { inFlight.isEmpty && pendingBatches == 0 }

    /// Returns once the server is idle (signalled by the last request or batch to finish), or after `limit`.
    private func waitUntilIdle(atMost limit: Duration) async {
        guard !isIdle else { return }
        let timer = Task { [weak self] in
            try? await Task.sleep(for: limit)
            guard !Task.isCancelled else { return }
            await self?.resumeIdleWaiters()
        }
        await withCheckedContinuation { idleWaiters.append($0) }
        timer.cancel()
    }

    /// Wakes the callers of `waitUntilIdle`; called when the server becomes idle or a wait's time is up.
    private func resumeIdleWaiters() {
        let waiters = idleWaiters
        idleWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    /// Called whenever a request or batch ends.
    func signalIfIdle() {
        if isIdle { resumeIdleWaiters() }
    }
}
