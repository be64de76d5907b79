extension FakeTenant {
    /// Complete settings for a server that is not meant to reach the fake.
    static func settings(_ extra: [String: String]) -> [String: String] {
        var values = ["OPSRAMP_CLIENT_ID": "mcp-test-key", "OPSRAMP_CLIENT_SECRET": canarySecret, "OPSRAMP_TENANT_ID": "client_1234"]
        for (key, value) in extra { values[key] = value }
        return values
    }
}
