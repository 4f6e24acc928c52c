//! Any text typed as a date: a date that writes back as typed, or a refusal.
#![no_main]

use ceasefire_tracker::model::EventDate;
use ceasefire_tracker::InputError;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match text.parse::<EventDate>() {
        Ok(date) => {
            assert_eq!(date.iso(), text.trim());
            assert_eq!(date.iso().parse::<EventDate>(), Ok(date));
            assert!(date.first_day() <= date.last_day());
        }
        Err(problem) => assert_eq!(problem, InputError::BadDate(text.to_string())),
    }
});
