/// A direct (no im2col, no BLAS) stride-1 convolution for inputs with few channels, such as the first
/// layer of a network on grey or RGB images.
///
/// There the patch matrix is narrow (C·KH·KW = 25 for LeNet's 5×5 on one channel), which is a poor GEMM
/// shape: OpenBLAS spends more time packing than multiplying, and im2col plus the transposes back to
/// NCHW cost as much again. Here each image is copied once into a zero-padded plane whose rows are
/// long enough for 8-wide vector reads (`paddedWidth`), and the kernels keep a block of
/// 4 output channels × 8 output columns in registers while they walk the taps, writing NCHW directly
/// with the bias added.
///
/// Layouts: the padded input `[N, C, paddedHeight, paddedWidth]` (zeros around the image and in the
/// spare columns), the padded output gradient `[N, OC, OH, blockedWidth]` (zeros past OW), weights
/// regrouped `[⌈OC/4⌉, C·KH·KW, 4]` (zeros for missing channels) so a tap's four weights are adjacent.
struct DirectConvolution {
    let geometry: ConvolutionGeometry
    let outputChannels: Int

    /// Whether this path handles the convolution: stride 1 and few input channels, where im2col + GEMM is
    /// worst. (Wider layers keep the GEMM path: their K = C·KH·KW is long enough for BLAS to pay off.)
    static func handles(_ g: ConvolutionGeometry) -> Bool { g.stride == 1 && g.channels <= 4 }

    var channelGroups: Int { (outputChannels + 3) / 4 }
    /// Output columns rounded up to whole 8-wide blocks.
    var blockedWidth: Int { (geometry.outputWidth + 7) & ~7 }
    var paddedHeight: Int { geometry.height + 2 * geometry.padding }
    /// Wide enough for the last block's reads at every kernel column.
    var paddedWidth: Int { blockedWidth + geometry.kernelWidth - 1 }
    var paddedImageSize: Int { geometry.channels * paddedHeight * paddedWidth }
    var paddedGradientSize: Int { outputChannels * geometry.outputHeight * blockedWidth }
    var taps: Int { geometry.patchSize }

    /// Copies `images` of `x` (`[N, C, H, W]`) into `padded`, zeros around them.
    func pad(_ x: UnsafePointer<Float>, images: Range<Int>, into padded: UnsafeMutablePointer<Float>) {
        let (c, h, w, p) = (geometry.channels, geometry.height, geometry.width, geometry.padding)
        for n in images {
            let dst = padded + n * paddedImageSize
            dst.initialize(repeating: 0, count: paddedImageSize)
            for plane in 0..<c {
                for row in 0..<h {
                    let src = x + ((n * c + plane) * h + row) * w
                    (dst + (plane * paddedHeight + row + p) * paddedWidth + p).update(from: src, count: w)
                }
            }
        }
    }

    /// Weights `[OC, C, KH, KW]` regrouped as `[group, tap, 4]` (see the type's comment).
    func groupedWeights(_ w: UnsafePointer<Float>, into grouped: UnsafeMutablePointer<Float>) {
        grouped.initialize(repeating: 0, count: channelGroups * taps * 4)
        for o in 0..<outputChannels {
            for t in 0..<taps { grouped[((o / 4) * taps + t) * 4 + o % 4] = w[o * taps + t] }
        }
    }

    /// Where tap `t` (channel, kernel row, kernel column) reads, relative to its output position.
    @inline(__always)
    private func tapOffset(_ t: Int) -> Int {
        let (kh, kw) = (geometry.kernelHeight, geometry.kernelWidth)
        let (c, rest) = t.quotientAndRemainder(dividingBy: kh * kw)
        let (u, v) = rest.quotientAndRemainder(dividingBy: kw)
        return (c * paddedHeight + u) * paddedWidth + v
    }

    /// `y` (`[N, OC, OH, OW]`) for `images`, from the padded input and grouped weights.
    func forward(padded: UnsafePointer<Float>, grouped: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                 images: Range<Int>, into y: UnsafeMutablePointer<Float>) {
        let (oc, oh, ow) = (outputChannels, geometry.outputHeight, geometry.outputWidth)
        let offsets = (0..<taps).map(tapOffset)
        var spill = [Float](repeating: 0, count: 4 * 8)  // the last, partial block of a row
        offsets.withUnsafeBufferPointer { offsets in
            spill.withUnsafeMutableBufferPointer { spill in
                for n in images {
                    let image = padded + n * paddedImageSize
                    for group in 0..<channelGroups {
                        let weights = grouped + group * taps * 4
                        var b = SIMD4<Float>()
                        for lane in 0..<4 where group * 4 + lane < oc { b[lane] = bias?[group * 4 + lane] ?? 0 }
                        for i in 0..<oh {
                            var j = 0
                            while j < ow {
                                var a0 = SIMD8<Float>(repeating: b[0]), a1 = SIMD8<Float>(repeating: b[1])
                                var a2 = SIMD8<Float>(repeating: b[2]), a3 = SIMD8<Float>(repeating: b[3])
                                let origin = image + i * paddedWidth + j
                                for t in 0..<taps {
                                    let xv = UnsafeRawPointer(origin + offsets[t]).loadUnaligned(as: SIMD8<Float>.self)
                                    let wv = UnsafeRawPointer(weights + t * 4).loadUnaligned(as: SIMD4<Float>.self)
                                    a0 += xv * wv[0]
                                    a1 += xv * wv[1]
                                    a2 += xv * wv[2]
                                    a3 += xv * wv[3]
                                }
                                let count = min(8, ow - j)
                                func store(_ a: SIMD8<Float>, _ lane: Int) {
                                    guard group * 4 + lane < oc else { return }
                                    let dst = y + ((n * oc + group * 4 + lane) * oh + i) * ow + j
                                    if count == 8 {
                                        UnsafeMutableRawPointer(dst).storeBytes(of: a, as: SIMD8<Float>.self)
                                    } else {
                                        UnsafeMutableRawPointer(spill.baseAddress!).storeBytes(of: a, as: SIMD8<Float>.self)
                                        dst.update(from: spill.baseAddress!, count: count)
                                    }
                                }
                                store(a0, 0)
                                store(a1, 1)
                                store(a2, 2)
                                store(a3, 3)
                                j += 8
                            }
                        }
                    }
                }
            }
        }
    }

    /// Copies `images` of `dy` (`[N, OC, OH, OW]`) into rows of `blockedWidth`, zeros past OW, so the
    /// gradient kernels read whole blocks.
    func padGradient(_ dy: UnsafePointer<Float>, images: Range<Int>, into padded: UnsafeMutablePointer<Float>) {
        let (oh, ow) = (geometry.outputHeight, geometry.outputWidth)
        for n in images {
            for row in 0..<(outputChannels * oh) {
                let dst = padded + (n * outputChannels * oh + row) * blockedWidth
                dst.update(from: dy + (n * outputChannels * oh + row) * ow, count: ow)
                (dst + ow).initialize(repeating: 0, count: blockedWidth - ow)
            }
        }
    }

    /// Adds `images`' ∂W to `dw` (`[OC, C·KH·KW]`) and ∂b to `db` (`[OC]`), from the padded input and
    /// padded output gradient. Each image's sums are reduced to scalars before they are added, in a
    /// fixed order, so the result depends only on the images.
    func weightGradient(padded: UnsafePointer<Float>, gradient: UnsafePointer<Float>, images: Range<Int>,
                        dw: UnsafeMutablePointer<Float>, db: UnsafeMutablePointer<Float>) {
        let (oc, oh) = (outputChannels, geometry.outputHeight)
        let blocks = blockedWidth / 8
        let offsets = (0..<taps).map(tapOffset)
        offsets.withUnsafeBufferPointer { offsets in
            for n in images {
                let image = padded + n * paddedImageSize
                for group in 0..<channelGroups {
                    let lanes = min(4, oc - group * 4)
                    // A missing channel of the last group re-reads the group's last one; its sums are dropped.
                    func plane(_ lane: Int) -> UnsafePointer<Float> {
                        gradient + ((n * oc + group * 4 + min(lane, lanes - 1)) * oh) * blockedWidth
                    }
                    let (g0, g1, g2, g3) = (plane(0), plane(1), plane(2), plane(3))
                    for t in 0..<taps {
                        var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
                        for i in 0..<oh {
                            let input = image + i * paddedWidth + offsets[t]
                            let row = i * blockedWidth
                            for block in 0..<blocks {
                                let xv = UnsafeRawPointer(input + block * 8).loadUnaligned(as: SIMD8<Float>.self)
                                let at = row + block * 8
                                a0 += xv * UnsafeRawPointer(g0 + at).loadUnaligned(as: SIMD8<Float>.self)
                                a1 += xv * UnsafeRawPointer(g1 + at).loadUnaligned(as: SIMD8<Float>.self)
                                a2 += xv * UnsafeRawPointer(g2 + at).loadUnaligned(as: SIMD8<Float>.self)
                                a3 += xv * UnsafeRawPointer(g3 + at).loadUnaligned(as: SIMD8<Float>.self)
                            }
                        }
                        let target = dw + group * 4 * taps + t
                        target[0] += a0.sum()
                        if lanes > 1 { target[taps] += a1.sum() }
                        if lanes > 2 { target[2 * taps] += a2.sum() }
                        if lanes > 3 { target[3 * taps] += a3.sum() }
                    }
                }
                for o in 0..<oc {
                    db[o] += LaneSums.sum(gradient + (n * oc + o) * oh * blockedWidth, count: oh * blockedWidth)
                }
            }
        }
    }

    /// ∂x for `images` into `dx` (`[N, C, H, W]`, overwritten): each output gradient row, scaled by a tap's
    /// weight, is added onto the padded plane it was read from (`scratch`, one padded image), whose
    /// interior is then copied out.
    func inputGradient(gradient: UnsafePointer<Float>, weight w: UnsafePointer<Float>, images: Range<Int>,
                       scratch: UnsafeMutablePointer<Float>, into dx: UnsafeMutablePointer<Float>) {
        let (c, h, width, p) = (geometry.channels, geometry.height, geometry.width, geometry.padding)
        let (oc, oh) = (outputChannels, geometry.outputHeight)
        let blocks = blockedWidth / 8
        let offsets = (0..<taps).map(tapOffset)
        for n in images {
            scratch.initialize(repeating: 0, count: paddedImageSize)
            for o in 0..<oc {
                for i in 0..<oh {
                    let dyRow = gradient + ((n * oc + o) * oh + i) * blockedWidth
                    for t in 0..<taps {
                        let weight = w[o * taps + t]
                        let target = scratch + i * paddedWidth + offsets[t]
                        for block in 0..<blocks {
                            let at = UnsafeMutableRawPointer(target + block * 8)
                            let g = UnsafeRawPointer(dyRow + block * 8).loadUnaligned(as: SIMD8<Float>.self)
                            at.storeBytes(of: at.loadUnaligned(as: SIMD8<Float>.self) + g * weight, as: SIMD8<Float>.self)
                        }
                    }
                }
            }
            for plane in 0..<c {
                for row in 0..<h {
                    (dx + ((n * c + plane) * h + row) * width)
                        .update(from: scratch + (plane * paddedHeight + row + p) * paddedWidth + p, count: width)
                }
            }
        }
    }
}
