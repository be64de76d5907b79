import Foundation

extension Bench {
    /// Spawn to the answer of `initialize`, configured server against a program that links Foundation
    /// and FoundationNetworking and echoes a line; alternating, median of 20.
    mutating func startup() throws {
        let tenant = try FakeTenant()
        var serverStarts: [Double] = []
        var floorStarts: [Double] = []
        for _ in 0..<20 {
            for isServer in [true, false] {
                let started = DispatchTime.now().uptimeNanoseconds
                let client =
                    isServer
                    ? try LineClient(path: ServerProcess.binaryURL.path, environment: settings(tenant), directory: directory, launcher: launcher)
                    : try LineClient(path: floorEcho, environment: [:], directory: directory)
                client.send(Self.initialize)
                _ = client.nextLine()
                let elapsed = seconds(since: started)
                if isServer {
                    serverStarts.append(elapsed)
                    track(client)
                } else {
                    floorStarts.append(elapsed)
                }
                client.finish()
            }
        }
        report.time(
            "startup", "start-up: spawn to initialize answer, configured server (median of 20) vs a Foundation + FoundationNetworking echo",
            Sample(serverStarts).median, floor: Sample(floorStarts).median, target: 2.0)
    }

    /// Resident memory once `initialize` is answered and the process has settled, configured server
    /// against the same echo program; alternating, median of 10.
    mutating func idleMemory() throws {
        let tenant = try FakeTenant()
        var serverKB: [Double] = []
        var floorKB: [Double] = []
        for _ in 0..<10 {
            for isServer in [true, false] {
                let client =
                    isServer
                    ? try server(tenant)
                    : try LineClient(path: floorEcho, environment: [:], directory: directory)
                if !isServer {
                    client.send(Self.initialize)
                    _ = client.nextLine()
                }
                usleep(200_000)
                if isServer {
                    serverKB.append(Double(client.currentMemoryKB))
                    track(client)
                } else {
                    floorKB.append(Double(client.currentMemoryKB))
                }
                client.finish()
            }
        }
        report.memory(
            "idle-rss", "idle RSS after initialize, configured server (median of 10) vs the echo program after its answer",
            Int(Sample(serverKB).median), reference: Int(Sample(floorKB).median), allowedGrowthMB: 4)
    }
}
