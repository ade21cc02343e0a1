import Foundation

/// Line-oriented writing to stderr, where the simulator's request log goes (stdout is reserved for
/// the two start-up lines that scripts parse).
public enum StandardError {
    @Sendable public static func writeLine(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
