import Foundation
import HTTPTypes
import Hummingbird
import LindringStore

/// The heartbeat of a long form (issue 18, item 3): while a form with unsaved input is open,
/// app.js asks every few minutes, so a long call does not end in a timed-out session. It records
/// activity now (the idle timeout starts again) but never moves the absolute limit: a session
/// ends `SESSION_ABSOLUTE_HOURS` after sign-in, heartbeat or not. No patient data, no audit entry.
///
/// 204 with the seconds left: `Lindring-Session-Seconds-Left` until the session ends unless it is
/// used again (the idle timeout, or less near the absolute limit), and
/// `Lindring-Session-Absolute-Seconds-Left` until it ends regardless. 401 (never a redirect to the
/// login page, which a script's fetch would follow) without a live signed-in session.
struct SessionController {
    let services: AppServices

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.sessionHeartbeat.routerPath, use: heartbeat)
    }

    @Sendable func heartbeat(_ request: Request, context: AppContext) async throws -> Response {
        guard let session = context.session, session.userId != nil, context.user != nil else {
            return Response(status: .unauthorized)
        }
        let now = Date()
        try await services.persistence.write { try await SessionRepository.touch(session, now: now, on: $0) }
        let left = Self.secondsLeft(session, timeouts: services.config.sessionTimeouts, now: now)
        return Response(
            status: .noContent,
            headers: [
                .sessionSecondsLeft: String(left.untilIdle),
                .sessionAbsoluteSecondsLeft: String(left.untilAbsolute),
            ])
    }

    /// Whole seconds, rounded down: the idle timeout from now, capped by the absolute limit.
    static func secondsLeft(_ session: Session, timeouts: SessionTimeouts, now: Date) -> (untilIdle: Int, untilAbsolute: Int) {
        let absolute = max(0, session.expiresAt.timeIntervalSince(now))
        return (Int(min(timeouts.idle, absolute).rounded(.down)), Int(absolute.rounded(.down)))
    }
}

extension HTTPField.Name {
    static let sessionSecondsLeft = Self("Lindring-Session-Seconds-Left")!
    static let sessionAbsoluteSecondsLeft = Self("Lindring-Session-Absolute-Seconds-Left")!
}
