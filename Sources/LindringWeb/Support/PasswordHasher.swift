import HummingbirdBcrypt
import LindringCore
import NIOPosix

/// Bcrypt hashing and checking on a thread pool of its own: a cost-12 hash takes a quarter
/// of a second of CPU, which must neither block an event loop nor starve the database's pool.
public struct PasswordHasher: PasswordHashing {
    let cost: UInt8
    let pool: NIOThreadPool

    public init(cost: Int, threads: Int = 2) {
        self.cost = UInt8(max(4, min(cost, 31)))
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await pool.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        try await pool.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    public func shutdown() async throws {
        try await pool.shutdownGracefully()
    }
}
