//! What typed text may hold. Text is kept exactly as typed, markup, scripts, SQL, any
//! writing system or direction, emoji and all, and escaped wherever it is shown. Only
//! what cannot be shown is refused: control characters (a NUL, or an escape sequence that
//! would drive the terminal `cftrack` prints to) and text too long to be anything but a
//! mistake.

use crate::error::{Error, InputError, Result};
use crate::model::{NewCondition, NewEvent, NewParty, NewProposal, NewSource, SourceChoice};

/// The longest text a field takes: room for the full text of any agreement.
pub const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;

/// Why `text` cannot be stored, if it cannot.
pub(crate) fn problem(text: &str) -> Option<InputError> {
    if text.len() > MAX_TEXT_BYTES {
        return Some(InputError::TooLong { bytes: text.len(), limit: MAX_TEXT_BYTES });
    }
    // Tabs and line breaks are part of ordinary text; C0 and C1 controls and DEL are not.
    text.chars()
        .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        .map(InputError::ControlCharacter)
}

/// Why `url` cannot be a source's link, if it cannot: only web pages are linked, so that
/// a link in a note or a report never runs a script or opens a local file.
pub(crate) fn link_problem(url: &str) -> Option<InputError> {
    let url = url.trim();
    let scheme = url.split_once("://").map(|(scheme, _)| scheme.to_ascii_lowercase());
    let web = matches!(scheme.as_deref(), Some("http" | "https")) && !url.contains(char::is_whitespace);
    (!web).then(|| InputError::NotAWebLink(url.to_string()))
}

pub(crate) fn storable(field: &'static str, text: &str) -> Result<()> {
    match problem(text) {
        Some(problem) => Err(Error::invalid(field, problem)),
        None => Ok(()),
    }
}

/// The text fields of a form, and the links among them, named as the form names them.
pub(crate) trait TypedText {
    fn texts(&self) -> Vec<(&'static str, &str)>;

    fn links(&self) -> Vec<(&'static str, &str)> {
        Vec::new()
    }
}

/// Checks every text field and every link of a form.
pub(crate) fn all_storable(form: &impl TypedText) -> Result<()> {
    form.texts().into_iter().try_for_each(|(field, text)| storable(field, text))?;
    for (field, url) in form.links() {
        if let Some(problem) = link_problem(url) {
            return Err(Error::invalid(field, problem));
        }
    }
    Ok(())
}

impl TypedText for NewParty {
    fn texts(&self) -> Vec<(&'static str, &str)> {
        vec![("name", &self.name), ("note", &self.note)]
    }
}

impl TypedText for NewSource {
    fn texts(&self) -> Vec<(&'static str, &str)> {
        let mut texts = vec![("title", self.title.as_str()), ("outlet", &self.outlet)];
        texts.extend(self.url.as_deref().map(|url| ("url", url)));
        texts
    }

    fn links(&self) -> Vec<(&'static str, &str)> {
        // An empty link is no link: the form leaves it out.
        self.url.as_deref().filter(|url| !url.trim().is_empty()).map(|url| ("url", url)).into_iter().collect()
    }
}

/// Sources typed into another form's "sources" field: their texts, or their links.
fn cited<'a>(
    sources: &'a [SourceChoice],
    part: fn(&'a NewSource) -> Vec<(&'static str, &'a str)>,
) -> impl Iterator<Item = (&'static str, &'a str)> {
    sources.iter().flat_map(move |choice| match choice {
        SourceChoice::New { source } => part(source).into_iter().map(|(_, text)| ("sources", text)).collect(),
        SourceChoice::Known { .. } => Vec::new(),
    })
}

impl TypedText for NewProposal {
    fn texts(&self) -> Vec<(&'static str, &str)> {
        let mut texts = vec![
            ("title", self.title.as_str()),
            ("summary", &self.summary),
            ("scope", &self.scope),
            ("process", &self.process),
        ];
        texts.extend(self.full_text.as_deref().map(|text| ("full_text", text)));
        texts.extend(cited(&self.sources, NewSource::texts));
        texts
    }

    fn links(&self) -> Vec<(&'static str, &str)> {
        cited(&self.sources, NewSource::links).collect()
    }
}

impl TypedText for NewCondition {
    fn texts(&self) -> Vec<(&'static str, &str)> {
        let mut texts = vec![("text", self.text.as_str()), ("note", &self.note)];
        texts.extend(cited(&self.sources, NewSource::texts));
        texts
    }

    fn links(&self) -> Vec<(&'static str, &str)> {
        cited(&self.sources, NewSource::links).collect()
    }
}

impl TypedText for NewEvent {
    fn texts(&self) -> Vec<(&'static str, &str)> {
        let mut texts = vec![("note", self.note.as_str())];
        texts.extend(cited(&self.sources, NewSource::texts));
        texts
    }

    fn links(&self) -> Vec<(&'static str, &str)> {
        cited(&self.sources, NewSource::links).collect()
    }
}

/// The first string anywhere in a JSON value that cannot be stored: where it is (as
/// `.field[index]`) and why.
pub(crate) fn problem_in_json(value: &serde_json::Value) -> Option<(String, InputError)> {
    use serde_json::Value;
    match value {
        Value::String(text) => problem(text).map(|problem| (String::new(), problem)),
        Value::Array(items) => items.iter().enumerate().find_map(|(index, item)| {
            problem_in_json(item).map(|(place, problem)| (format!("[{index}]{place}"), problem))
        }),
        Value::Object(fields) => fields.iter().find_map(|(key, item)| {
            problem_in_json(item).map(|(place, problem)| (format!(".{key}{place}"), problem))
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_can_be_shown_is_kept_and_controls_are_refused() {
        for kept in [
            "<script>alert(1)</script>",
            "'; DROP TABLE party; --",
            "وقف إطلاق النار",
            "Z̴̡a̷l̸g̵o",
            "🏳️‍🌈",
            "a\tb\r\nc",
        ] {
            assert_eq!(problem(kept), None, "{kept}");
        }
        assert_eq!(problem("a\0b"), Some(InputError::ControlCharacter('\0')));
        assert_eq!(problem("\u{1b}[2J"), Some(InputError::ControlCharacter('\u{1b}')));
        assert_eq!(problem("\u{9b}2J"), Some(InputError::ControlCharacter('\u{9b}')));
        assert_eq!(problem(&"x".repeat(MAX_TEXT_BYTES)), None);
        assert!(matches!(problem(&"x".repeat(MAX_TEXT_BYTES + 1)), Some(InputError::TooLong { .. })));
    }

    #[test]
    fn only_web_pages_are_links() {
        for web in ["https://example.org/a?b=<c>", "HTTP://example.org", " https://example.org "] {
            assert_eq!(link_problem(web), None, "{web}");
        }
        for other in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<script>",
            "example.org",
            "https://a b",
        ] {
            assert_eq!(link_problem(other), Some(InputError::NotAWebLink(other.trim().into())), "{other}");
        }
    }

    #[test]
    fn a_bad_string_in_json_is_found_where_it_is() {
        let value = serde_json::json!({"parties": [{"name": "ok"}, {"name": "bell\u{7}"}]});
        assert_eq!(
            problem_in_json(&value),
            Some((".parties[1].name".into(), InputError::ControlCharacter('\u{7}')))
        );
    }
}
