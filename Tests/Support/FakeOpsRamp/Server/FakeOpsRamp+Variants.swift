import Synchronization

extension FakeOpsRamp {
    /// The opt-in behaviours in force; see `FakeVariants`.
    public var variants: FakeVariants {
        get { state.withLock { $0.variants } }
        set { state.withLock { $0.variants = newValue } }
    }
}
