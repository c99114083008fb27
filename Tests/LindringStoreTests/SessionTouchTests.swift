import Foundation
import Testing

@testable import LindringStore

/// How often a session in use records its activity (issue 17, item 11): often enough that an
/// active user never meets the idle timeout, however short it is set.
@Suite struct SessionTouchTests {
    @Test(arguments: [
        // idle timeout, seconds since last recorded, due
        (30 * 60.0, 59.0, false), (30 * 60.0, 60.0, true),
        (60.0, 14.0, false), (60.0, 15.0, true),
        (4.0, 0.9, false), (4.0, 1.0, true),
    ])
    func activityIsRecordedEveryMinuteOrAQuarterOfTheIdleTimeoutWhenThatIsShorter(idle: Double, since: Double, due: Bool) {
        // given
        let now = Date()
        let session = Session(
            token: "t", userId: nil, csrfToken: "c", createdAt: now.addingTimeInterval(-3600),
            lastSeenAt: now.addingTimeInterval(-since), expiresAt: now.addingTimeInterval(3600))
        // when
        let isDue = SessionRepository.touchDue(session, timeouts: SessionTimeouts(idle: idle), now: now)
        // then
        #expect(isDue == due, "idle \(idle) s, \(since) s since the last touch")
    }
}
