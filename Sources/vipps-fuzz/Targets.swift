import Glibc

/// Every fuzz target, by the name used on the command line and in fuzz/corpus/<name>.
let allTargets: [FuzzTarget] = [httpResponseTarget, jsonResponsesTarget, callbacksTarget, abiTarget, webhooksTarget]

/// The target libFuzzer's callback runs: a C function pointer cannot capture, so it is global.
nonisolated(unsafe) var selectedTarget: FuzzTarget?

func target(named name: String) -> FuzzTarget? {
    allTargets.first { $0.name == name }
}

/// The files of a directory (sorted, hidden ones skipped) or the file itself; nil if absent.
func inputFiles(at path: String) -> [String]? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    guard (info.st_mode & S_IFMT) == S_IFDIR else { return [path] }
    guard let directory = opendir(path) else { return nil }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafePointer(to: entry.pointee.d_name) {
            $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
        }
        if name.hasPrefix(".") { continue }
        let full = path + "/" + name
        var fileInfo = stat()
        if stat(full, &fileInfo) == 0 && (fileInfo.st_mode & S_IFMT) == S_IFREG { names.append(full) }
    }
    return names.sorted()
}

func readFile(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = fread(&chunk, 1, chunk.count, file)
        if count > 0 { bytes += chunk[0..<count] }
        if count < chunk.count { break }
    }
    return ferror(file) == 0 ? bytes : nil
}

func monotonicMilliseconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) * 1_000 + Double(now.tv_nsec) / 1_000_000
}

/// Runs `target` over files; the count, or nil (after a message) when a path cannot be read.
func replay(_ target: FuzzTarget, paths: [String], requireInputs: Bool) -> Int? {
    var count = 0
    for path in paths {
        guard let files = inputFiles(at: path) else {
            if requireInputs {
                print("vipps-fuzz: \(target.name): \(path) does not exist")
                return nil
            }
            continue
        }
        for file in files {
            guard let bytes = readFile(file) else {
                print("vipps-fuzz: cannot read \(file)")
                return nil
            }
            target.run(bytes)
            count += 1
        }
    }
    return count
}

/// `replay DIR`: every target over DIR/corpus/<target> and DIR/regressions/<target>. A target
/// without a seed corpus fails the run, so the regression test cannot silently test nothing.
func replayAll(root: String) -> Int32 {
    var failed = false
    for target in allTargets {
        let started = monotonicMilliseconds()
        guard let seeds = replay(target, paths: [root + "/corpus/" + target.name], requireInputs: true),
            let regressions = replay(target, paths: [root + "/regressions/" + target.name], requireInputs: false)
        else {
            failed = true
            continue
        }
        if seeds == 0 {
            print("vipps-fuzz: \(target.name): no seed inputs in \(root)/corpus/\(target.name)")
            failed = true
        }
        let elapsed = Int(monotonicMilliseconds() - started)
        print(
            "vipps-fuzz: \(target.name): \(seeds) corpus + \(regressions) regression inputs replayed, no failures (\(elapsed) ms)"
        )
    }
    return failed ? 1 : 0
}

func usage() -> String {
    var text = """
        usage: vipps-fuzz replay [DIR]             replay DIR/corpus/<target> and DIR/regressions/<target>
                                                   for every target (DIR defaults to fuzz)
               vipps-fuzz run TARGET FILE|DIR...   run one target over inputs (to reproduce a crash)
               vipps-fuzz TARGET [LIBFUZZER ARGS]  fuzz TARGET (only in a -D VIPPS_FUZZ build with
                                                   -sanitize=fuzzer; see scripts/fuzz.sh)
        targets:

        """
    for target in allTargets { text += "  \(target.name.padding(16))\(target.summary)\n" }
    return text
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
