//! Sources as numbered notes: each source gets a number the first time a part of the
//! report cites it, and the notes are listed at the end of that part. A source entered
//! twice (same title, outlet and address) is one note: the reader sees one source.

use std::collections::{BTreeMap, HashMap};

use maud::{html, Markup};

use crate::model::{EventDate, SourceRef};

#[derive(Default)]
pub struct Notes<'a> {
    cited: Vec<&'a SourceRef>,
    numbers: HashMap<(&'a str, &'a str, Option<&'a str>), usize>,
}

impl<'a> Notes<'a> {
    /// The note numbers of `sources`, numbering the ones not cited before.
    pub fn cite(&mut self, sources: &'a [SourceRef]) -> Vec<usize> {
        sources
            .iter()
            .map(|source| {
                let same = (source.title.as_str(), source.outlet.as_str(), source.url.as_deref());
                *self.numbers.entry(same).or_insert_with(|| {
                    self.cited.push(source);
                    self.cited.len()
                })
            })
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.cited.is_empty()
    }

    /// The list of notes: title, outlet, publication date and address.
    pub fn list(&self, published: &BTreeMap<i64, EventDate>) -> Markup {
        html! {
            ol.notes {
                @for source in &self.cited {
                    li {
                        "\u{201c}" bdi { (source.title) } "\u{201d}"
                        @if !source.outlet.is_empty() { ", " i dir="auto" { (source.outlet) } }
                        @if let Some(date) = published.get(&source.id) { ", " (date.human()) }
                        "."
                        @if let Some(url) = &source.url {
                            " " span.url { (url) }
                        }
                    }
                }
            }
        }
    }
}

/// The superscript note numbers after an entry.
pub fn marks(numbers: &[usize]) -> Markup {
    html! {
        @if !numbers.is_empty() {
            sup.cite {
                @for (i, n) in numbers.iter().enumerate() {
                    @if i > 0 { "," }
                    (n)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(id: i64) -> SourceRef {
        SourceRef { id, title: format!("Report {id}"), outlet: "Wire".into(), url: None }
    }

    #[test]
    fn a_source_entered_twice_is_one_note() {
        let (a, b) = ([source(1)], [SourceRef { id: 2, ..source(1) }]);
        let mut notes = Notes::default();
        assert_eq!(notes.cite(&a), vec![1]);
        assert_eq!(notes.cite(&b), vec![1]);
        assert_eq!(notes.list(&BTreeMap::new()).into_string().matches("<li>").count(), 1);
    }

    #[test]
    fn a_source_keeps_the_number_it_was_first_cited_with() {
        let (a, b, c) = ([source(7)], [source(3), source(7)], [source(9), source(3)]);
        let mut notes = Notes::default();
        assert_eq!(notes.cite(&a), vec![1]);
        assert_eq!(notes.cite(&b), vec![2, 1]);
        assert_eq!(notes.cite(&c), vec![3, 2]);
        let list = notes.list(&BTreeMap::new()).into_string();
        let order: Vec<usize> =
            ["Report 7", "Report 3", "Report 9"].iter().map(|t| list.find(t).unwrap()).collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{list}");
    }
}
