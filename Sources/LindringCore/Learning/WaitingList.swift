import Foundation

/// A session's places, first come first served: the first registrations up to the capacity
/// hold a place, the rest wait in the order they came, and a place that opens goes to the first
/// who waits. The store applies these rules inside the write transaction that changes the
/// session, with the session locked, so two people taking the last place at the same moment
/// get one place and one waiting-list position.
public enum WaitingList {
    /// The status of a new registration when `registered` of `capacity` places are taken.
    public static func status(forNewcomerWithCapacity capacity: Int, registered: Int) -> RegistrationStatus {
        registered < capacity ? .registered : .waitlisted
    }

    /// The waiting registrations (in the order they came) that move up to a place: as many as
    /// there are free places, first come first served.
    public static func promotions<Waiting>(capacity: Int, registered: Int, waiting: [Waiting]) -> [Waiting] {
        Array(waiting.prefix(max(0, capacity - registered)))
    }

    /// Each waiting registration's place in the queue (1 is next), from the order they came.
    public static func positions<ID: Hashable>(waitingInOrder ids: [ID]) -> [ID: Int] {
        Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0 + 1) })
    }
}
