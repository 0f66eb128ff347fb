import Foundation
import TestSupport
import XCTest

/// `museval report` on the SiSEC 2018 score files, opened in headless Chromium (Debian's
/// `chromium`, which `make test` installs): no console errors, every figure has its SVG
/// elements, the screenshot is not blank. The report's own contracts are checked on its text.
final class ReportRenderingTests: XCTestCase {
    private func makeReport() throws -> (folder: URL, html: URL, figures: URL) {
        let sisec = try TestData.requireShared("sisec18")
        let folder = try TestData.temporaryDirectory(self)
        let html = folder.appendingPathComponent("report.html")
        let figures = folder.appendingPathComponent("figures")
        let methods = ["IRM2", "TAK1", "MIX", "HPSS"].map { sisec.appendingPathComponent($0).path }
        let result = try CommandRunner.run(
            "museval", ["report"] + methods + ["-o", html.path, "--figures", figures.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("wrote \(html.path) and "), result.stderr)
        return (folder, html, figures)
    }

    private func chromium() throws -> URL {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(folder)).appendingPathComponent("chromium")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw XCTSkip(
            "skipped: needs Debian's chromium for the rendering test (make test installs it: apt-get install chromium)")
    }

    func testReportIsSelfContainedAndItsNumbersAreWritten() throws {
        let (folder, html, figures) = try makeReport()
        let text = try String(contentsOf: html, encoding: .utf8)
        XCTAssertFalse(text.lowercased().contains("<script"), "no script")
        for reference in ["src=", "href=", "url(", "@import"] {
            XCTAssertFalse(text.contains(reference), "nothing loaded from elsewhere: \(reference)")
        }
        XCTAssertEqual(
            text.components(separatedBy: "http").count - 1,
            text.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1,
            "the only address is the SVG namespace")
        let names = try FileManager.default.contentsOfDirectory(atPath: figures.path).sorted()
        XCTAssertEqual(names.count, 5 * 3 - 0, "boxplot, heatmap and Conover figure for the 5 targets: \(names)")
        XCTAssertTrue(names.contains("vocals-conover.svg"))
        let json = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("report.json")))
                as? [String: Any])
        XCTAssertEqual(json["format"] as? String, "museval-report/1")
        let vocals = try XCTUnwrap((json["targets"] as? [String: Any])?["vocals"] as? [String: Any])
        XCTAssertEqual(vocals["methods"] as? [String], ["IRM2", "TAK1", "MIX", "HPSS"], "sorted by median")
        let p = try XCTUnwrap((vocals["conover"] as? [String: Any])?["p"] as? [[Double]])
        XCTAssertEqual(p.count, 4)
        let drums = try XCTUnwrap((json["targets"] as? [String: Any])?["drums"] as? [String: Any])
        XCTAssertEqual(drums["methods"] as? [String], ["IRM2", "TAK1", "MIX"], "HPSS has no drums")
    }

    func testChromiumRendersTheReport() throws {
        let browser = try chromium()
        let (folder, html, figures) = try makeReport()
        let figureCount = try FileManager.default.contentsOfDirectory(atPath: figures.path).count
        let common = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
            "--no-first-run", "--disable-extensions", "--host-resolver-rules=MAP * ~NOTFOUND",
            "--user-data-dir=" + folder.appendingPathComponent("profile").path
        ]
        let screenshot = folder.appendingPathComponent("screenshot.png")
        let shot = try CommandRunner.run(
            executable: browser,
            arguments: common + ["--window-size=1200,2400", "--screenshot=" + screenshot.path, html.absoluteString])
        XCTAssertEqual(shot.status, 0, shot.stderr)
        let dom = try CommandRunner.run(executable: browser, arguments: common + ["--dump-dom", html.absoluteString])
        XCTAssertEqual(dom.status, 0, dom.stderr)

        for log in [shot.stderr, dom.stderr] {
            let problems = log.split(separator: "\n").filter {
                $0.contains("Uncaught") || $0.contains(":CONSOLE") || $0.contains("ERR_NAME_NOT_RESOLVED")
                    || $0.contains("Failed to load")
            }
            XCTAssertEqual(problems, [], "console errors or loads from elsewhere")
        }
        // Every figure is an <svg> in the rendered DOM with drawn elements inside.
        let svgs = dom.stdout.components(separatedBy: "<svg").dropFirst()
        XCTAssertEqual(svgs.count, figureCount, "one <svg> per figure")
        for (index, svg) in svgs.enumerated() {
            let body = svg.components(separatedBy: "</svg>")[0]
            XCTAssertGreaterThan(
                body.components(separatedBy: "<rect").count - 1, 3, "figure \(index) has its boxes/cells")
            XCTAssertTrue(body.contains("<text"), "figure \(index) has labels")
        }
        XCTAssertTrue(dom.stdout.contains("<table class=\"board\">"))

        let image = try PNGImage(contentsOf: screenshot)
        XCTAssertEqual(image.width, 1200)
        XCTAssertEqual(image.height, 2400)
        XCTAssertGreaterThan(image.inkedFraction, 0.05, "the screenshot is not blank")
        XCTAssertGreaterThan(image.colourCount, 50, "text, boxes and heatmap colours")
    }
}
