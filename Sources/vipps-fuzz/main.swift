// vipps-fuzz: libFuzzer targets for the parts of libvipps that read untrusted bytes (HTTP
// answers, JSON bodies, Vipps' callbacks) and for the C ABI. Built with `-sanitize=fuzzer,address
// -D VIPPS_FUZZ` (scripts/fuzz.sh, `make fuzz`) it fuzzes; built plainly (as `swift build` does)
// it replays the committed corpora and crash regressions (`make test-fuzz-corpus`).
import Glibc

#if VIPPS_FUZZ
    /// libFuzzer's entry point for a program with its own main(); declared here because Swift
    /// cannot import it from a header without a C target of its own. C calling convention and
    /// Swift's agree for these integer and pointer arguments.
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    /// Fuzzes one target: libFuzzer gets the remaining arguments (flags and corpus directories).
    func fuzz(_ target: FuzzTarget, arguments: [String]) -> Int32 {
        selectedTarget = target
        var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        cArguments.append(nil)
        var argc = Int32(arguments.count)
        return cArguments.withUnsafeMutableBufferPointer { buffer in
            var argv = buffer.baseAddress
            return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
                selectedTarget?.run(bytes)
                return 0
            }
        }
    }
#endif

let arguments = CommandLine.arguments
let command = arguments.count > 1 ? arguments[1] : "help"
switch command {
case "replay":
    exit(replayAll(root: arguments.count > 2 ? arguments[2] : "fuzz"))
case "run":
    guard arguments.count > 3, let target = target(named: arguments[2]) else {
        print(usage())
        exit(2)
    }
    guard let count = replay(target, paths: Array(arguments[3...]), requireInputs: true) else { exit(1) }
    print("vipps-fuzz: \(target.name): \(count) inputs, no failures")
case "help", "-h", "--help":
    print(usage())
default:
    guard let target = target(named: command) else {
        print("vipps-fuzz: unknown target or command '\(command)'\n\n" + usage())
        exit(2)
    }
    #if VIPPS_FUZZ
        exit(fuzz(target, arguments: [arguments[0]] + arguments[2...]))
    #else
        print("vipps-fuzz: this build has no fuzzer: build it with scripts/fuzz.sh (make fuzz)")
        exit(2)
    #endif
}
