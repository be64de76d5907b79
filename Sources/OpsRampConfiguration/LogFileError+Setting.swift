import OpsRampLogging

extension LogFileError {
    /// What the user reads when the log file is refused: the logging layer's `description`, and for a symbolic
    /// link which setting to point at the real file. Logging sits below configuration, so it cannot name the
    /// variable itself; this is the first layer that can.
    public var message: String {
        switch reason {
        case .symbolicLink: "\(description); point \(ConfigurationVariable.logFile.name) at the real file"
        case .notRegularFile, .system: description
        }
    }
}
