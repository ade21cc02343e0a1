/// Where the running simulator can be reached, known once the server is bound.
public struct ListeningAddress: Sendable, Equatable {
    /// `https://127.0.0.1:PORT` (or `http://` without TLS), with the real bound port.
    public let baseURL: String
    public let port: Int
    /// Absolute path of the CA certificate clients should trust; `nil` without TLS.
    public let caCertificatePath: String?
}
