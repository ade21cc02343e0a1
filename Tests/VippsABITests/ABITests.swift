import CVipps
import Foundation
import Synchronization
import Testing
import VippsABI

/// The C ABI called from Swift the way a C caller would, for what the C suites cannot see easily.
@Suite struct ABITests {
    @Test func lastErrorIsPerThread() async throws {
        // Thread A fails; thread B succeeds; each must see its own outcome.
        // Atomics, not plain vars: Thread.isFinished does not order the threads' writes before
        // the reads below (ThreadSanitizer reported the plain vars as a data race).
        final class Outcome: Sendable {
            let failedSeesError = Atomic<Bool>(false)
            let succeededSeesNone = Atomic<Bool>(false)
        }
        let outcome = Outcome()
        let failing = Thread {
            _ = vipps_config_set_client_id(nil, "x")
            Thread.sleep(forTimeInterval: 0.05)
            outcome.failedSeesError.store(
                vipps_error_status(vipps_error_last()) == vipps_status(VIPPS_ERR_INVALID_ARGUMENT),
                ordering: .releasing)
        }
        let succeeding = Thread {
            var config: OpaquePointer?
            _ = vipps_config_new(&config)
            Thread.sleep(forTimeInterval: 0.05)
            outcome.succeededSeesNone.store(vipps_error_last() == nil, ordering: .releasing)
            vipps_config_free(config)
        }
        failing.start()
        succeeding.start()
        while !failing.isFinished || !succeeding.isFinished { try await Task.sleep(nanoseconds: 10_000_000) }
        let failedSeesError = outcome.failedSeesError.load(ordering: .acquiring)
        let succeededSeesNone = outcome.succeededSeesNone.load(ordering: .acquiring)
        #expect(failedSeesError)
        #expect(succeededSeesNone)
    }

    @Test func productionRequiresHTTPSAndTestOnlyOperationsAreRefused() {
        var config: OpaquePointer?
        #expect(vipps_config_new(&config) == vipps_status(VIPPS_OK))
        defer { vipps_config_free(config) }
        #expect(vipps_config_set_environment(config, vipps_environment(VIPPS_ENV_PRODUCTION)) == vipps_status(VIPPS_OK))
        _ = vipps_config_set_client_id(config, "id")
        _ = vipps_config_set_client_secret(config, "secret")
        _ = vipps_config_set_subscription_key(config, "key")
        _ = vipps_config_set_merchant_serial_number(config, "123456")
        var client: OpaquePointer?
        #expect(vipps_client_new(config, &client) == vipps_status(VIPPS_OK))
        defer { vipps_client_free(client) }
        #expect(vipps_payment_force_approve(client, "order-1", nil, "token") == vipps_status(VIPPS_ERR_NOT_ALLOWED))
        let message = String(cString: vipps_error_message(vipps_error_last()))
        #expect(message.contains("production"))
    }

    @Test func statusAndStateNamesCoverEveryValue() {
        for status in [
            VIPPS_OK, VIPPS_ERR_INVALID_ARGUMENT, VIPPS_ERR_NOT_ALLOWED, VIPPS_ERR_NETWORK, VIPPS_ERR_TIMEOUT,
            VIPPS_ERR_TLS, VIPPS_ERR_PROTOCOL, VIPPS_ERR_OUTCOME_UNKNOWN, VIPPS_ERR_AUTHENTICATION,
            VIPPS_ERR_NOT_FOUND, VIPPS_ERR_REJECTED, VIPPS_ERR_RATE_LIMITED, VIPPS_ERR_SERVER, VIPPS_ERR_INTERNAL,
        ] {
            #expect(String(cString: vipps_status_string(vipps_status(status))) != "unknown status")
        }
        for state in 1...10 {
            #expect(String(cString: vipps_state_string(vipps_state(state))) != "unknown")
        }
    }
}
