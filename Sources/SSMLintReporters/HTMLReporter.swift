import Foundation
import SSMLintEngine

/// One self-contained HTML page for people reading a nightly audit: the
/// verdict and counts per directory, rule and severity; a findings table
/// filtered by severity, rule and text; suppressed and baseline findings
/// apart; the trend with --compare; and a drawing of each VPC with findings.
///
/// - Nothing is loaded from anywhere: CSS and script are inline, and a
///   Content-Security-Policy allows only them (by hash), so the page works
///   from file:// and as a CI artifact, and cannot reach the network.
/// - Everything a template, plan or file name controls is HTML-escaped and
///   kept on one line; the drawings come from Graphviz with synthetic node
///   names, their labels escaped by Graphviz.
/// - The filters are ordinary labelled form controls (keyboard usable), and
///   follow the URL fragment (`#severity=error&rule=SSM014&q=text`) so a
///   filtered view can be linked to.
public struct HTMLReporter: Reporter {
    let settings: ReportSettings

    public init(settings: ReportSettings) { self.settings = settings }

    private struct Counts {
        var errors = 0, warnings = 0, notes = 0
        mutating func add(_ level: Severity) {
            switch level {
            case .error: errors += 1
            case .warning: warnings += 1
            case .note: notes += 1
            }
        }
        var total: Int { errors + warnings + notes }
    }

    public func render(_ run: ScanRun) throws -> String {
        let summary = RunSummary(run: run)
        let located = run.inputs.flatMap { input in input.findings.map { (path: $0.location.file(in: input), finding: $0) } }
        let shown = located.filter { $0.finding.counts }
        let suppressed = located.filter { $0.finding.suppression != nil }
        let inBaseline = located.filter { $0.finding.suppression == nil && $0.finding.baselineState == .unchanged }

        var body = ""
        let verdict: String
        switch run.exitStatus {
        case .success: verdict = "passed"
        case .findings: verdict = "failed"
        case .inputError: verdict = "failed: some inputs could not be scanned"
        case .internalError: verdict = "failed: a rule could not run"
        case .usage: verdict = "failed"
        }
        body += "<header><h1>ssmlint \(Self.escape(verdict))</h1>\n<p class=\"line\">\(Self.escape(summary.line))</p></header>\n"
        body += "<nav aria-label=\"Sections\"><ul><li><a href=\"#summary\">Summary</a></li><li><a href=\"#findings\">Findings</a></li>"
        if run.comparison != nil { body += "<li><a href=\"#trend\">Trend</a></li>" }
        body += "<li><a href=\"#suppressed\">Suppressed</a></li>"
        if run.baselineAbsent != nil { body += "<li><a href=\"#baseline\">Baseline</a></li>" }
        body += "<li><a href=\"#network\">Network</a></li></ul></nav>\n<main>\n"
        body += summarySection(run, shown: shown.map(\.finding))
        if let comparison = run.comparison { body += trendSection(run, comparison, summary: summary) }
        body += findingsSection(run, shown)
        body += failuresSection(run)
        body += suppressedSection(suppressed)
        if let absent = run.baselineAbsent { body += baselineSection(inBaseline, absent: absent) }
        body += networkSection()
        body += "</main>\n<footer><p>\(Self.escape(run.tool.name)) \(Self.escape(run.tool.version)) · \(Self.escape(run.tool.informationURI))</p></footer>\n"

        let csp = "default-src 'none'; style-src '\(Self.hash(Self.style))'; script-src '\(Self.hash(Self.script))'; img-src data:; base-uri 'none'; form-action 'none'"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(csp)">
            <meta name="referrer" content="no-referrer">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>ssmlint report: \(Self.escape(verdict))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            \(body)<script>\(Self.script)</script>
            </body>
            </html>

            """
    }

    // MARK: Sections

    private func summarySection(_ run: ScanRun, shown: [Finding]) -> String {
        var total = Counts()
        for finding in shown { total.add(finding.level) }
        var out = "<section id=\"summary\" aria-labelledby=\"summary-h\"><h2 id=\"summary-h\">Summary</h2>\n"
        let summary = RunSummary(run: run)
        out += "<p class=\"totals\"><span class=\"sev error\">\(summary.plural(total.errors, "error"))</span> "
            + "<span class=\"sev warning\">\(summary.plural(total.warnings, "warning"))</span> "
            + "<span class=\"sev note\">\(summary.plural(total.notes, "note"))</span> in \(summary.plural(run.inputs.count, "input"))</p>\n"
        // Per directory: an audit over many repositories reads as one row per repository directory.
        var byDirectory: [String: (inputs: Int, counts: Counts)] = [:]
        for input in run.inputs {
            let directory = Self.directory(of: input.path)
            byDirectory[directory, default: (0, Counts())].inputs += 1
            for finding in input.findings where finding.counts { byDirectory[directory]!.counts.add(finding.level) }
        }
        let directories = byDirectory.sorted { a, b in
            let x = (a.value.counts.errors, a.value.counts.warnings, a.value.counts.notes), y = (b.value.counts.errors, b.value.counts.warnings, b.value.counts.notes)
            return x != y ? x > y : a.key < b.key
        }
        out += "<h3>By directory</h3>\n<table class=\"counts\"><thead><tr><th scope=\"col\">Directory</th><th scope=\"col\">Inputs</th>"
            + "<th scope=\"col\">Errors</th><th scope=\"col\">Warnings</th><th scope=\"col\">Notes</th></tr></thead><tbody>\n"
        for (directory, entry) in directories {
            out += "<tr><th scope=\"row\">\(Self.escape(directory))</th><td>\(entry.inputs)</td><td>\(entry.counts.errors)</td>"
                + "<td>\(entry.counts.warnings)</td><td>\(entry.counts.notes)</td></tr>\n"
        }
        out += "</tbody></table>\n"
        var byRule: [String: Counts] = [:]
        for finding in shown { byRule[finding.ruleID, default: Counts()].add(finding.level) }
        if !byRule.isEmpty {
            let order = run.rules.map(\.id).filter { byRule[$0] != nil } + byRule.keys.sorted().filter { id in !run.rules.contains { $0.id == id } }
            out += "<h3>By rule</h3>\n<table class=\"counts\"><thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Name</th>"
                + "<th scope=\"col\">Errors</th><th scope=\"col\">Warnings</th><th scope=\"col\">Notes</th></tr></thead><tbody>\n"
            for id in order {
                let counts = byRule[id]!
                let definition = run.definition(for: id)
                let name = definition.map { Self.escape($0.name) } ?? ""
                let rule = Self.link(definition, text: id)
                out += "<tr><th scope=\"row\">\(rule)</th><td class=\"name\">\(name)</td><td>\(counts.errors)</td><td>\(counts.warnings)</td><td>\(counts.notes)</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }
        return out + "</section>\n"
    }

    private func trendSection(_ run: ScanRun, _ comparison: Comparison, summary: RunSummary) -> String {
        var out = "<section id=\"trend\" aria-labelledby=\"trend-h\"><h2 id=\"trend-h\">Trend</h2>\n"
        if let trend = summary.trend { out += "<p>\(Self.escape(trend.prefix(1).uppercased() + trend.dropFirst())).</p>\n" }
        let unchanged = run.countFindings { $0.trend == .unchanged }
        out += "<p>\(unchanged) unchanged.</p>\n"
        if !comparison.fixed.isEmpty {
            out += "<h3>Fixed since \(Self.escape(comparison.label))</h3>\n<table><thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">File</th>"
                + "<th scope=\"col\">Resource</th><th scope=\"col\">Message</th></tr></thead><tbody>\n"
            for fixed in comparison.fixed {
                out += "<tr><td>\(Self.escape(fixed.rule))</td><td>\(Self.escape(fixed.file))</td><td>\(Self.escape(fixed.resource))</td>"
                    + "<td>\(Self.escape(fixed.message))</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }
        return out + "</section>\n"
    }

    private func findingsSection(_ run: ScanRun, _ shown: [(path: String, finding: Finding)]) -> String {
        let trend = run.comparison != nil
        var out = "<section id=\"findings\" aria-labelledby=\"findings-h\"><h2 id=\"findings-h\">Findings</h2>\n"
        if shown.isEmpty { return out + "<p>No findings.</p>\n</section>\n" }
        let rules = run.rules.map(\.id).filter { id in shown.contains { $0.finding.ruleID == id } }
            + Set(shown.map(\.finding.ruleID)).sorted().filter { id in !run.rules.contains { $0.id == id } }
        out += "<form id=\"filters\" class=\"filters\" role=\"search\" aria-label=\"Filter findings\">\n"
        out += "<label for=\"f-severity\">Severity</label> <select id=\"f-severity\" name=\"severity\"><option value=\"\">All</option>"
            + "<option value=\"error\">error</option><option value=\"warning\">warning</option><option value=\"note\">note</option></select>\n"
        out += "<label for=\"f-rule\">Rule</label> <select id=\"f-rule\" name=\"rule\"><option value=\"\">All</option>"
        for id in rules { out += "<option value=\"\(Self.escape(id))\">\(Self.escape(id))</option>" }
        out += "</select>\n<label for=\"f-text\">Text</label> <input id=\"f-text\" name=\"q\" type=\"search\" autocomplete=\"off\">\n"
        out += "<button type=\"button\" id=\"f-clear\">Clear filters</button>\n</form>\n"
        out += "<p id=\"f-status\" role=\"status\" aria-live=\"polite\">\(shown.count) \(shown.count == 1 ? "finding" : "findings")</p>\n"
        out += "<table id=\"findings-table\"><caption class=\"visually-hidden\">Findings that count towards the exit status</caption><thead><tr>"
            + "<th scope=\"col\">Severity</th><th scope=\"col\">Rule</th><th scope=\"col\">Location</th><th scope=\"col\">Message and fix</th>"
            + (trend ? "<th scope=\"col\">Trend</th>" : "") + "</tr></thead><tbody>\n"
        for (path, finding) in shown {
            out += "<tr data-severity=\"\(finding.level.rawValue)\" data-rule=\"\(Self.escape(finding.ruleID))\">"
            out += cells(run, path: path, finding: finding)
            if trend { out += "<td>\(finding.trend.map { Self.escape($0.rawValue) } ?? "")</td>" }
            out += "</tr>\n"
        }
        return out + "</tbody></table>\n</section>\n"
    }

    /// Severity, rule, location and message-and-fix cells of one finding.
    private func cells(_ run: ScanRun, path: String, finding: Finding) -> String {
        let start = finding.location.range.start
        let definition = run.definition(for: finding.ruleID)
        let rule = Self.link(definition, text: finding.ruleID)
        var message = "<p>\(Self.escape(finding.message))</p>"
        if let expired = finding.expiredSuppression {
            message += "<p class=\"expired\">The suppression at \(Self.escape(expired.origin)) expired on \(expired.expires.map { Self.escape($0.description) } ?? "?").</p>"
        }
        if let fix = finding.fix { message += "<p class=\"fix\"><strong>Fix:</strong> \(Self.escape(fix))</p>" }
        return "<td><span class=\"sev \(finding.level.rawValue)\">\(finding.level.rawValue)</span></td>"
            + "<td>\(rule)\(definition.map { "<br><span class=\"slug\">\(Self.escape($0.slug))</span>" } ?? "")</td>"
            + "<td><code>\(Self.escape(path)):\(start.line):\(start.column)</code><br><span class=\"resource\">\(Self.escape(finding.resource.rawValue))</span></td>"
            + "<td>\(message)</td>"
    }

    private func failuresSection(_ run: ScanRun) -> String {
        let failed = run.inputs.filter { $0.failure != nil || !$0.toolErrors.isEmpty }
        guard !failed.isEmpty || !run.skipped.isEmpty else { return "" }
        var out = "<section id=\"inputs\" aria-labelledby=\"inputs-h\"><h2 id=\"inputs-h\">Inputs not scanned</h2>\n<ul>\n"
        for input in failed {
            if let failure = input.failure {
                let position = failure.position.map { ":\($0.line):\($0.column)" } ?? ""
                out += "<li><code>\(Self.escape(input.path + position))</code>: \(Self.escape(failure.message))</li>\n"
            }
            for error in input.toolErrors { out += "<li><code>\(Self.escape(input.path))</code>: a rule failed: \(Self.escape(error))</li>\n" }
        }
        out += "</ul>\n"
        if !run.skipped.isEmpty { out += "<p>\(run.skipped.count) files skipped: not a template or plan.</p>\n" }
        return out + "</section>\n"
    }

    private func suppressedSection(_ suppressed: [(path: String, finding: Finding)]) -> String {
        var out = "<section id=\"suppressed\" aria-labelledby=\"suppressed-h\"><h2 id=\"suppressed-h\">Suppressed findings</h2>\n"
        if suppressed.isEmpty { return out + "<p>None.</p>\n</section>\n" }
        out += "<table><thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Rule</th><th scope=\"col\">Location</th>"
            + "<th scope=\"col\">Message</th><th scope=\"col\">Suppressed by</th></tr></thead><tbody>\n"
        for (path, finding) in suppressed {
            guard let suppression = finding.suppression else { continue }
            let start = finding.location.range.start
            var by = "\(Self.escape(suppression.origin)): \(Self.escape(suppression.reason))"
            if let expires = suppression.expires { by += " (until \(Self.escape(expires.description)))" }
            out += "<tr><td><span class=\"sev \(finding.level.rawValue)\">\(finding.level.rawValue)</span></td><td>\(Self.escape(finding.ruleID))</td>"
                + "<td><code>\(Self.escape(path)):\(start.line):\(start.column)</code></td><td>\(Self.escape(finding.message))</td><td>\(by)</td></tr>\n"
        }
        return out + "</tbody></table>\n</section>\n"
    }

    private func baselineSection(_ accepted: [(path: String, finding: Finding)], absent: [Baseline.Entry]) -> String {
        var out = "<section id=\"baseline\" aria-labelledby=\"baseline-h\"><h2 id=\"baseline-h\">Baseline</h2>\n"
        out += "<p>\(accepted.count) findings already in the baseline (they do not count); \(absent.count) baseline entries no longer found.</p>\n"
        if !accepted.isEmpty {
            out += "<h3>In the baseline</h3>\n<table><thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Rule</th><th scope=\"col\">Location</th>"
                + "<th scope=\"col\">Message</th></tr></thead><tbody>\n"
            for (path, finding) in accepted {
                let start = finding.location.range.start
                out += "<tr><td><span class=\"sev \(finding.level.rawValue)\">\(finding.level.rawValue)</span></td><td>\(Self.escape(finding.ruleID))</td>"
                    + "<td><code>\(Self.escape(path)):\(start.line):\(start.column)</code></td><td>\(Self.escape(finding.message))</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }
        if !absent.isEmpty {
            out += "<h3>Gone</h3>\n<table><thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">File</th><th scope=\"col\">Resource</th>"
                + "<th scope=\"col\">Message</th></tr></thead><tbody>\n"
            for entry in absent {
                out += "<tr><td>\(Self.escape(entry.rule))</td><td>\(Self.escape(entry.file))</td><td>\(Self.escape(entry.resource))</td>"
                    + "<td>\(Self.escape(entry.message))</td></tr>\n"
            }
            out += "</tbody></table>\n"
        }
        return out + "</section>\n"
    }

    private func networkSection() -> String {
        var out = "<section id=\"network\" aria-labelledby=\"network-h\"><h2 id=\"network-h\">Network</h2>\n"
        guard let pictures = settings.networkPictures else {
            return out + "<p>No network drawings were made for this report.</p>\n</section>\n"
        }
        if let reason = pictures.unavailable {
            out += "<p class=\"notice\">No network drawings: \(Self.escape(reason)).</p>\n"
        } else if pictures.pictures.isEmpty {
            out += "<p>No VPC has findings.</p>\n"
        } else {
            out += "<p>Each VPC with findings, as the analysis sees it: subnets by Availability Zone, gateways, endpoints, and each "
                + "instance's path to ssm, ssmmessages and ec2messages. Red arrows are broken and name the rule; dashed ones are unknown.</p>\n"
        }
        for picture in pictures.pictures {
            let caption = "VPC \(picture.vpc) in \(picture.input)"
            out += "<figure><figcaption>\(Self.escape(caption))</figcaption><div class=\"picture\" role=\"img\" aria-label=\"\(Self.escape("Network of " + caption))\">"
                + picture.svg + "</div></figure>\n"
        }
        if pictures.leftOut > 0 && pictures.unavailable == nil {
            out += "<p>\(pictures.leftOut) more VPCs with findings are not drawn, to keep the report small; run <code>ssmlint graph FILE --format svg</code> for them.</p>\n"
        }
        return out + "</section>\n"
    }

    // MARK: Text

    /// The rule ID, linked to its documentation when that is a web address
    /// (a rule pack could name a `javascript:` or `file:` one).
    public static func link(_ definition: RuleDefinition?, text: String) -> String {
        guard let url = definition?.helpLink, url.hasPrefix("https://") || url.hasPrefix("http://") else { return escape(text) }
        return "<a href=\"\(escape(url))\">\(escape(text))</a>"
    }

    /// `cfn-real/acme/network` for `cfn-real/acme/network/vpc.yaml`; `.` for a file in the root.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return path[..<slash].isEmpty ? "/" : String(path[..<slash])
    }

    /// Text for HTML content and attribute values: on one line, with `& < > " '` as entities.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in ReportText.oneLine(text) {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A CSP source for an inline element's exact text: `sha256-<base64>`.
    public static func hash(_ text: String) -> String {
        let hex = Array(SHA256Hex.of(text).utf8)
        var bytes: [UInt8] = []
        var index = 0
        while index + 1 < hex.count {
            bytes.append(UInt8(String(decoding: hex[index...index + 1], as: UTF8.self), radix: 16)!)
            index += 2
        }
        return "sha256-" + Data(bytes).base64EncodedString()
    }

    static let style = """

        :root { color-scheme: light; --fg: #1a1a1a; --muted: #4a4a4a; --line: #c8ced6; --head: #eef2f6; }
        * { box-sizing: border-box; }
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg); background: #fff; margin: 0 auto; padding: 1rem 1.5rem 3rem; max-width: 88rem; }
        h1 { font-size: 1.6rem; margin: .4rem 0; }
        h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; }
        h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
        .line { color: var(--muted); margin: 0; }
        nav ul { list-style: none; padding: 0; margin: .8rem 0; display: flex; flex-wrap: wrap; gap: 1rem; }
        a { color: #0b57a4; }
        a:focus, select:focus, input:focus, button:focus { outline: 3px solid #1a73e8; outline-offset: 2px; }
        table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
        th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
        thead th { background: var(--head); }
        table.counts { width: auto; min-width: 30rem; }
        table.counts td { text-align: right; }
        table.counts td.name { text-align: left; }
        td p { margin: 0 0 .3rem; }
        .fix { color: #1e3a1e; }
        .expired { color: #8a1c1c; }
        .slug, .resource { color: var(--muted); font-size: .85rem; }
        code { font-size: .85rem; word-break: break-all; }
        .sev { display: inline-block; padding: 0 .45rem; border-radius: .6rem; font-weight: 600; font-size: .85rem; border: 1px solid; }
        .sev.error { color: #8a1212; background: #fde8e8; border-color: #e0a3a3; }
        .sev.warning { color: #6b4200; background: #fff1cc; border-color: #e3c27a; }
        .sev.note { color: #17436b; background: #e3eefa; border-color: #9dbbe0; }
        .filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: .5rem 0; }
        .filters label { font-weight: 600; }
        select, input, button { font: inherit; padding: .25rem .4rem; border: 1px solid #6b7785; border-radius: .25rem; background: #fff; color: var(--fg); }
        button { cursor: pointer; background: var(--head); }
        #f-status { font-weight: 600; }
        .notice { padding: .5rem .75rem; border-left: 4px solid #b26a00; background: #fff7e6; }
        figure { margin: 1rem 0; border: 1px solid var(--line); padding: .5rem; overflow-x: auto; }
        figcaption { font-weight: 600; margin-bottom: .4rem; }
        .picture svg { max-width: 100%; height: auto; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          nav, .filters, #f-clear { display: none; }
          a { color: inherit; text-decoration: none; }
          tr, figure { break-inside: avoid; }
          h2 { break-after: avoid; }
          .sev { border: 1px solid #000; }
        }

        """

    static let script = """

        (function () {
          "use strict";
          var table = document.getElementById("findings-table");
          if (!table) { return; }
          var rows = Array.prototype.slice.call(table.tBodies[0].rows);
          var severity = document.getElementById("f-severity");
          var rule = document.getElementById("f-rule");
          var text = document.getElementById("f-text");
          var status = document.getElementById("f-status");
          function hasOption(select, value) {
            for (var i = 0; i < select.options.length; i++) { if (select.options[i].value === value) { return true; } }
            return false;
          }
          function fromHash() {
            var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
            var s = params.get("severity") || "", r = params.get("rule") || "";
            severity.value = hasOption(severity, s) ? s : "";
            rule.value = hasOption(rule, r) ? r : "";
            text.value = params.get("q") || "";
          }
          function apply(updateHash) {
            var s = severity.value, r = rule.value, q = text.value.trim().toLowerCase();
            var shown = 0;
            rows.forEach(function (row) {
              var visible = (!s || row.getAttribute("data-severity") === s) && (!r || row.getAttribute("data-rule") === r)
                && (!q || row.textContent.toLowerCase().indexOf(q) !== -1);
              row.hidden = !visible;
              if (visible) { shown++; }
            });
            var noun = rows.length === 1 ? " finding" : " findings";
            status.textContent = shown === rows.length ? rows.length + noun : shown + " of " + rows.length + noun + " shown";
            if (updateHash) {
              var params = new URLSearchParams();
              if (s) { params.set("severity", s); }
              if (r) { params.set("rule", r); }
              if (q) { params.set("q", text.value.trim()); }
              var hash = params.toString();
              try { history.replaceState(null, "", hash ? "#" + hash : window.location.pathname + window.location.search); } catch (e) { /* a file:// URL may refuse */ }
            }
          }
          severity.addEventListener("change", function () { apply(true); });
          rule.addEventListener("change", function () { apply(true); });
          text.addEventListener("input", function () { apply(true); });
          document.getElementById("f-clear").addEventListener("click", function () {
            severity.value = ""; rule.value = ""; text.value = ""; apply(true); severity.focus();
          });
          // Section links (#findings) leave the filters alone; filter fragments hold "=".
          window.addEventListener("hashchange", function () {
            if (window.location.hash.indexOf("=") !== -1) { fromHash(); apply(false); }
          });
          fromHash();
          apply(false);
        })();

        """
}
