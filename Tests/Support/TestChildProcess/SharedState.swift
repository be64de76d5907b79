import Synchronization

/// Bytes appended by one thread and read by others.
public final class SharedBytes: Sendable {
    private let storage = Mutex<[UInt8]>([])
    public init() {}
    public func append(_ bytes: ArraySlice<UInt8>) { storage.withLock { $0.append(contentsOf: bytes) } }
    public var value: [UInt8] { storage.withLock { $0 } }
}

/// A counter shared between threads.
public final class SharedCounter: Sendable {
    private let storage: Mutex<Int>
    public init(_ value: Int) { storage = Mutex(value) }
    public func decrement() { storage.withLock { $0 -= 1 } }
    public func add(_ amount: Int) { storage.withLock { $0 += amount } }
    public var value: Int { storage.withLock { $0 } }
}
