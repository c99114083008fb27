import Foundation
import Testing

@testable import LindringWeb

@Suite struct RoutePathTests {
    @Test func parametersAreFilledInOrderAndTheRestOfThePatternIsKept() {
        // given
        let patient = UUID(uuidString: "6F1B2C3D-0000-4000-8000-000000000001")!
        // when / then
        #expect(Routes.home() == "/")
        #expect(Routes.patients() == "/patients")
        #expect(Routes.patient(patient) == "/patients/6F1B2C3D-0000-4000-8000-000000000001")
        #expect(Routes.planVersion(patient, 3) == "/patients/6F1B2C3D-0000-4000-8000-000000000001/plan/versions/3")
        #expect(Routes.API.planVersions(patient) == "/api/v1/patients/6F1B2C3D-0000-4000-8000-000000000001/plan/versions")
    }

    @Test func aParameterWithoutAValueStaysAsWritten() {
        #expect(Routes.planVersion("p1") == "/patients/p1/plan/versions/{version}")
        #expect(Routes.planVersion() == "/patients/{id}/plan/versions/{version}")
    }
}
