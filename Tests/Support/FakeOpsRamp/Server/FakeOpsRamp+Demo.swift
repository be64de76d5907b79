import Foundation

extension FakeOpsRamp {
    /// Serves `FakeData.demoTenant` (the tenant of `opsramp-mcp-server --demo`) and dates it afresh every
    /// `refreshInterval`, so that windows such as "the last hour" keep their alerts however long the
    /// fake runs. The refresh stops with `stop()`. Create the fake with the demo's tenant id
    /// (`FakeData.demoTenantID`) for its tenant paths to match.
    public func serveDemoTenant(refreshInterval: Duration = .seconds(60)) {
        loadDemoTenant(FakeData.demoTenant(now: Date()))
        Task.detached(priority: .background) { [self] in
            while !isStopping {
                try? await Task.sleep(for: refreshInterval)
                if isStopping { return }
                loadDemoTenant(FakeData.demoTenant(now: Date()))
            }
        }
    }

    private func loadDemoTenant(_ data: DemoTenantData) {
        state.withLock { state in
            state.alerts = data.alerts
            state.resources = data.resources
            state.releaseVersion = data.releaseVersion
        }
    }
}
