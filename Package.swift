// swift-tools-version:6.2
//
// libvipps: a Vipps eCom v2 payment library (Swift core, C ABI) and vipps-sim, a local simulator.
// Layers and their one job each: see docs/architecture.md. The library product (`vipps`) must stay
// buildable without the simulator's server dependencies, so that `make` is fast on a cold machine.

import PackageDescription

// The library alone: its own targets and no package dependencies, so that it builds offline
// from the Python sdist (which sets VIPPS_LIBRARY_ONLY and ships only these sources).
let libraryOnly = Context.environment["VIPPS_LIBRARY_ONLY"] != nil

let libraryTargets: [Target] = [
    // OpenSSL (libssl, libcrypto) from the system, plus inline wrappers for its function-like macros.
    .systemLibrary(
        name: "COpenSSL",
        path: "Sources/COpenSSL",
        pkgConfig: "openssl",
        providers: [.apt(["libssl-dev"])]
    ),
    // Makes include/vipps.h visible to Swift so that each `@c @implementation` is checked against it.
    .target(
        name: "CVipps",
        path: ".",
        sources: ["Sources/CVipps"],
        publicHeadersPath: "include"
    ),
    .target(name: "VippsHTTP", dependencies: ["COpenSSL"]),
    .target(name: "VippsCore", dependencies: ["VippsHTTP"]),
    .target(name: "VippsABI", dependencies: ["VippsCore", "VippsHTTP", "CVipps"]),
]

let toolDependencies: [Package.Dependency] = [
    .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
    .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    // vipps-sim only: runs Swift concurrency's jobs on NIO's event loops (see VippsSimCommand).
    .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    // vipps-sim only: outbound callbacks, shipping-details and consent-removal calls to the shop.
    .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.30.0"),
]

// The simulator, the `vipps` command, the fuzz driver and the tests.
let toolTargets: [Target] = [
    // libqrencode from the system: the QR codes of vipps-sim's QR payments (the simulator only).
    .systemLibrary(
        name: "CQRencode",
        path: "Sources/CQRencode",
        pkgConfig: "libqrencode",
        providers: [.apt(["libqrencode-dev"])]
    ),
    .target(
        name: "VippsSimulator",
        dependencies: [
            "CQRencode",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ],
        // Its map of features to folders, for readers: not a resource.
        exclude: ["README.md"]
    ),
    .executableTarget(
        name: "vipps-sim",
        dependencies: [
            "VippsSimulator",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]
    ),

    .executableTarget(
        name: "vipps-cli",
        dependencies: [
            "VippsCore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]
    ),

    // libFuzzer targets (scripts/fuzz.sh, `make fuzz`); built plainly it replays fuzz/ in
    // `make test`. In no product: the shipped library contains no fuzz code.
    .executableTarget(
        name: "vipps-fuzz",
        dependencies: ["VippsHTTP", "VippsCore", "VippsABI", "CVipps"]
    ),

    .testTarget(name: "VippsHTTPTests", dependencies: ["VippsHTTP"]),
    .testTarget(name: "VippsCoreTests", dependencies: ["VippsCore"]),
    .testTarget(name: "VippsABITests", dependencies: ["VippsABI", "CVipps"]),
    .testTarget(name: "VippsCLITests", dependencies: ["vipps-cli"]),
    .testTarget(
        name: "VippsSimulatorTests",
        dependencies: [
            "VippsSimulator",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]
    ),
]

let package = Package(
    name: "libvipps",
    platforms: [.macOS(.v15)],
    products: [
        // libvipps.so; `make` adds -static-stdlib, the soname and the export list (see Makefile).
        .library(name: "vipps", type: .dynamic, targets: ["VippsABI"])
    ]
        + (libraryOnly
            ? []
            : [
                .executable(name: "vipps-sim", targets: ["vipps-sim"]),
                // The `vipps` command for shop staff (installed as `vipps`; the name `vipps` is the library's).
                .executable(name: "vipps-cli", targets: ["vipps-cli"]),
            ]),
    dependencies: libraryOnly ? [] : toolDependencies,
    targets: libraryTargets + (libraryOnly ? [] : toolTargets)
)
