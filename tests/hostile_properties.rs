//! Property tests: whatever is typed as a date or a vocabulary word, and whatever a JSON
//! document to import holds, the core answers with a value or a clear refusal, never a
//! panic, and a refused import changes nothing.

use ceasefire_tracker::model::*;
use ceasefire_tracker::{demo, exchange, Error, InputError, Store};
use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

/// Text that looks like a date often, and like anything at other times.
fn date_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,5}(-[0-9]{1,3}){0,3}",
        "[ \t]?[0-9]{4}-[0-9]{2}-[0-9]{2}[ \t]?",
        "[0-9-/. T:Z+]{0,16}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_text_is_a_date_that_reads_back_or_a_clear_refusal(text in date_like()) {
        match text.parse::<EventDate>() {
            Ok(date) => {
                // What was taken is written back in the form it was typed, and means the same.
                prop_assert_eq!(date.iso(), text.trim());
                prop_assert_eq!(date.iso().parse::<EventDate>().unwrap(), date);
                prop_assert!(date.first_day() <= date.last_day());
            }
            Err(problem) => prop_assert_eq!(problem, InputError::BadDate(text.clone())),
        }
    }

    #[test]
    fn every_day_of_every_year_reads_at_each_precision(year in 1000i32..=9999, ordinal in 1u32..=366) {
        let Some(day) = NaiveDate::from_yo_opt(year, ordinal) else { return Ok(()) };
        let typed = day.format("%Y-%m-%d").to_string();
        let date: EventDate = typed.parse().unwrap();
        prop_assert_eq!((date.first_day(), date.precision()), (day, Precision::Day));
        let month: EventDate = day.format("%Y-%m").to_string().parse().unwrap();
        prop_assert_eq!(month.first_day(), day.with_day(1).unwrap());
        prop_assert!(month.first_day() <= day && day <= month.last_day());
        let whole_year: EventDate = year.to_string().parse().unwrap();
        prop_assert!(whole_year.first_day() <= day && day <= whole_year.last_day());
    }

    #[test]
    fn a_day_past_the_end_of_its_month_is_refused(year in 1000i32..=9999, month in 1u32..=12, past in 1u32..=40) {
        let last = NaiveDate::from_ymd_opt(year, month, 1).unwrap().with_day(28).unwrap();
        let days = (28..=31).filter(|d| last.with_day(*d).is_some()).max().unwrap();
        let Some(day) = days.checked_add(past).filter(|d| *d <= 99) else { return Ok(()) };
        let typed = format!("{year:04}-{month:02}-{day:02}");
        prop_assert_eq!(typed.parse::<EventDate>(), Err(InputError::BadDate(typed.clone())));
    }

    #[test]
    fn any_word_is_a_vocabulary_word_that_reads_back_or_a_refusal_listing_the_words(word in prop_oneof![
        "[a-zA-Z_ -]{0,30}",
        any::<String>(),
        proptest::sample::select(ProposalStatus::ALL.iter().map(|s| s.code().to_string()).collect::<Vec<_>>()),
    ]) {
        fn check<V: Vocabulary + std::str::FromStr<Err = InputError> + std::fmt::Debug + PartialEq>(word: &str) -> Result<(), TestCaseError> {
            match word.parse::<V>() {
                Ok(found) => prop_assert_eq!(found.code().parse::<V>().unwrap(), found),
                Err(InputError::UnknownWord { vocabulary, word: said, known }) => {
                    prop_assert_eq!(vocabulary, V::NAME);
                    prop_assert_eq!(said.as_str(), word);
                    for each in V::ALL {
                        prop_assert!(known.contains(each.code()));
                    }
                }
                Err(other) => prop_assert!(false, "{:?} for {:?}", other, word),
            }
            Ok(())
        }
        check::<ProposalStatus>(&word)?;
        check::<Stance>(&word)?;
        check::<Role>(&word)?;
        check::<PartyKind>(&word)?;
        check::<ConditionCategory>(&word)?;
    }
}

/// One change to an exported document: a value replaced somewhere, or the text cut.
#[derive(Debug, Clone)]
enum Damage {
    Replace { path: Vec<usize>, with: serde_json::Value },
    Cut { at: usize },
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::{json, Value};
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|n| json!(n)),
        any::<String>().prop_map(Value::String),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}".prop_map(Value::String),
        Just(json!("00000000-0000-4000-8000-000000000000")),
        Just(json!([])),
        Just(json!({})),
    ]
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (proptest::collection::vec(any::<usize>(), 1..5), json_value())
            .prop_map(|(path, with)| Damage::Replace { path, with }),
        any::<usize>().prop_map(|at| Damage::Cut { at }),
    ]
}

/// Replaces the value that `path` leads to (each step picks a field or an item by index).
fn replace(value: &mut serde_json::Value, path: &[usize], with: serde_json::Value) {
    use serde_json::Value;
    let Some((&step, rest)) = path.split_first() else {
        *value = with;
        return;
    };
    let next = match value {
        Value::Object(fields) if !fields.is_empty() => {
            let key = fields.keys().nth(step % fields.len()).unwrap().clone();
            fields.get_mut(&key)
        }
        Value::Array(items) if !items.is_empty() => {
            let len = items.len();
            items.get_mut(step % len)
        }
        _ => None,
    };
    match next {
        Some(next) => replace(next, rest, with),
        None => *value = with,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_damaged_document_is_imported_whole_or_refused_changing_nothing(damages in proptest::collection::vec(damage(), 1..4)) {
        let mut origin = Store::open_in_memory().unwrap();
        demo::load_demo(&mut origin).unwrap();
        let mut text = exchange::export_json(&origin).unwrap();
        for damage in damages {
            match damage {
                Damage::Replace { path, with } => {
                    let mut document: serde_json::Value = serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
                    replace(&mut document, &path, with);
                    text = serde_json::to_string(&document).unwrap();
                }
                Damage::Cut { at } => {
                    let mut at = at % (text.len() + 1);
                    while !text.is_char_boundary(at) {
                        at -= 1;
                    }
                    text.truncate(at);
                }
            }
        }

        // Into an empty database, and into one already holding the demo under other uuids.
        for mut store in [Store::open_in_memory().unwrap(), {
            let mut store = Store::open_in_memory().unwrap();
            store.add_party(&NewParty { name: "Ukraine".into(), kind: PartyKind::State, member_of: None, note: String::new() }).unwrap();
            store
        }] {
            let before = exchange::export_json(&store).unwrap();
            match exchange::import_json(&mut store, &text) {
                Ok(_) => prop_assert!(store.integrity_problems().unwrap().is_empty()),
                Err(Error::Import { .. }) => prop_assert_eq!(exchange::export_json(&store).unwrap(), before),
                Err(other) => prop_assert!(false, "not an import refusal: {}", other),
            }
        }
    }
}
