//! The HTML form: a self-contained printable document. Its print CSS is inside, it runs
//! no script and loads nothing (the content security policy says so to the engine), and
//! maud escapes every piece of user text.

mod changes;
mod implementation;
mod notes;
mod overview;
mod process;
mod status;
mod timeline;
mod violations;

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::text;
use super::{Report, ReportBody};
use crate::model::{EventDate, ProposalStatus, Vocabulary};

const STYLE: &str = include_str!("style.css");

/// Nothing from outside, no script: only the styles written here and inline images.
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

pub fn document(report: &Report) -> String {
    let name = report_name(&report.body);
    let body = match &report.body {
        ReportBody::Status { proposals } => status::body(report, proposals),
        ReportBody::Overview { status, proposals } => overview::body(report, *status, proposals),
        ReportBody::Changes { from, to, proposals, deadlines } => {
            changes::body(report, *from, *to, proposals, deadlines)
        }
        ReportBody::Process(timeline) => process::body(report, timeline),
    };
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(POLICY);
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (name) " \u{2014} " (as_of_line(report)) }
                style { (PreEscaped(page_rules(report, name))) (PreEscaped(STYLE)) }
            }
            // The printing app's running head and foot, for engines that draw no margin boxes.
            body data-running-head=(running_head(name, report)) data-running-foot=(running_foot(report)) { (body) }
        }
    }
    .into_string()
}

fn report_name(body: &ReportBody) -> &'static str {
    match body {
        ReportBody::Status { .. } => "Proposal status report",
        ReportBody::Overview { .. } => "Overview of proposals",
        ReportBody::Changes { .. } => "Changes briefing",
        ReportBody::Process(_) => "Process timeline",
    }
}

/// "As of 18 March 2025", and the time it is as known on when that is set.
fn as_of_line(report: &Report) -> String {
    format!("As of {}", text::viewpoint(report.viewpoint))
}

/// "Overview of proposals · As of 18 March 2025": what a page that goes on from the one
/// before is part of.
fn running_head(part: &str, report: &Report) -> String {
    format!("{part} \u{00b7} {}", as_of_line(report))
}

fn running_foot(report: &Report) -> String {
    format!("{} by Ceasefire Tracker", generated_line(report))
}

fn generated_line(report: &Report) -> String {
    format!("Generated {}", text::moment(report.generated_at))
}

/// The page size, and a running head and foot with page numbers in the page margins for
/// engines that draw margin boxes. Engines that ignore them (WebKit) still get the masthead
/// at the top of each part and the colophon at its end, both in the flow.
fn page_rules(report: &Report, name: &str) -> String {
    let margin_text =
        "font-family: \"Noto Sans\", \"DejaVu Sans\", Arial, sans-serif; font-size: 7.5pt; color: #444;";
    format!(
        // Size and margins in a rule of their own, so that an engine that does not know
        // margin boxes cannot drop them along with the boxes.
        "@page {{ size: {size}; margin: 16mm 15mm 16mm 15mm; }}\n\
         @page {{\n\
         @top-left {{ content: {name}; {margin_text} }}\n\
         @top-right {{ content: {as_of}; {margin_text} }}\n\
         @bottom-left {{ content: {generated}; {margin_text} }}\n\
         @bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); {margin_text} }} }}\n",
        size = report.paper.css_size(),
        name = css_string(name),
        as_of = css_string(&as_of_line(report)),
        generated = css_string(&generated_line(report)),
    )
}

/// A CSS string literal; the text is ours, but quoting it properly costs nothing.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' | '>' | '\n' => out.push_str(&format!("\\{:x} ", c as u32)),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The head of a report or of one of its parts: which report, and as of when.
fn masthead(report: &Report) -> Markup {
    html! {
        header.masthead {
            div.what { "Ceasefire Tracker \u{00b7} " (report_name(&report.body)) }
            div.when {
                "As of " strong { (text::day(report.viewpoint.as_of)) }
                @if let Some(known_on) = report.viewpoint.known_on {
                    br; "as known on " (text::moment(known_on))
                }
            }
        }
    }
}

/// The foot of a report or of one of its parts.
fn colophon(report: &Report, extra: Option<&str>) -> Markup {
    html! {
        footer.colophon {
            (generated_line(report)) " by Ceasefire Tracker."
            @if let Some(extra) = extra { " " (extra) }
        }
    }
}

/// Column widths in percent as hints to the table layout.
fn colgroup(widths: &[u8]) -> Markup {
    html! {
        colgroup {
            @for width in widths { col style={ "width: " (width) "%" }; }
        }
    }
}

/// The same widths for the style sheet's rows laid out as grids (see `style.css`).
fn columns(widths: &[u8]) -> String {
    let tracks: Vec<String> = widths.iter().map(|w| format!("{w}%")).collect();
    format!("--columns: {}", tracks.join(" "))
}

/// A status word with its colour swatch beside it.
fn status_chip(status: ProposalStatus) -> Markup {
    html! {
        span.chip.closed[status.is_closed()] style={ "--swatch: " (status.colour()) } { (status.label()) }
    }
}

/// A ceasefire's clock in words ("ends 1 March 2025 · 9 days left"); past its end, the
/// words are set in the warning colour, which only repeats what they say.
fn clock_words(ends_on: Option<EventDate>, days_left: Option<i64>, overdue: bool) -> Markup {
    html! {
        span.overdue[overdue] { (text::clock(ends_on, days_left, overdue)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_be_closed_from_inside() {
        assert_eq!(css_string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert!(!css_string("</style>").contains('<'));
    }
}
