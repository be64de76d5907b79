/// Something wrong with one setting, phrased so the user knows what to change.
public struct ConfigurationProblem: Sendable, Equatable, CustomStringConvertible {
    /// The environment variable concerned, e.g. `OPSRAMP_BASE_URL`.
    public let variable: String
    public let message: String

    public init(variable: String, message: String) {
        self.variable = variable
        self.message = message
    }

    public static func missing(_ variable: String, hint: String) -> ConfigurationProblem {
        ConfigurationProblem(variable: variable, message: "\(variable) is not set: \(hint)")
    }

    public var description: String { message }
}
