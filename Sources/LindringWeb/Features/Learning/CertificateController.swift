import Foundation
import Hummingbird
import LindringCore
import LindringStore

/// The printable certificate and the public check of its code.
struct CertificateController {
    let services: AppServices
    var certificates: CertificateService { CertificateService(services: services) }

    func addRoutes(to router: Router<AppContext>) {
        router.get(Routes.learningCertificate.routerPath, use: certificate)
        router.get(Routes.certificateVerify.routerPath, use: verify)
        router.get(Routes.certificateLookup.routerPath, use: lookup)
    }

    static func today() -> LocalDate { DanishCalendar.today() }

    @Sendable func certificate(_ request: Request, context: AppContext) async throws -> Response {
        let id = try context.requiredIdParameter()
        let found = try await certificates.certificate(id, context)
        return .html(
            CertificateViews.page(
                PageContext(context, path: Routes.learningCertificate(id)), found, today: Self.today(), base: services.publicBase(for: request)))
    }

    /// Anyone holding the paper may check it (no sign-in): HTML, or JSON when asked for. An
    /// unknown code is a 404.
    @Sendable func verify(_ request: Request, context: AppContext) async throws -> Response {
        let code = context.parameters.get("code") ?? ""
        let found = try await certificates.verify(code)
        let status: HTTPResponse.Status = found == nil ? .notFound : .ok
        if request.headers[.accept]?.contains("application/json") == true {
            guard let found else { throw AppError.notFound }
            return try .json(CertificateVerificationDTO(found, today: Self.today()), status: status)
        }
        return .html(
            CertificateViews.verification(PageContext(context, path: Routes.certificateLookup()), code: code, found, today: Self.today()),
            status: status)
    }

    /// The form on the check page sends `?code=`; the answer lives at the code's own address.
    @Sendable func lookup(_ request: Request, context: AppContext) async throws -> Response {
        guard let code = request.query["code"]?.trimmingCharacters(in: .whitespaces).nilIfEmpty else {
            return .html(CertificateViews.verification(PageContext(context, path: Routes.certificateLookup()), code: "", nil, today: Self.today()))
        }
        return .redirect(to: Routes.certificateVerify(code.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
    }
}

/// What the public check answers: the holder, the offer, and whether it is valid today.
struct CertificateVerificationDTO: NullPreservingEncodable {
    var code: String
    var holderName: String
    var offerTitle: String
    var levels: [CompetenceLevel]
    var issuedOn: LocalDate
    var lastValidDay: LocalDate?
    var status: CertificateValidity.Status

    init(_ certificate: Certificate, today: LocalDate) {
        code = ShortCode.grouped(certificate.code)
        holderName = certificate.holderName
        offerTitle = certificate.offerTitle
        levels = certificate.levels
        issuedOn = LocalDate(certificate.issuedAt, in: DanishCalendar.timeZone)
        lastValidDay = certificate.lastValidDay
        status = CertificateValidity.status(lastValidDay: certificate.lastValidDay, on: today)
    }
}
