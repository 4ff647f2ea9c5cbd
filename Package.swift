// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ActivationLab",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ActivationLab", targets: ["ActivationLab"]),
        .executable(name: "actlab", targets: ["actlab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // Register-blocked convolution kernels in C: compiled for AVX2 + FMA and for the baseline
        // instruction set, chosen at run time (no unsafe flags, so the package stays usable as a dependency).
        .target(name: "CKernels"),
        .target(
            name: "ActivationLab",
            dependencies: [
                .target(name: "COpenBLAS", condition: .when(platforms: [.linux])),
                "CZlib",
                "CKernels",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            resources: [.copy("Resources/fashion-mnist-sample")]
        ),
        .executableTarget(
            name: "actlab",
            dependencies: [
                "ActivationLab",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ActivationLabTests",
            dependencies: ["ActivationLab"],
            exclude: ["Golden/golden.json", "Experiments/Fixtures", "CLI/Snapshots"]  // read through #filePath by the tests, not bundled resources
        ),
    ]
)
